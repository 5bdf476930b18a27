import type { Db, Executor } from './connection.ts';

/**
 * Runs `work` in one transaction: a command either lands whole or changes nothing.
 * When already inside a transaction, joins it.
 */
export async function inTransaction<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return (db as Db).transaction().execute(work);
}

/** Prefix ranges over byte-ordered text: "abc" matches [abc, abc\u{10FFFF}). */
export const prefixUpperBound = (prefix: string) => `${prefix}\u{10FFFF}`;

export const toNumber = (value: unknown): number => (typeof value === 'bigint' ? Number(value) : Number(value ?? 0));

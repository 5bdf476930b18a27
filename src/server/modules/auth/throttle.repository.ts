import { sql } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { AuthThrottleTable } from '../../db/schema.ts';

/** What one attempt does to a key's row, computed by the service; the repository applies it in one statement. */
export interface TakeAttempt {
  key: string;
  now: string;
  /** A streak that started before this instant is forgotten: the attempt starts a new one. */
  streakStartedBefore: string;
  /** The attempt that makes the count reach this number locks the key. */
  free: number;
  /** When the key opens again after the attempt numbered free + i (the last entry repeats); empty: never locks. */
  lockUntil: string[];
}

/**
 * Attempt counters live in the database so every app instance shares them. Each attempt is counted by one
 * conditional upsert, so concurrent attempts queue on the row (PostgreSQL's row lock, SQLite's single
 * writer) and each sees the count the previous one left: no read-modify-write race.
 */
export class ThrottleRepository {
  /**
   * Counts one attempt unless the key is locked. Returns the row as the attempt left it, or undefined when
   * the key was locked and the attempt was not counted (the upsert's WHERE refused it, so nothing returned).
   */
  async take(db: Executor, attempt: TakeAttempt): Promise<Pick<AuthThrottleTable, 'failures' | 'lockedUntil'> | undefined> {
    const staleStreak = sql<boolean>`${sql.ref('authThrottle.windowStartedAt')} < ${attempt.streakStartedBefore}`;
    const count = sql<number>`case when ${staleStreak} then 1 else ${sql.ref('authThrottle.failures')} + 1 end`;
    const lockFor = (counted: ReturnType<typeof sql<number>>) => {
      if (attempt.lockUntil.length === 0) return sql<string | null>`null`;
      const steps = attempt.lockUntil.slice(0, -1).map((until, i) => sql`when ${attempt.free + i} then ${until}`);
      const last = attempt.lockUntil[attempt.lockUntil.length - 1];
      const grown = steps.length === 0 ? sql`${last}` : sql`case ${counted} ${sql.join(steps, sql` `)} else ${last} end`;
      return sql<string | null>`case when ${counted} < ${attempt.free} then null else ${grown} end`;
    };
    const firstLock = attempt.lockUntil.length > 0 && attempt.free <= 1 ? attempt.lockUntil[0] : null;
    return db
      .insertInto('authThrottle')
      .values({ key: attempt.key, failures: 1, windowStartedAt: attempt.now, lockedUntil: firstLock })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({
            failures: count,
            windowStartedAt: sql<string>`case when ${staleStreak} then ${attempt.now} else ${sql.ref('authThrottle.windowStartedAt')} end`,
            lockedUntil: lockFor(count),
          })
          .where((eb) => eb.or([eb('authThrottle.lockedUntil', 'is', null), eb('authThrottle.lockedUntil', '<=', attempt.now)])),
      )
      .returning(['failures', 'lockedUntil'])
      .executeTakeFirst();
  }

  /** Takes back one counted attempt that turned out fine (a right password), reopening the key below `free`. */
  async giveBack(db: Executor, key: string, free: number): Promise<void> {
    await db
      .updateTable('authThrottle')
      .set({
        failures: sql<number>`${sql.ref('failures')} - 1`,
        lockedUntil: sql<string | null>`case when ${sql.ref('failures')} - 1 < ${free} then null else ${sql.ref('lockedUntil')} end`,
      })
      .where('key', '=', key)
      .where('failures', '>', 0)
      .execute();
  }

  async get(db: Executor, key: string): Promise<AuthThrottleTable | undefined> {
    return db.selectFrom('authThrottle').selectAll().where('key', '=', key).executeTakeFirst();
  }

  async clear(db: Executor, key: string): Promise<void> {
    await db.deleteFrom('authThrottle').where('key', '=', key).execute();
  }

  /** Clears every key that starts with the prefix (LIKE with its wildcards escaped, the same on both databases). */
  async clearPrefix(db: Executor, prefix: string): Promise<void> {
    const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    await db
      .deleteFrom('authThrottle')
      .where(sql<boolean>`${sql.ref('key')} like ${pattern} escape '\\'`)
      .execute();
  }
}

import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Migrations branch on the dialect only where the two databases truly differ (collations, types).
 * They take `Kysely<unknown>`: frozen in time, they must not lean on today's table types.
 */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

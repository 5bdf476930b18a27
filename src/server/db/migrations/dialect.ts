import { PostgresAdapter, type Kysely } from 'kysely';

/** Migrations branch on the dialect only where the two databases truly differ (collations, types). */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

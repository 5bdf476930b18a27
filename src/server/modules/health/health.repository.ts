import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { createMigrator } from '../../db/migrator.ts';

/** The two questions readiness asks of the database. */
export class HealthRepository {
  /** Throws when the database cannot answer. */
  async ping(db: Db): Promise<void> {
    await sql`select 1`.execute(db);
  }

  /** Names of the migrations this build knows that the database has not run. */
  async pendingMigrations(db: Db): Promise<string[]> {
    const known = await createMigrator(db).getMigrations();
    return known.filter((m) => m.executedAt === undefined).map((m) => m.name);
  }
}

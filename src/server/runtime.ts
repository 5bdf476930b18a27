import { sql } from 'kysely';
import type { Config } from './config.ts';
import { createServices, type Services } from './container.ts';
import { openDatabase, type DatabaseHandle } from './db/connection.ts';
import { migrateToLatest } from './db/migrator.ts';

export interface Runtime {
  database: DatabaseHandle;
  services: Services;
  /** Migrations applied by this start, oldest first (empty when the schema was already up to date). */
  migrationsApplied: readonly string[];
  close(): Promise<void>;
}

/** Opens the database, brings its schema up to date and wires the services: shared by the server and the CLI. */
export async function startRuntime(config: Config): Promise<Runtime> {
  const database = openDatabase(config);
  let migrationsApplied: string[];
  try {
    // Reaching the database first reports an unreachable one as such, not as a failed migration.
    await sql`select 1`.execute(database.db);
    const result = await migrateToLatest(database.db);
    migrationsApplied = (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  } catch (error) {
    await database.close();
    throw error;
  }
  const services = createServices(database, config);
  const close = async () => {
    await services.closeJobThreads();
    await database.close();
  };
  return { database, services, migrationsApplied, close };
}

import type { Config } from './config.ts';
import { createServices, type Services } from './container.ts';
import { openDatabase, type DatabaseHandle } from './db/connection.ts';
import { migrateToLatest } from './db/migrator.ts';

export interface Runtime {
  database: DatabaseHandle;
  services: Services;
  close(): Promise<void>;
}

/** Opens the database, brings its schema up to date and wires the services: shared by the server and the CLI. */
export async function startRuntime(config: Config): Promise<Runtime> {
  const database = openDatabase(config);
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  const services = createServices(database, config);
  return { database, services, close: () => database.close() };
}

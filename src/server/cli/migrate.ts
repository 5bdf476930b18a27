import { Command } from 'commander';
import { action, configFromEnv, describeDatabase, withRuntime } from './run.ts';

/** `registrar migrate`: brings the schema up to date and says what ran. */
export function migrateCommand(): Command {
  return new Command('migrate').description('bring the database schema up to date and list the migrations that ran').action(
    action(async () => {
      const config = configFromEnv();
      const applied = await withRuntime(config, async (runtime) => runtime.migrationsApplied);
      const where = describeDatabase(config);
      if (applied.length === 0) {
        process.stdout.write(`The database is up to date (${where}); no migrations to run.\n`);
        return;
      }
      const lines = applied.map((name) => `  ${name}`);
      process.stdout.write(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to ${where}:\n${lines.join('\n')}\n`);
    }),
  );
}

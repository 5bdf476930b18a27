import { Command } from 'commander';
import { announce } from '../main.ts';
import { action, configFromEnv, describeDatabase, withRuntime } from './run.ts';

/** `registrar migrate`: brings the schema up to date and says what ran. */
export function migrateCommand(): Command {
  return new Command('migrate')
    .description('bring the database schema up to date and list the migrations that ran')
    .option(
      '--bootstrap',
      'also create the first administrator as the server does at start (REGISTRAR_ADMIN_EMAIL/PASSWORD): run it once before starting several instances',
    )
    .action(
      action(async (options: { bootstrap?: boolean }) => {
        const config = configFromEnv();
        const applied = await withRuntime(config, async (runtime) => {
          // Before several instances start on an empty database: one process makes the system tenant and
          // the first administrator, so the instances do not race to make them at the same moment.
          if (options.bootstrap)
            announce(
              await runtime.services.bootstrap.ensureFirstAdministrator({ email: config.adminEmail, password: config.adminPassword }),
            );
          return runtime.migrationsApplied;
        });
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

import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { backupDatabase, BackupError, restoreDatabase, type BackupSummary } from '../backup.ts';
import { servingProcess } from '../platform/server-lock.ts';
import { action, CliError, configFromEnv, describeDatabase } from './run.ts';

/** `registrar backup --to FILE`: one file holding the whole database, taken while servers keep running. */
export function backupCommand(): Command {
  return new Command('backup')
    .description('copy the whole database into one file (SQLite: online backup; PostgreSQL: pg_dump), while servers keep running')
    .requiredOption('--to <file>', 'the backup file to write (must not exist yet)')
    .action(
      action(async (options: { to: string }) => {
        const config = configFromEnv();
        const summary = await translated(() => backupDatabase(config, options.to));
        process.stdout.write(`Backed up ${describeDatabase(config)} to ${summary.file}${schemaNote(summary)}.\n`);
      }),
    );
}

/** `registrar restore --from FILE`: replaces the database with a backup's content. */
export function restoreCommand(): Command {
  return new Command('restore')
    .description('replace the database with the content of a backup made by "registrar backup" (stop every server first)')
    .requiredOption('--from <file>', 'the backup file')
    .option('-y, --yes', 'replace the database without asking')
    .action(
      action(async (options: { from: string; yes?: boolean }) => {
        const config = configFromEnv();
        if (config.database.kind === 'sqlite') {
          const pid = servingProcess(config.database.file);
          if (pid !== null)
            throw new CliError(`A Registrar server (process ${pid}) is running on ${describeDatabase(config)}. Stop it, then restore.`);
        }
        const where = describeDatabase(config);
        if (!options.yes && !(await confirm(`Replace everything in ${where} with the content of ${options.from}? [y/N] `))) {
          process.stdout.write('Cancelled: nothing was changed.\n');
          return;
        }
        const summary = await translated(() => restoreDatabase(config, options.from));
        process.stdout.write(
          `Restored ${where} from ${summary.file}${schemaNote(summary)}. Start the server: it brings the schema up to date if the backup is older than this version.\n`,
        );
      }),
    );
}

function schemaNote(summary: BackupSummary): string {
  return summary.lastMigration ? ` (schema at ${summary.lastMigration}, ${summary.migrations} migrations)` : '';
}

async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message);
    throw error;
  }
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw new CliError('Add --yes to replace the database (there is no terminal to ask on).');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(question);
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

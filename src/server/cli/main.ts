import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { adminCommand } from './admin-create.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { demoCommand } from './demo.ts';
import { importCommand } from './import.ts';
import { migrateCommand } from './migrate.ts';
import { serveCommand } from './serve.ts';
import { templatesCommand } from './templates.ts';
import { tokenCommand } from './token-create.ts';

// src/server/cli and dist/server/cli sit at the same depth, so this path holds for both.
const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('registrar')
  .description('Registrar: account provisioning service. Configured by the environment (PORT, REGISTRAR_DATA_DIR, DATABASE_URL, ...).')
  .version(version, '-v, --version', 'print the version')
  .showHelpAfterError('(run registrar --help for usage)')
  .addCommand(serveCommand())
  .addCommand(migrateCommand())
  .addCommand(adminCommand())
  .addCommand(tokenCommand())
  .addCommand(importCommand())
  .addCommand(templatesCommand())
  .addCommand(backupCommand())
  .addCommand(restoreCommand())
  .addCommand(demoCommand())
  .addHelpText(
    'after',
    `
Examples:
  registrar migrate
  registrar serve --port 8080
  registrar admin create --email ana@example.org
  registrar token create --email ana@example.org --name nightly-sync --quiet
  registrar import people.csv --org "Riverside County" --dry-run
  registrar templates add "County archival" --tenant "CACWT"
  registrar backup --to /var/backups/registrar/2026-12-01.db
  registrar restore --from /var/backups/registrar/2026-12-01.db --yes
  registrar demo --serve

Run "registrar <command> --help" (e.g. "registrar admin create --help") for a command's options.`,
  );

await program.parseAsync(process.argv);

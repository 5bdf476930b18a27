import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { pipeline } from 'node:stream/promises';
import { SingleBar, Presets } from 'cli-progress';
import { progressLineDue } from './progress-lines.ts';
import { Command, Option } from 'commander';
import { importModes, type ImportView } from '../../common/schemas/imports.ts';
import type { Services } from '../container.ts';
import { JobRunner } from '../jobs/index.ts';
import { systemActor, type Actor } from '../platform/actor.ts';
import { spoolUpload } from '../modules/imports/import-files.ts';
import type { Config } from '../config.ts';
import { servingProcess } from '../platform/server-lock.ts';
import { action, CliError, configFromEnv, describeDatabase, withRuntime } from './run.ts';

interface ImportOptions {
  org: string;
  template: string;
  mode?: (typeof importModes)[number];
  dryRun?: boolean;
  yes?: boolean;
  failedOut?: string;
  attest?: boolean;
}

/** `registrar import FILE --org ORG`: preview, confirm, apply, with a progress bar and the failed rows saved beside the file. */
export function importCommand(): Command {
  return new Command('import')
    .description('import accounts from a CSV or XLSX file: preview every row, then apply')
    .argument('<file>', 'the CSV or XLSX file')
    .requiredOption('--org <org>', 'id or exact name of the organization the import belongs to')
    .option('--template <key>', 'import template', 'accounts')
    .addOption(
      new Option(
        '--mode <mode>',
        'create: only new accounts; upsert: create and update; update: only existing (default: the template’s own, upsert for accounts)',
      ).choices([...importModes]),
    )
    .option('--dry-run', 'show what would happen and change nothing')
    .option('-y, --yes', 'apply without asking')
    .option('--attest', 'confirm the sentence the tenant asks people to confirm before an import (Settings → attestation)')
    .option('--failed-out <path>', 'where to write the failed rows (default: <file>-failed-rows.csv beside the file)')
    .action(
      action(async (file: string, options: ImportOptions) => {
        if (!existsSync(file)) throw new CliError(`There is no file ${file}.`);
        const config = configFromEnv();
        refuseBesideServer(config);
        await withRuntime(config, async ({ services, database }) => {
          const actor = systemActor('cli', 'command line');
          const orgId = await resolveOrg(services, actor, options.org);
          await refuseWithoutAttestation(services, database.db, orgId, options);
          // Someone is watching: a failing batch is retried after 1, 2, 4 and 8 s, not the server's 5 s and up.
          const runner = new JobRunner({
            db: database.db,
            queue: services.jobQueue,
            handlers: services.jobHandlers,
            pollIntervalMs: 100,
            retryBaseMs: 1000,
          });
          runner.start();
          try {
            const upload = await spoolUpload(createReadStream(file));
            let id: string;
            try {
              ({ id } = await services.imports.startImport(actor, {
                orgId,
                template: options.template,
                mode: options.mode,
                fileName: basename(file),
                upload,
              }));
            } finally {
              await upload.discard();
            }
            const planned = await follow(services, actor, id, 'Checking', (v) => v.status !== 'queued' && v.status !== 'planning');
            if (planned.status === 'failed') throw new CliError(`The file was refused: ${planned.error?.message ?? 'unknown reason'}`);
            printCounts('Preview', planned);
            if (options.dryRun) {
              await services.imports.cancelImport(actor, id);
              await saveFailed(services, actor, planned, file, options.failedOut);
              process.stdout.write('Dry run: nothing was changed.\n');
              return;
            }
            if (!options.yes && !(await confirm(planned))) {
              await services.imports.cancelImport(actor, id);
              process.stdout.write('Cancelled: nothing was changed.\n');
              return;
            }
            await services.imports.commitImport(actor, id, { attested: options.attest === true });
            const done = await follow(services, actor, id, 'Applying', (v) => v.status !== 'running');
            if (done.status !== 'completed') {
              // Failed or cancelled part-way: the counts are what was applied, and the last line says so.
              printCounts(`Applied before the import stopped (${done.rowsDone} of ${done.counts.total} rows)`, done);
              await saveFailed(services, actor, done, file, options.failedOut);
              throw new CliError(`The import ${id} did not complete (${done.status}): ${done.error?.message ?? 'it was stopped.'}`);
            }
            printCounts(`Import ${done.status}`, done);
            await saveFailed(services, actor, done, file, options.failedOut);
            process.stdout.write(`Import id ${id}; undo it with POST /api/imports/${id}/rollback.\n`);
          } finally {
            await runner.stop();
          }
        });
      }),
    );
}

/**
 * On SQLite, a server running on the same database would compete with this import for the single
 * writer and claim its jobs: refused at once, saying what to do instead. PostgreSQL is made for
 * several processes, so there the command line works beside a server.
 */
function refuseBesideServer(config: Config): void {
  if (config.database.kind !== 'sqlite') return;
  const pid = servingProcess(config.database.file);
  if (pid === null) return;
  throw new CliError(
    `A Registrar server (process ${pid}) is running on ${describeDatabase(config)}. Upload the file in its console (Imports) or with POST /api/imports instead, or stop the server and run this command again.`,
  );
}

/** Before any work: a tenant that asks for a confirmation gets it on the command line too (`--attest`). */
async function refuseWithoutAttestation(
  services: Services,
  db: Parameters<Services['tenantSettings']['settingsOf']>[0],
  orgId: string,
  options: ImportOptions,
): Promise<void> {
  if (options.attest || options.dryRun) return;
  const [org] = await services.organizations.getManyByIds(db, [orgId]);
  if (!org) return;
  const { attestation } = await services.tenantSettings.settingsOf(db, org.tenantId);
  if (attestation) throw new CliError(`This tenant asks you to confirm before importing: “${attestation}” Add --attest to confirm it.`);
}

async function resolveOrg(services: Services, actor: Actor, org: string): Promise<string> {
  const all = await services.organizations.listOrganizations(actor);
  const byId = all.find((o) => o.id === org);
  if (byId) return byId.id;
  const named = all.filter((o) => o.name.toLowerCase() === org.trim().toLowerCase());
  if (named.length === 1 && named[0]) return named[0].id;
  if (named.length > 1)
    throw new CliError(`Several organizations are named "${org}"; pass the id instead:\n${named.map((o) => `  ${o.id}`).join('\n')}`);
  throw new CliError(`No organization has the id or name "${org}".`);
}

/**
 * Polls the import until `finished` says so, drawing a progress bar on a terminal, or printing a
 * progress line each tenth of the way (and at the end) when stderr is a log file.
 */
async function follow(
  services: Services,
  actor: Actor,
  id: string,
  label: string,
  finished: (v: ImportView) => boolean,
): Promise<ImportView> {
  const terminal = Boolean(process.stderr.isTTY);
  const bar = terminal
    ? new SingleBar({ format: `${label} |{bar}| {value}/{total} rows`, stream: process.stderr, hideCursor: true }, Presets.shades_classic)
    : undefined;
  const totalOf = (v: ImportView) => Math.max(v.counts.total, v.rowsDone, 1);
  let view = await services.imports.getImport(actor, id);
  bar?.start(totalOf(view), view.rowsDone);
  let lastLine: { rows: number; at: number } | undefined;
  while (!finished(view)) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    view = await services.imports.getImport(actor, id);
    bar?.setTotal(totalOf(view));
    bar?.update(view.rowsDone);
    if (!terminal && progressLineDue(lastLine, view.rowsDone, totalOf(view), Date.now())) {
      process.stderr.write(`${label}: ${view.rowsDone}/${totalOf(view)} rows\n`);
      lastLine = { rows: view.rowsDone, at: Date.now() };
    }
  }
  if (bar) {
    bar.update(totalOf(view));
    bar.stop();
  } else if (lastLine?.rows !== totalOf(view)) {
    process.stderr.write(`${label}: ${totalOf(view)}/${totalOf(view)} rows\n`);
  }
  return view;
}

const rowsText = (n: number) => (n === 1 ? '1 row' : `${n} rows`);

function printCounts(title: string, view: ImportView): void {
  const c = view.counts;
  process.stdout.write(
    `${title}: ${rowsText(c.total)} — create ${c.created}, update ${c.updated}, unchanged ${c.unchanged}, archive ${c.archived}, reactivate ${c.reactivated}, failed ${c.failed}\n`,
  );
}

async function confirm(view: ImportView): Promise<boolean> {
  if (!process.stdin.isTTY) throw new CliError('Add --yes to apply this import (or --dry-run to only preview it).');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(
    `Apply it (${view.counts.failed === 1 ? '1 failed row' : `${view.counts.failed} failed rows`} will be skipped)? [y/N] `,
  );
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

async function saveFailed(services: Services, actor: Actor, view: ImportView, file: string, out?: string): Promise<void> {
  if (view.counts.failed === 0) return;
  const path = out ?? file.replace(/(\.[^./\\]+)?$/, '-failed-rows.csv');
  const { stream } = await services.failedRows.failedRowsCsv(actor, view.id);
  await pipeline(stream, createWriteStream(path));
  process.stdout.write(
    `${view.counts.failed === 1 ? 'The failed row, with its reason, is' : `${view.counts.failed} failed rows, with the reason for each, are`} in ${path}: fix them and import that file again.\n`,
  );
}

import { buildApp, logRedactPaths } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { JobRunner } from './jobs/index.ts';
import { markServed } from './platform/server-lock.ts';
import { startRuntime } from './runtime.ts';
import type { BootstrapOutcome } from './modules/bootstrap/bootstrap.service.ts';

/** Entry point: config → database → bootstrap → HTTP, with graceful shutdown. */
export async function serve(config: Config): Promise<void> {
  const runtime = await startRuntime(config);
  runtime.services.metrics.includeProcessMetrics();
  // Tells the command line that this process holds the SQLite database (see platform/server-lock.ts).
  const unmark = config.database.kind === 'sqlite' ? markServed(config.database.file) : () => undefined;
  process.on('exit', unmark);
  const outcome = await runtime.services.bootstrap.ensureFirstAdministrator({ email: config.adminEmail, password: config.adminPassword });
  const app = await buildApp({
    services: runtime.services,
    sessionSecret: config.sessionSecret,
    secureCookies: config.publicUrl?.startsWith('https:') ?? false,
    trustProxy: config.trustProxy,
    metricsToken: config.metricsToken,
    logger: { level: config.logLevel, redact: logRedactPaths, ...readableOnTerminal() },
  });
  // Background work (import plans and commits) runs in every instance; PostgreSQL hands each job to one of them.
  const runner = new JobRunner({
    db: runtime.database.db,
    queue: runtime.services.jobQueue,
    handlers: runtime.services.jobHandlers,
    leaseMs: config.jobLeaseSeconds * 1000,
    logger: app.log,
  });
  runner.start();
  const stopExpiry = runtime.services.activation.scheduleExpirySweep(undefined, (error) =>
    app.log.error({ err: error }, 'could not queue the invitation expiry sweep'),
  );
  const stopImportFiles = runtime.services.importRetention.scheduleSweep(undefined, (error) =>
    app.log.error({ err: error }, 'could not queue the sweep of old import files'),
  );
  const stopInactivity = runtime.services.inactivity.scheduleDailySweep(undefined, (error) =>
    app.log.error({ err: error }, 'could not queue the inactivity sweep'),
  );
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    stopExpiry();
    stopInactivity();
    stopImportFiles();
    await app.close();
    await runner.stop();
    runtime.services.mailTransport.close();
    await runtime.close();
    unmark();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const where = config.database.kind === 'sqlite' ? `SQLite at ${config.database.file}` : 'PostgreSQL';
  // One write, credentials last: they come right after the start-up lines, in the same piece of output
  // (a reader of the pipe sees them together), and no log line scrolls them away.
  process.stdout.write(
    [
      `Registrar is listening on http://localhost:${config.port} (console at /, API docs at /api/docs) using ${where}\n`,
      config.smtpUrl ? '' : "No SMTP_URL: outgoing mail is held and shown on the console's Mail page.\n",
      announcement(outcome),
    ].join(''),
  );
  warnOfWeakPassword(outcome);
}

/** What `registrar migrate --bootstrap` says: the same as a first start. */
export function announce(outcome: BootstrapOutcome): void {
  process.stdout.write(announcement(outcome));
  warnOfWeakPassword(outcome);
}

function warnOfWeakPassword(outcome: BootstrapOutcome): void {
  for (const warning of outcome.kind === 'created-from-env' ? outcome.warnings : [])
    process.stderr.write(`Warning: REGISTRAR_ADMIN_PASSWORD is weak: ${warning}\n`);
}

/**
 * On a terminal, log lines are for a person: pino-pretty, one readable line each. Anywhere else (a file,
 * a container's log collector) they stay JSON, one object a line, for machines.
 */
function readableOnTerminal(): { transport?: { target: string; options: Record<string, unknown> } } {
  if (!process.stdout.isTTY) return {};
  return { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true } } };
}

/** What the first start says about the administrator it made, if it made one. */
function announcement(outcome: BootstrapOutcome): string {
  if (outcome.kind === 'generated') {
    return (
      [
        '',
        '  A first administrator was created. These credentials are shown only once:',
        `    email:    ${outcome.email}`,
        `    password: ${outcome.password}`,
        '  You will be asked to choose a new password at first sign-in.',
        '  (Set REGISTRAR_ADMIN_EMAIL and REGISTRAR_ADMIN_PASSWORD to choose them yourself.)',
        '',
      ].join('\n') + '\n'
    );
  }
  if (outcome.kind === 'created-from-env') return `Created the administrator ${outcome.email} from REGISTRAR_ADMIN_EMAIL.\n`;
  return '';
}

const isEntry = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) {
  try {
    await serve(loadConfig());
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
    process.exit(1);
  }
}

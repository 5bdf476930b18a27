import { buildApp, logRedactPaths } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { JobRunner } from './jobs/index.ts';
import { markServed } from './platform/server-lock.ts';
import { startRuntime } from './runtime.ts';
import type { BootstrapOutcome } from './modules/bootstrap/bootstrap.service.ts';

/** Entry point: config → database → bootstrap → HTTP, with graceful shutdown. */
export async function serve(config: Config): Promise<void> {
  const runtime = await startRuntime(config);
  // Tells the command line that this process holds the SQLite database (see platform/server-lock.ts).
  const unmark = config.database.kind === 'sqlite' ? markServed(config.database.file) : () => undefined;
  process.on('exit', unmark);
  const outcome = await runtime.services.bootstrap.ensureFirstAdministrator({ email: config.adminEmail, password: config.adminPassword });
  announce(outcome);
  const app = await buildApp({
    services: runtime.services,
    sessionSecret: config.sessionSecret,
    secureCookies: config.publicUrl?.startsWith('https:') ?? false,
    trustProxy: config.trustProxy,
    logger: { level: config.logLevel, redact: logRedactPaths },
  });
  // Background work (import plans and commits) runs in every instance; PostgreSQL hands each job to one of them.
  const runner = new JobRunner({
    db: runtime.database.db,
    queue: runtime.services.jobQueue,
    handlers: runtime.services.jobHandlers,
    logger: app.log,
  });
  runner.start();
  const stopExpiry = runtime.services.activation.scheduleExpirySweep(undefined, (error) =>
    app.log.error({ err: error }, 'could not queue the invitation expiry sweep'),
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
  process.stdout.write(`Registrar is listening on http://localhost:${config.port} (console at /, API docs at /api/docs) using ${where}\n`);
  if (!config.smtpUrl) process.stdout.write("No SMTP_URL: outgoing mail is held and shown on the console's Mail page.\n");
}

function announce(outcome: BootstrapOutcome): void {
  if (outcome.kind === 'generated') {
    process.stdout.write(
      [
        '',
        '  A first administrator was created. These credentials are shown only once:',
        `    email:    ${outcome.email}`,
        `    password: ${outcome.password}`,
        '  You will be asked to choose a new password at first sign-in.',
        '  (Set REGISTRAR_ADMIN_EMAIL and REGISTRAR_ADMIN_PASSWORD to choose them yourself.)',
        '',
      ].join('\n') + '\n',
    );
  } else if (outcome.kind === 'created-from-env') {
    process.stdout.write(`Created the administrator ${outcome.email} from REGISTRAR_ADMIN_EMAIL.\n`);
    for (const warning of outcome.warnings) process.stderr.write(`Warning: REGISTRAR_ADMIN_PASSWORD is weak: ${warning}\n`);
  }
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

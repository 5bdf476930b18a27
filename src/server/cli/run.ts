import { ErrorCodes } from '../../common/error-codes.ts';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { AppError } from '../platform/errors.ts';
import { startRuntime, type Runtime } from '../runtime.ts';

/** A mistake in what the operator typed, reported as a plain message. */
export class CliError extends Error {}

/** Network and authentication failures while opening the database: the operator's to fix, not a bug. */
const databaseProblems = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '28P01',
  '28000',
  '3D000',
  'SQLITE_CANTOPEN',
]);

/** Reads the configuration from the environment; a bad variable becomes a ConfigError, reported without a trace. */
export function configFromEnv(overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig({ ...process.env, ...overrides });
}

/** Opens the database (migrating it), runs `work` with the services and always closes it again. */
export async function withRuntime<T>(config: Config, work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await startRuntime(config);
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

/** Where the data lives, without the password a PostgreSQL URL may carry. */
export function describeDatabase(config: Config): string {
  if (config.database.kind === 'sqlite') return `SQLite at ${config.database.file}`;
  const url = new URL(config.database.url);
  return `PostgreSQL at ${url.host}${url.pathname}`;
}

/**
 * Wraps a command's action: expected failures (bad input, bad configuration, refusals from the services)
 * print one readable message and exit with status 1; anything else is a bug and keeps its stack trace.
 */
export function action<A extends unknown[]>(run: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await run(...args);
    } catch (error) {
      process.stderr.write(`${describeFailure(error)}\n`);
      // Exit at once: a failed start may leave a pool or a listener open that would keep the process alive.
      process.exit(1);
    }
  };
}

function describeFailure(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof CliError) return `Error: ${error.message}`;
  if (error instanceof AppError && error.code === ErrorCodes.weakPassword) return `Error: the password was refused. ${error.message}`;
  if (error instanceof AppError) return `Error: ${error.message}`;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && databaseProblems.has(code)) return `Error: could not open the database: ${(error as Error).message}`;
  if (code === 'EADDRINUSE') return `Error: ${(error as Error).message} (set PORT or pass --port to use another port)`;
  return `Unexpected error (please report it):\n${error instanceof Error ? error.stack : String(error)}`;
}

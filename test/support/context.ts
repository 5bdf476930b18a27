import { after, before, describe } from 'node:test';
import type { FastifyInstance, FastifyServerOptions, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { createServices, type Overrides, type Services } from '../../src/server/container.ts';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/connection.ts';
import { migrateToLatest } from '../../src/server/db/migrator.ts';
import { JobRunner } from '../../src/server/jobs/index.ts';
import { systemActor } from '../../src/server/platform/actor.ts';
import { createScratchDatabase, databaseKinds, postgresSkipReason, type DatabaseKind } from './databases.ts';

export const adminEmail = 'root@registrar.test';
export const adminPassword = 'root-password-for-tests';

export interface TestContext {
  kind: DatabaseKind;
  database: DatabaseHandle;
  services: Services;
  app: FastifyInstance;
  /** Calls the API; `as` is a cookie header or bearer token from signIn/tokenFor. */
  call(
    method: InjectOptions['method'],
    url: string,
    options?: { as?: Session; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  signIn(username: string, password: string): Promise<Session>;
  /** The bootstrap global administrator, signed in. */
  root: Session;
  /** Runs queued background jobs until none is due (imports plan and commit through these). */
  drainJobs(): Promise<number>;
  /** Another app instance (own services, own connection pool) over the same database, as a second server would be. */
  openSecondInstance(overrides?: Overrides): Promise<{ services: Services; app: FastifyInstance; close(): Promise<void> }>;
}

export interface TestContextOptions {
  /** Send mail through this SMTP server (default: none, messages are held). */
  smtpUrl?: string;
  /** The job runner's retry base (default 5 s); mail tests shorten it to drive retries. */
  retryBaseMs?: number;
  /** Seams for the services (a clock to move, a hasher that counts its calls). */
  overrides?: Overrides;
  /** The app's logger (tests that read the log pass one writing into memory). */
  logger?: FastifyServerOptions['logger'];
  /** Requests a SCIM token may make per minute (the rate-limit test lowers it). */
  scimRequestsPerMinute?: number;
}

export interface Session {
  cookie?: string;
  bearer?: string;
}

/** Builds a whole app (real database, real services, real HTTP stack through inject) for one database kind. */
export async function createTestContext(
  kind: DatabaseKind,
  options: TestContextOptions = {},
): Promise<TestContext & { close(): Promise<void> }> {
  const scratch = await createScratchDatabase(kind);
  const database = openDatabase(scratch.config);
  await migrateToLatest(database.db);
  const { services, app } = await buildInstance(database, options);
  await services.bootstrap.ensureFirstAdministrator({ email: adminEmail, password: adminPassword });

  const call: TestContext['call'] = (method, url, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as?.cookie) headers.cookie = options.as.cookie;
    if (options.as?.bearer) headers.authorization = `Bearer ${options.as.bearer}`;
    return app.inject({ method, url, headers, ...(options.body === undefined ? {} : { payload: options.body as object }) });
  };
  const signIn = async (username: string, password: string): Promise<Session> => {
    const response = await call('POST', '/api/auth/login', { body: { username, password } });
    if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
    const setCookie = response.headers['set-cookie'];
    const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    return { cookie: (first ?? '').split(';')[0] };
  };
  const root = await signIn(adminEmail, adminPassword);
  const runner = new JobRunner({
    db: database.db,
    queue: services.jobQueue,
    handlers: services.jobHandlers,
    workerId: `test-${kind}`,
    ...(options.retryBaseMs ? { retryBaseMs: options.retryBaseMs } : {}),
  });
  const drainJobs = async () => {
    let ran = 0;
    while (await runner.runOnce()) ran += 1;
    return ran;
  };
  return {
    kind,
    database,
    services,
    app,
    call,
    signIn,
    root,
    drainJobs,
    openSecondInstance: async (overrides) => {
      const other = openDatabase(scratch.config);
      const instance = await buildInstance(other, { ...options, overrides });
      return {
        ...instance,
        close: async () => {
          await instance.app.close();
          instance.services.mailTransport.close();
          await instance.services.closeJobThreads();
          await other.close();
        },
      };
    },
    close: async () => {
      await app.close();
      services.mailTransport.close();
      await services.closeJobThreads();
      await database.close();
      await scratch.drop();
    },
  };
}

async function buildInstance(database: DatabaseHandle, options: TestContextOptions): Promise<{ services: Services; app: FastifyInstance }> {
  const services = createServices(
    database,
    {
      sessionTtlHours: 12,
      ...(options.smtpUrl ? { smtpUrl: options.smtpUrl, mailFrom: 'Registrar <no-reply@registrar.test>' } : {}),
      ...(options.scimRequestsPerMinute ? { scimRequestsPerMinute: options.scimRequestsPerMinute } : {}),
    },
    options.overrides,
  );
  const app = await buildApp({
    services,
    sessionSecret: 'test-secret-test-secret-test-secret-0000',
    logger: options.logger ?? (process.env.REGISTRAR_TEST_LOG ? { level: 'error' } : undefined),
  });
  return { services, app };
}

/**
 * Declares the suite once per database kind. The PostgreSQL half is skipped, and says so, only on
 * a machine without PostgreSQL (never in CI, where databases.ts fails instead).
 */
export function describeEachDatabase(title: string, body: (ctx: () => TestContext) => void, options: TestContextOptions = {}): void {
  for (const kind of databaseKinds) {
    const skip = kind === 'postgres' ? postgresSkipReason : false;
    describe(`${title} [${kind}]`, { skip }, () => {
      let ctx: (TestContext & { close(): Promise<void> }) | undefined;
      before(async () => {
        ctx = await createTestContext(kind, options);
      });
      after(async () => {
        await ctx?.close();
      });
      body(() => {
        if (!ctx) throw new Error('test context not ready');
        return ctx;
      });
    });
  }
}

export { systemActor };

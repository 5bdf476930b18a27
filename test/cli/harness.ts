import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe } from 'node:test';
import { createScratchDatabase, databaseKinds, postgresSkipReason, type DatabaseKind } from '../support/databases.ts';

/** The CLI as a user runs it, from the sources (the build runs the same file compiled). */
const root = resolve(import.meta.dirname, '../..');
const entry = join(root, 'src/server/cli/main.ts');

export type Env = Record<string, string>;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a fresh install: nothing from the caller's Registrar settings leaks in. */
function cleanEnv(env: Env): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('REGISTRAR_') && key !== 'DATABASE_URL' && key !== 'PORT'),
  );
  return { ...base, LOG_LEVEL: 'silent', ...env };
}

function launch(args: string[], env: Env): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: root, env: cleanEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Runs one command to completion; `input` is written to its standard input. */
export function runCli(args: string[], env: Env, input?: string): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = launch(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin?.end(input ?? '');
  });
}

export interface RunningServer {
  url: string;
  /** Everything the server printed so far. */
  output(): string;
  /** Stops it the way an operator would (SIGTERM) and waits for it to exit. */
  stop(): Promise<number | null>;
  /** Kills it as a crash or an out-of-memory killer would (SIGKILL: no shutdown at all) and waits for it to go. */
  kill(): Promise<void>;
}

/** Starts `registrar serve` on a free port and waits until it listens. */
export async function startServer(env: Env): Promise<RunningServer> {
  const port = await freePort();
  const child = launch(['serve', '--port', String(port)], env);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start within 30 s:\n${output}`)), 30_000);
    child.stdout?.on('data', () => {
      if (output.includes('is listening on')) {
        clearTimeout(timer);
        ready();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`serve exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Starts the server, runs `work` against it and always stops it; returns what the server printed. */
export async function withServer<T>(env: Env, work: (server: RunningServer) => Promise<T>): Promise<{ result: T; output: string }> {
  const server = await startServer(env);
  try {
    const result = await work(server);
    return { result, output: server.output() };
  } finally {
    await server.stop();
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/** Signs in through the HTTP API; returns the session cookie and whether the password must be changed. */
export async function signIn(
  server: RunningServer,
  username: string,
  password: string,
): Promise<{ status: number; cookie: string; mustChangePassword?: boolean }> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as { mustChangePassword?: boolean };
  const cookie = (response.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  return { status: response.status, cookie, mustChangePassword: body.mustChangePassword };
}

/** A JSON call with a session cookie or a bearer token; `T` is the shape the test expects back. */
export async function call<T = unknown>(
  server: RunningServer,
  method: string,
  path: string,
  as: { cookie?: string; bearer?: string },
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (as.cookie) headers.cookie = as.cookie;
  if (as.bearer) headers.authorization = `Bearer ${as.bearer}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A private data directory (SQLite), or a scratch PostgreSQL database with its own data directory. */
export async function freshInstall(kind: DatabaseKind): Promise<{ env: Env; remove(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'registrar-cli-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (kind === 'sqlite') return { env: { REGISTRAR_DATA_DIR: dataDir }, remove: async () => removeDir() };
  const scratch = await createScratchDatabase('postgres');
  return {
    env: { REGISTRAR_DATA_DIR: dataDir, DATABASE_URL: scratch.url },
    remove: async () => {
      await scratch.drop();
      removeDir();
    },
  };
}

/**
 * Declares the suite once per database kind, each with a fresh install made before and removed after.
 * The PostgreSQL half is skipped, and says so, only on a machine without PostgreSQL.
 */
export function describeEachInstall(title: string, body: (env: () => Env) => void): void {
  for (const kind of databaseKinds) {
    const skip = kind === 'postgres' ? postgresSkipReason : false;
    describe(`${title} [${kind}]`, { skip }, () => {
      let install: Awaited<ReturnType<typeof freshInstall>> | undefined;
      before(async () => {
        install = await freshInstall(kind);
      });
      after(async () => {
        await install?.remove();
      });
      body(() => {
        if (!install) throw new Error('install not ready');
        return install.env;
      });
    });
  }
}

/**
 * A real Registrar server for benchmarks: `src/server/main.ts` in a child process on loopback over a
 * seeded benchmark database, with the production defaults, and the bearer tokens to call it with.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, Agent } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchPostgresUrl, sqliteFile, type BenchKind } from './seed.ts';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Waits until a server child answers /api/health (120 s at most), failing at once if it exits first. */
export async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before answering`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the server did not answer /api/health within 120 s');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Starts `src/server/main.ts` on loopback with the production defaults (log level info) and waits for /api/health. */
export async function startServer(
  kind: BenchKind,
  port: number,
  serverRoot = '.',
): Promise<{ child: ChildProcess; stop(): Promise<void> }> {
  const scratch = mkdtempSync(join(tmpdir(), 'registrar-load-'));
  // REGISTRAR_BENCH_NODE_ARGS passes node options to the server alone (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
  const nodeArgs = (process.env.REGISTRAR_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(serverRoot, 'src/server/main.ts')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      REGISTRAR_DATA_DIR: scratch,
      DATABASE_URL: kind === 'sqlite' ? `sqlite:${sqliteFile}` : benchPostgresUrl(),
      REGISTRAR_SESSION_SECRET: 'load-benchmark-secret-load-benchmark-secret',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForHealth(`http://127.0.0.1:${port}`, child);
  return {
    child,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** CPU time (user + system) a process has used so far, in ms, from /proc: the server's own cost per request, whatever else runs. */
export function cpuMsOf(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/** One keep-alive connection, as a console or an integration keeps it open between requests. */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** GET with a bearer token over the kept-alive connection; resolves with the status and the parsed body. */
export function getJson(port: number, path: string, token: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

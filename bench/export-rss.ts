/**
 * The CSV export of a seeded SQLite database through HTTP, as a person downloads it: the built server
 * (`node dist/server/main.js`, production defaults, no heap cap) in its own process, the file read to the
 * end over loopback, and the server's peak RSS (VmHWM from /proc, the kernel's own high-water mark).
 *
 *   npm run build:server
 *   node --import tsx bench/export-rss.ts <sqlite file> <admin email> <password> [query]
 *
 * The file is the one `npm run bench:bulk -- --million --keep=<file>` leaves (1,000,000 accounts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForHealth } from './server.ts';

const [file, email, password, query = 'format=csv&affiliation=Bench+Partners'] = process.argv.slice(2) as [string, string, string, string?];
const port = await freePort();
const child = spawn(process.execPath, [...(process.env.EXPORT_NODE_ARGS ?? '').split(' ').filter(Boolean), 'dist/server/main.js'], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    REGISTRAR_DATA_DIR: mkdtempSync(join(tmpdir(), 'registrar-export-')),
    DATABASE_URL: `sqlite:${file}`,
    REGISTRAR_SESSION_SECRET: 'export-benchmark-secret-export-benchmark-secret',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const status = (field: string) => {
  const line = readFileSync(`/proc/${child.pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Math.round(Number(line?.split(/\s+/)[1] ?? 0) / 1024);
};
const base = `http://127.0.0.1:${port}`;
await waitForHealth(base, child);
const rssAtStart = status('VmRSS');
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: base },
  body: JSON.stringify({ username: email, password }),
});
if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
const rssBefore = status('VmRSS');
const started = performance.now();
const response = await fetch(`${base}/api/accounts/export?${query}`, { headers: { cookie } });
let bytes = 0;
let lines = 0;
for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
  bytes += chunk.length;
  for (const b of chunk) if (b === 10) lines++;
}
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    status: response.status,
    seconds: Math.round(seconds * 10) / 10,
    mib: Math.round(bytes / 1048576),
    lines,
    serverRssAtStartMiB: rssAtStart,
    serverRssAfterSignInMiB: rssBefore,
    serverPeakRssMiB: status('VmHWM'),
    loadavg: readFileSync('/proc/loadavg', 'utf8').trim(),
  }),
);
child.kill('SIGTERM');

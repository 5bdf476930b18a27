import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { postgresSkipReason } from '../support/databases.ts';
import { freshInstall, startServer, type RunningServer } from '../cli/harness.ts';

/*
 * The sample nginx configuration of deploy/ in front of two instances on one PostgreSQL, as
 * docs/DEPLOYMENT.md describes: the file itself, with only its ports, certificate paths and the
 * IPv6 listeners (not every test machine has IPv6) changed.
 */
const sample = resolve(import.meta.dirname, '../../deploy/nginx/registrar.conf');
const nginx = spawnSync('nginx', ['-v'], { encoding: 'utf8' });
const skip = nginx.error ? 'nginx is not installed on this machine' : postgresSkipReason;

const admin = { email: 'proxy.admin@example.org', password: 'proxy admin password 1' };

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
  const target = new URL(url);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers = { ...options.headers, ...(payload ? { 'content-type': 'application/json' } : {}) };
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((done, fail) => {
    // The test certificate is self-signed: trust it for these calls only.
    const req = request(target, { method: options.method ?? 'GET', headers, rejectUnauthorized: false, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end(payload);
  });
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

/** How many requests to one route an instance counted, read from its own /metrics (loopback, no proxy). */
async function countedBy(instance: RunningServer, route: string): Promise<number> {
  const text = (await send(`${instance.url}/metrics`)).body;
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('registrar_http_requests_total{') && line.includes(`route="${route}"`)) total += Number(line.split(' ').at(-1));
  }
  return total;
}

describe('the sample nginx configuration in front of two instances [postgres]', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'registrar-nginx-'));
  let install: Awaited<ReturnType<typeof freshInstall>> | undefined;
  let instances: RunningServer[] = [];
  let proxy: ChildProcess | undefined;
  let httpsUrl = '';
  let httpUrl = '';

  before(async () => {
    install = await freshInstall('postgres');
    const [httpPort, httpsPort] = [await freePort(), await freePort()];
    httpsUrl = `https://127.0.0.1:${httpsPort}`;
    httpUrl = `http://127.0.0.1:${httpPort}`;
    const env = {
      ...install.env,
      REGISTRAR_SESSION_SECRET: 'one-secret-shared-by-every-instance-behind-the-proxy',
      REGISTRAR_PUBLIC_URL: httpsUrl,
      REGISTRAR_TRUST_PROXY: 'true',
      REGISTRAR_ADMIN_EMAIL: admin.email,
      REGISTRAR_ADMIN_PASSWORD: admin.password,
    };
    // One after the other: the first migrates and creates the administrator, the second finds both done.
    instances = [await startServer(env)];
    instances.push(await startServer(env));

    chmodSync(dir, 0o755);
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { encoding: 'utf8' },
    );
    assert.equal(made.status, 0, made.stderr);
    const [a, b] = instances.map((i) => new URL(i.url).port);
    const site = readFileSync(sample, 'utf8')
      .replace(/^\s*listen \[::\]:.*$/gm, '')
      .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
      .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`)
      .replace('127.0.0.1:3001', `127.0.0.1:${a}`)
      .replace('127.0.0.1:3002', `127.0.0.1:${b}`)
      .replace(/\/etc\/letsencrypt\/live\/registrar\.example\.org\/fullchain\.pem/, join(dir, 'cert.pem'))
      .replace(/\/etc\/letsencrypt\/live\/registrar\.example\.org\/privkey\.pem/, join(dir, 'key.pem'));
    assert.ok(site.includes(`127.0.0.1:${a}`) && site.includes(join(dir, 'key.pem')), 'the sample still has the lines the test adapts');
    writeFileSync(join(dir, 'site.conf'), site);
    const temp = join(dir, 'temp');
    mkdirSync(temp, { mode: 0o777 });
    writeFileSync(
      join(dir, 'nginx.conf'),
      `daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 128; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  include ${dir}/site.conf;
}
`,
    );
    const check = spawnSync('nginx', ['-t', '-c', join(dir, 'nginx.conf'), '-p', dir], { encoding: 'utf8' });
    assert.equal(check.status, 0, `nginx -t refused the sample:\n${check.stderr}`);
    proxy = spawn('nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' });
    for (let i = 0; i < 50; i += 1) {
      const up = await send(`${httpsUrl}/api/health`).catch(() => undefined);
      if (up?.status === 200) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`nginx did not come up:\n${readFileSync(join(dir, 'error.log'), 'utf8')}`);
  });

  after(async () => {
    if (proxy?.pid) process.kill(proxy.pid, 'SIGQUIT');
    for (const instance of instances) await instance.stop().catch(() => undefined);
    await install?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the compose variant of the sample is valid nginx configuration too', () => {
    const variant = readFileSync(resolve(import.meta.dirname, '../../deploy/nginx/compose.conf'), 'utf8')
      .replace(/^\s*listen .*$/gm, '')
      .replace('server app:3000', 'server 127.0.0.1:3000')
      .replace('/etc/nginx/certs/fullchain.pem', join(dir, 'cert.pem'))
      .replace('/etc/nginx/certs/privkey.pem', join(dir, 'key.pem'));
    writeFileSync(join(dir, 'compose-site.conf'), variant);
    writeFileSync(
      join(dir, 'compose-nginx.conf'),
      readFileSync(join(dir, 'nginx.conf'), 'utf8').replace(`include ${dir}/site.conf;`, `include ${dir}/compose-site.conf;`),
    );
    const check = spawnSync('nginx', ['-t', '-c', join(dir, 'compose-nginx.conf'), '-p', dir], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
  });

  test('plain HTTP is sent to HTTPS', async () => {
    const answer = await send(`${httpUrl}/accounts`);
    assert.equal(answer.status, 301);
    assert.equal(answer.headers.location, 'https://127.0.0.1/accounts');
  });

  test('a browser signs in over TLS (Secure cookie, origin check passes) and its session works on either instance', async () => {
    const login = await send(`${httpsUrl}/api/auth/login`, {
      method: 'POST',
      headers: { origin: httpsUrl, 'sec-fetch-site': 'same-origin' },
      body: { username: admin.email, password: admin.password },
    });
    assert.equal(login.status, 200, login.body);
    const setCookie = String(login.headers['set-cookie'] ?? '');
    assert.match(setCookie, /; Secure/i, 'REGISTRAR_PUBLIC_URL is https, so the cookie is Secure');
    const cookie = setCookie.split(';')[0] as string;
    const before = await Promise.all(instances.map((i) => countedBy(i, '/api/auth/me')));
    for (let i = 0; i < 8; i += 1) {
      const me = await send(`${httpsUrl}/api/auth/me`, { headers: { cookie } });
      assert.equal(me.status, 200, me.body);
      assert.match(String(me.headers['x-request-id']), /^[0-9a-f]{32}$/, 'nginx’s request id reaches the instance and comes back');
    }
    const afterCounts = await Promise.all(instances.map((i) => countedBy(i, '/api/auth/me')));
    const served = afterCounts.map((n, i) => n - (before[i] ?? 0));
    assert.equal(
      served.reduce((x, y) => x + y, 0),
      8,
    );
    assert.ok(
      served.every((n) => n > 0),
      `both instances answered (${served.join(' + ')})`,
    );
    // A write from the same browser through the proxy passes the origin check too.
    const logout = await send(`${httpsUrl}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: httpsUrl } });
    assert.ok(logout.status < 300, logout.body);
  });

  test('readiness is served through the proxy; the metrics are not', async () => {
    assert.equal((await send(`${httpsUrl}/api/health/ready`)).status, 200);
    assert.equal((await send(`${httpsUrl}/metrics`)).status, 404);
  });

  test('a client cannot choose the address the instances see: X-Forwarded-For is replaced', async () => {
    // Wrong passwords from a "different address" each time would dodge per-address throttling if the header were appended.
    const tries = [];
    for (let i = 0; i < 12; i += 1) {
      tries.push(
        (
          await send(`${httpsUrl}/api/auth/login`, {
            method: 'POST',
            headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
            body: { username: 'nobody-here@example.org', password: `wrong password ${i}` },
          })
        ).status,
      );
    }
    assert.ok(
      tries.some((s) => s === 429 || s === 423),
      `throttled despite the forged addresses (${tries.join(',')})`,
    );
  });

  test('with one instance stopped, the other serves every request', async () => {
    await instances[1]?.stop();
    for (let i = 0; i < 6; i += 1) assert.equal((await send(`${httpsUrl}/api/health/ready`)).status, 200);
  });
});

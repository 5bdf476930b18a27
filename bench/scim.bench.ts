/**
 * SCIM provisioning benchmark (issue #18): 10,000 users created one request at a time, as an identity
 * provider sends them, on a fresh SQLite database. Requests go through app.inject: the whole Fastify
 * stack (routing, content-type parser, SCIM token authentication, the per-token rate limit in the
 * database, validation, the accounts service with its audit event and welcome email in one transaction)
 * without a socket. Beside it, measured in the same run:
 *
 *   - the request floor: as many GET /scim/v2/ServiceProviderConfig as users (authentication and the
 *     rate-limit write, no account), the fixed cost every SCIM request pays;
 *   - the Okta habit: a filtered GET (userName eq …) before each POST, as Okta sends.
 *
 *   npm run bench:scim -- [--users=10000] [--okta=2000]
 */
import { execSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/server/app.ts';
import { createServices } from '../src/server/container.ts';
import { openDatabase } from '../src/server/db/connection.ts';
import { migrateToLatest } from '../src/server/db/migrator.ts';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [key, value] = a.replace(/^--/, '').split('=');
    return [key as string, value ?? 'true'];
  }),
);
const users = Number(args.get('users') ?? 10_000);
const oktaUsers = Number(args.get('okta') ?? 2_000);
const userUrn = 'urn:ietf:params:scim:schemas:core:2.0:User';
const uptime = () => execSync('uptime').toString().trim();

async function main(): Promise<void> {
  const dir = join(process.cwd(), '.bench-data', 'scim');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const database = openDatabase({ database: { kind: 'sqlite', file: join(dir, 'registrar.db') } });
  await migrateToLatest(database.db);
  // No rate limit worth the name: the benchmark measures the work, not the allowance.
  const services = createServices(database, { sessionTtlHours: 12, scimRequestsPerMinute: 10_000_000 });
  const app = await buildApp({ services, sessionSecret: 'bench-secret-bench-secret-bench-secret-00' });
  await services.bootstrap.ensureFirstAdministrator({ email: 'root@bench.example', password: 'bench root password 1' });
  const { systemActor } = await import('../src/server/platform/actor.ts');
  const system = systemActor('cli', 'bench');
  const tenant = await services.organizations.createOrganization(system, { name: 'Bench State', kind: 'state' });
  const county = await services.organizations.createOrganization(system, { name: 'Bench County', kind: 'county', parentId: tenant.id });
  const admin = await services.accounts.createAccount(
    system,
    {
      orgId: county.id,
      firstName: 'County',
      lastName: 'Admin',
      email: 'admin@bench.example',
      role: 'admin',
      password: 'bench admin password 1',
    },
    { passwordIsFinal: true },
  );
  const owner = (await services.auth.actorOfAccount(admin.id, 'cli'))?.actor;
  if (!owner) throw new Error('no county admin');
  const { token } = await services.scimTokens.create(system, owner, { name: 'bench', orgId: county.id });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' };
  const body = (i: number, prefix: string) =>
    JSON.stringify({
      schemas: [userUrn],
      userName: `${prefix}${i}@bench.example`,
      externalId: `${prefix}-${i}`,
      name: { givenName: `Given${i}`, familyName: `Family${i}` },
      emails: [{ value: `${prefix}${i}@bench.example`, type: 'work', primary: true }],
      active: true,
    });

  console.log(`SCIM benchmark: ${users} users, one request at a time (app.inject), SQLite; ${cpus().length} cores`);
  console.log(`load before: ${uptime()}`);

  // Warm-up (JIT, statement cache), not counted.
  for (let i = 0; i < 200; i++) {
    await app.inject({ method: 'POST', url: '/scim/v2/Users', headers, payload: body(i, 'warm') });
  }

  let start = performance.now();
  for (let i = 0; i < users; i++) {
    await app.inject({ method: 'GET', url: '/scim/v2/ServiceProviderConfig', headers: { authorization: headers.authorization } });
  }
  const floorPerSecond = users / ((performance.now() - start) / 1000);

  start = performance.now();
  // CPU time the process got: on a shared, loaded machine it says what one core of our own would do.
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < users; i++) {
    const response = await app.inject({ method: 'POST', url: '/scim/v2/Users', headers, payload: body(i, 'user') });
    if (response.statusCode !== 201) throw new Error(`user ${i}: ${response.statusCode} ${response.body}`);
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const usersPerSecond = users / seconds;

  start = performance.now();
  for (let i = 0; i < oktaUsers; i++) {
    const filter = encodeURIComponent(`userName eq "okta${i}@bench.example"`);
    const found = await app.inject({ method: 'GET', url: `/scim/v2/Users?filter=${filter}&startIndex=1&count=100`, headers });
    if (found.json().totalResults !== 0) throw new Error('the lookup found a user that does not exist');
    const response = await app.inject({ method: 'POST', url: '/scim/v2/Users', headers, payload: body(i, 'okta') });
    if (response.statusCode !== 201) throw new Error(`okta user ${i}: ${response.statusCode} ${response.body}`);
  }
  const oktaPerSecond = oktaUsers / ((performance.now() - start) / 1000);

  const total = (await app.inject({ method: 'GET', url: '/scim/v2/Users?count=0', headers })).json().totalResults;
  console.log(`load after: ${uptime()}`);
  console.log(`request floor (GET ServiceProviderConfig): ${Math.round(floorPerSecond)} requests/s`);
  console.log(`provisioning (POST /Users): ${users} users in ${seconds.toFixed(1)} s = ${Math.round(usersPerSecond)} users/s`);
  console.log(
    `  CPU the process got: ${cpuSeconds.toFixed(1)} s (${((cpuSeconds / seconds) * 100).toFixed(0)} % of one core) = ${((cpuSeconds * 1000) / users).toFixed(2)} ms per user, ${Math.round(users / cpuSeconds)} users per CPU-second`,
  );
  console.log(`Okta habit (filtered GET then POST): ${Math.round(oktaPerSecond)} users/s over ${oktaUsers} users`);
  console.log(`users the token sees: ${total}`);
  await app.close();
  services.mailTransport.close();
  await database.close();
  if (usersPerSecond < 500) process.exitCode = 1;
}

await main();

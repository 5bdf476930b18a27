import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildApp } from '../../src/server/app.ts';
import { createServices } from '../../src/server/container.ts';
import { openDatabase } from '../../src/server/db/connection.ts';
import { describeEachDatabase } from '../support/context.ts';
import { createOrg } from '../support/factories.ts';
import { importHeader } from '../support/imports.ts';
import { multipartBody } from '../support/multipart.ts';

/** The value of one sample line of a Prometheus exposition, or undefined when the line is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(/,(?=[a-zA-Z_]\w*=")/).filter(Boolean);
    if (wanted.every((w) => present.includes(w))) return Number(match[3]);
  }
  return undefined;
}

describeEachDatabase('operations: readiness and metrics', (ctx) => {
  const scrape = async (headers: Record<string, string> = {}) => {
    const response = await ctx().app.inject({ method: 'GET', url: '/metrics', headers });
    return response;
  };

  test('readiness answers 200 while the database answers and every migration has run', async () => {
    const ready = await ctx().call('GET', '/api/health/ready');
    assert.equal(ready.statusCode, 200, ready.body);
    assert.deepEqual(ready.json(), { status: 'ready', database: 'reachable', migrations: 'current' });
    assert.equal((await ctx().call('GET', '/api/health')).statusCode, 200);
  });

  test('readiness answers 503 not_ready, naming the migration, when the schema is behind this build', async () => {
    const db = ctx().database.db;
    const last = await db
      .withTables<{ kysely_migration: { name: string; timestamp: string } }>()
      .selectFrom('kysely_migration')
      .selectAll()
      .orderBy('name', 'desc')
      .executeTakeFirstOrThrow();
    await db.withTables<{ kysely_migration: { name: string } }>().deleteFrom('kysely_migration').where('name', '=', last.name).execute();
    try {
      const behind = await ctx().call('GET', '/api/health/ready');
      assert.equal(behind.statusCode, 503, behind.body);
      assert.equal(behind.json().error.code, 'not_ready');
      assert.deepEqual(behind.json().error.details.pendingMigrations, [last.name]);
    } finally {
      await db
        .withTables<{ kysely_migration: { name: string; timestamp: string } }>()
        .insertInto('kysely_migration')
        .values(last)
        .execute();
    }
    assert.equal((await ctx().call('GET', '/api/health/ready')).statusCode, 200);
  });

  test('readiness answers 503 not_ready when the database does not answer, without the driver’s words', async () => {
    // Nothing listens on port 1: the instance is up, its database is not.
    const handle = openDatabase({ database: { kind: 'postgres', url: 'postgres://registrar:secret-pw@127.0.0.1:1/registrar' } });
    const app = await buildApp({
      services: createServices(handle, { sessionTtlHours: 12 }),
      sessionSecret: 'test-secret-test-secret-test-secret-0000',
    });
    try {
      const down = await app.inject({ method: 'GET', url: '/api/health/ready' });
      assert.equal(down.statusCode, 503, down.body);
      assert.equal(down.json().error.code, 'not_ready');
      assert.equal(down.json().error.details.database, 'unreachable');
      assert.doesNotMatch(down.body, /ECONNREFUSED|127\.0\.0\.1|secret-pw/);
      assert.equal((await app.inject({ method: 'GET', url: '/api/health' })).statusCode, 200, 'liveness stays up');
    } finally {
      await app.close();
      await handle.close();
    }
  });

  test('/metrics counts requests by route pattern and status, never by raw address', async () => {
    await ctx().call('GET', '/api/health');
    await ctx().call('GET', '/api/accounts/some-id-that-is-not-there', { as: ctx().root });
    const response = await scrape();
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    const text = response.body;
    assert.ok((sample(text, 'registrar_http_requests_total', { method: 'GET', route: '/api/health', status: '200' }) ?? 0) >= 1, text);
    assert.equal(sample(text, 'registrar_http_requests_total', { method: 'GET', route: '/api/accounts/:id', status: '404' }), 1);
    assert.ok(!text.includes('some-id-that-is-not-there'), 'the raw URL is not a label');
    assert.ok(
      (sample(text, 'registrar_http_request_duration_seconds_count', { method: 'GET', route: '/api/health', status: '200' }) ?? 0) >= 1,
    );
  });

  test('/metrics shows the job queue by type with its oldest job’s age, the outbox backlog and import rows applied', async () => {
    const county = await createOrg(ctx(), `Metrics County ${Date.now()}`);
    const content = `${importHeader}\n,Ng,Ada,ada.metrics@example.org,,,,,,,\n,Ng,Bo,bo.metrics@example.org,,,,,,,\n`;
    const body = multipartBody({ orgId: county.id, template: 'accounts' }, { name: 'people.csv', content });
    const upload = await ctx().app.inject({
      method: 'POST',
      url: '/api/imports',
      payload: body.payload,
      headers: { cookie: ctx().root.cookie as string, 'content-type': body.contentType },
    });
    assert.equal(upload.statusCode, 202, upload.body);
    // Age the queued plan job by a minute, as if no worker had picked it up.
    const db = ctx().database.db;
    const minuteAgo = new Date(Date.now() - 60_000).toISOString();
    await db
      .withTables<{ jobs: { type: string; status: string; runAt: string } }>()
      .updateTable('jobs')
      .set({ runAt: minuteAgo })
      .where('type', '=', 'import.plan')
      .where('status', '=', 'queued')
      .execute();
    const queued = (await scrape()).body;
    assert.equal(sample(queued, 'registrar_jobs_queued', { type: 'import.plan' }), 1);
    const age = sample(queued, 'registrar_jobs_oldest_queued_age_seconds', { type: 'import.plan' }) ?? 0;
    assert.ok(age >= 59 && age < 600, `the oldest job waited about a minute (${age})`);
    const rowsBefore = sample(queued, 'registrar_import_rows_applied_total') ?? 0;

    await ctx().drainJobs();
    const planned = (await ctx().call('GET', `/api/imports/${upload.json().id}`, { as: ctx().root })).json();
    assert.equal(planned.status, 'planned');
    assert.equal((await ctx().call('POST', `/api/imports/${planned.id}/commit`, { as: ctx().root })).statusCode, 202);
    await ctx().drainJobs();
    const after = (await scrape()).body;
    assert.equal(sample(after, 'registrar_jobs_queued', { type: 'import.plan' }), undefined, 'a drained queue has no waiting plan');
    assert.equal((sample(after, 'registrar_import_rows_applied_total') ?? 0) - rowsBefore, 2);
    // No SMTP in tests: the two welcomes were handed over and are held on the Mail page.
    assert.ok((sample(after, 'registrar_outbox_messages', { status: 'held' }) ?? 0) >= 2, after);
    assert.equal(sample(after, 'registrar_outbox_messages', { status: 'pending' }), 0);
  });

  test('/metrics is served to this machine only, never through a proxy, and is not in the API document', async () => {
    assert.equal((await scrape({ 'x-forwarded-for': '203.0.113.9' })).statusCode, 403);
    const remote = await ctx().app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
    assert.equal(remote.statusCode, 403);
    assert.match(remote.json().error.message, /REGISTRAR_METRICS_TOKEN/);
    // A session is no key to it either.
    const signedIn = await ctx().app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { cookie: ctx().root.cookie as string },
    });
    assert.equal(signedIn.statusCode, 403);
    const doc = (await ctx().call('GET', '/api/openapi.json')).json();
    assert.ok(!Object.keys(doc.paths).includes('/metrics'));
    assert.ok(Object.keys(doc.paths).includes('/api/health/ready'));
  });

  test('with REGISTRAR_METRICS_TOKEN, /metrics needs that bearer token, from anywhere, loopback included', async () => {
    const token = 'metrics-token-for-the-tests-0123';
    const app = await buildApp({
      services: ctx().services,
      sessionSecret: 'test-secret-test-secret-test-secret-0000',
      metricsToken: token,
    });
    try {
      const get = (headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
        app.inject({ method: 'GET', url: '/metrics', headers, remoteAddress });
      assert.equal((await get({})).statusCode, 401, 'loopback alone is not enough once a token is set');
      assert.equal((await get({ authorization: 'Bearer wrong-token-wrong-token-000' })).statusCode, 401);
      assert.equal((await get({ authorization: `Bearer ${token}x` })).statusCode, 401);
      const remote = await get({ authorization: `Bearer ${token}` }, '198.51.100.7');
      assert.equal(remote.statusCode, 200, remote.body);
      assert.match(remote.body, /registrar_http_requests_total/);
    } finally {
      await app.close();
    }
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { multipartBody } from '../support/multipart.ts';
import { call, describeEachInstall, signIn, startServer, type RunningServer } from './harness.ts';

/*
 * The server is killed (SIGKILL: no shutdown, as a crash or the out-of-memory killer does it) while an
 * import commits in its worker thread; the restarted server takes the job over once its lease ends and
 * finishes it from the import's watermark. Every row ends applied exactly once: no account twice, none
 * missing, one welcome each.
 */
const admin = { REGISTRAR_ADMIN_EMAIL: 'root@example.org', REGISTRAR_ADMIN_PASSWORD: 'root password from env' };
const rows = 12_000;

async function upload(server: RunningServer, cookie: string, orgId: string): Promise<string> {
  const lines = ['Email,FirstName,LastName'];
  for (let i = 0; i < rows; i += 1) lines.push(`crash${i}@survivors.org,Crash,Survivor${i}`);
  const body = multipartBody({ orgId, template: 'accounts' }, { name: 'survivors.csv', content: lines.join('\r\n') });
  const response = await fetch(`${server.url}/api/imports`, {
    method: 'POST',
    headers: { cookie, 'content-type': body.contentType },
    body: body.payload,
  });
  assert.equal(response.status, 202, await response.clone().text());
  return ((await response.json()) as { id: string }).id;
}

interface ImportState {
  status: string;
  rowsDone: number;
  counts: { created: number; failed: number; total: number };
}

async function waitFor(server: RunningServer, cookie: string, id: string, until: (s: ImportState) => boolean, seconds: number) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const { body } = await call<ImportState>(server, 'GET', `/api/imports/${id}`, { cookie });
    if (until(body)) return body;
    if (Date.now() > deadline) throw new Error(`gave up waiting; the import is ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describeEachInstall('an import whose server is killed mid-commit', (env) => {
  test('the restarted server finishes it: every row applied once, no account twice, none lost', { timeout: 240_000 }, async () => {
    const settings = { ...env(), ...admin, REGISTRAR_JOB_LEASE_SECONDS: '5' };
    let server = await startServer(settings);
    const { cookie } = await signIn(server, admin.REGISTRAR_ADMIN_EMAIL, admin.REGISTRAR_ADMIN_PASSWORD);
    const org = await call<{ id: string }>(server, 'POST', '/api/orgs', { cookie }, { name: 'Crash County', kind: 'county' });
    assert.equal(org.status, 201, JSON.stringify(org.body));
    const id = await upload(server, cookie, org.body.id);
    await waitFor(server, cookie, id, (s) => s.status === 'planned', 120);
    assert.equal((await call(server, 'POST', `/api/imports/${id}/commit`, { cookie })).status, 202);
    const midway = await waitFor(server, cookie, id, (s) => s.rowsDone > 0, 120);
    await server.kill();
    assert.ok(midway.rowsDone < rows, `the commit had already finished (${midway.rowsDone} rows) before the kill`);

    server = await startServer(settings);
    try {
      const done = await waitFor(server, cookie, id, (s) => s.status !== 'running', 180);
      assert.equal(done.status, 'completed', JSON.stringify(done));
      assert.deepEqual([done.counts.created, done.counts.failed, done.rowsDone], [rows, 0, rows]);
      const found = await call<{ total: number }>(server, 'GET', '/api/accounts?emailDomain=survivors.org&limit=1&count=exact', { cookie });
      assert.equal(found.body.total, rows, 'each row made exactly one account');
      const first = await call<{ items: { recipient: string; kind: string }[] }>(
        server,
        'GET',
        '/api/mail?recipient=crash0@survivors.org&limit=10',
        { cookie },
      );
      assert.equal(first.body.items.filter((m) => m.kind === 'welcome_activation').length, 1, 'one welcome, not two');
      const last = await call<{ items: { recipient: string; kind: string }[] }>(
        server,
        'GET',
        `/api/mail?recipient=crash${rows - 1}@survivors.org&limit=10`,
        { cookie },
      );
      assert.equal(last.body.items.filter((m) => m.kind === 'welcome_activation').length, 1);
      const failed = await call<{ items: unknown[] }>(server, 'GET', `/api/imports/${id}/rows?outcome=failed`, { cookie });
      assert.equal(failed.body.items.length, 0);
    } finally {
      await server.stop();
    }
  });
});

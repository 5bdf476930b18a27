import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, describeEachInstall, runCli, signIn, startServer, type RunningServer } from './harness.ts';

describeEachInstall('registrar templates add', (env) => {
  let server: RunningServer;
  let cookie = '';
  let tenantId = '';
  before(async () => {
    const admin = await runCli(['admin', 'create', '--email', 'ops@example.org', '--password', 'operator password 1'], env());
    assert.equal(admin.code, 0, admin.stderr);
    server = await startServer(env());
    cookie = (await signIn(server, 'ops@example.org', 'operator password 1')).cookie;
    tenantId = (await call<{ id: string }>(server, 'POST', '/api/orgs', { cookie }, { name: 'CACWT', kind: 'state' })).body.id;
  });
  after(async () => {
    await server.stop();
  });

  test('installs a preset by name into the tenant named, audited as the command line', async () => {
    const { code, stdout, stderr } = await runCli(['templates', 'add', 'County archival', '--tenant', 'cacwt'], env());
    assert.equal(code, 0, stderr);
    assert.equal(stdout, 'Installed the import template "County archival" (key county-archival, 7 columns, lenient).\n');
    const list = await call<{ items: { key: string }[] }>(server, 'GET', `/api/import-templates?orgId=${tenantId}`, { cookie });
    assert.deepEqual(
      list.body.items.map((t: { key: string }) => t.key),
      ['accounts', 'enrollments', 'county-archival'],
    );
    const audit = await call<{ items: unknown[] }>(server, 'GET', '/api/audit?action=import_template.installed&source=cli', { cookie });
    assert.equal(audit.body.items.length, 1);
  });

  test('installing it twice, an unknown preset or an unknown tenant fail with one line and no stack trace', async () => {
    const twice = await runCli(['templates', 'add', 'county-archival', '--tenant', tenantId], env());
    assert.equal(twice.code, 1);
    assert.equal(twice.stderr, 'Error: This tenant already has a template with the key "county-archival".\n');
    const unknown = await runCli(['templates', 'add', 'Nothing like it', '--tenant', 'CACWT'], env());
    assert.equal(unknown.code, 1);
    assert.match(
      unknown.stderr,
      /^Error: There is no preset "Nothing like it"\. Presets: County community partners, County archival, Educators, strict\.\n$/,
    );
    const nowhere = await runCli(['templates', 'add', 'County archival', '--tenant', 'Atlantis'], env());
    assert.equal(nowhere.code, 1);
    assert.equal(nowhere.stderr, 'Error: No tenant has the id or name "Atlantis".\n');
  });
});

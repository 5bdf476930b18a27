import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { call, describeEachInstall, runCli, signIn, startServer, type RunningServer } from './harness.ts';

const csv = [
  'Email,FirstName,LastName,Password',
  'cli.one@example.org,Cli,One,Shared-temp-pass-1',
  'cli.two@example.org,Cli,Two,Shared-temp-pass-1',
  'not-an-email,Bad,Row,',
].join('\n');

describeEachInstall('registrar import', (env) => {
  let server: RunningServer;
  let cookie = '';
  let file = '';
  before(async () => {
    const admin = await runCli(['admin', 'create', '--email', 'ops@example.org', '--password', 'operator password 1'], env());
    assert.equal(admin.code, 0, admin.stderr);
    server = await startServer(env());
    cookie = (await signIn(server, 'ops@example.org', 'operator password 1')).cookie;
    const state = await call<{ id: string }>(server, 'POST', '/api/orgs', { cookie }, { name: 'CLI State', kind: 'state' });
    await call(server, 'POST', '/api/orgs', { cookie }, { name: 'Fresno County', kind: 'county', parentId: state.body.id });
    file = join(mkdtempSync(join(tmpdir(), 'registrar-cli-import-')), 'people.csv');
    writeFileSync(file, csv);
  });
  after(async () => {
    await server.stop();
  });

  test('--dry-run shows the preview, writes the failed rows beside the file and changes nothing', async () => {
    const { code, stdout, stderr } = await runCli(['import', file, '--org', 'Fresno County', '--dry-run'], env());
    assert.equal(code, 0, stderr);
    assert.match(stdout, /Preview: 3 rows — create 2, update 0, unchanged 0, archive 0, reactivate 0, failed 1/);
    assert.match(stdout, /Dry run: nothing was changed/);
    const failed = file.replace(/\.csv$/, '-failed-rows.csv');
    assert.ok(existsSync(failed));
    assert.match(readFileSync(failed, 'utf8'), /not-an-email,Bad,Row,,"Line 4: ""not-an-email"" is not a valid email address."/);
    const search = await call<{ total: number }>(server, 'GET', '/api/accounts?q=cli.', { cookie });
    assert.equal(search.body.total, 0);
  });

  test('without a terminal it asks for --yes instead of guessing', async () => {
    const { code, stderr } = await runCli(['import', file, '--org', 'Fresno County'], env());
    assert.equal(code, 1);
    assert.match(stderr, /--yes/);
  });

  test('--yes applies it, with a progress bar, and prints the counts', async () => {
    const { code, stdout, stderr } = await runCli(['import', file, '--org', 'Fresno County', '--yes'], env());
    assert.equal(code, 0, stderr);
    assert.match(stderr, /Applying: 3\/3 rows/);
    assert.match(stdout, /Import completed: 3 rows — create 2, .* failed 1/);
    const search = await call<{ total: number }>(server, 'GET', '/api/accounts?q=cli.', { cookie });
    assert.equal(search.body.total, 2);
    const audit = await call<{ items: unknown[] }>(server, 'GET', '/api/audit?action=account.created&source=import', { cookie });
    assert.equal(audit.body.items.length, 2);
  });

  test('an unknown organization and a missing file are refused clearly', async () => {
    const org = await runCli(['import', file, '--org', 'Atlantis'], env());
    assert.equal(org.code, 1);
    assert.match(org.stderr, /No organization has the id or name "Atlantis"/);
    const missing = await runCli(['import', '/nonexistent.csv', '--org', 'Fresno County'], env());
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /There is no file/);
  });
});

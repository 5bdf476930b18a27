import type { JobHandler } from '../../src/server/jobs/index.ts';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describeEachDatabase, type Session, type TestContext } from '../support/context.ts';
import { createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { multipartBody } from '../support/multipart.ts';

async function planFile(ctx: TestContext, as: Session, orgId: string, name: string, content: Buffer) {
  const body = multipartBody({ orgId }, { name, content });
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/imports',
    payload: body.payload,
    headers: { cookie: as.cookie as string, 'content-type': body.contentType },
  });
  assert.equal(response.statusCode, 202, response.body);
  await ctx.drainJobs();
  return (await ctx.call('GET', `/api/imports/${response.json().id}`, { as })).json();
}

describeEachDatabase('importing files the way Excel saves them', (ctx) => {
  let org: OrgRef;
  let admin: Session;

  before(async () => {
    org = await createOrg(ctx(), 'Encoding Tenant');
    admin = (await signedInAdmin(ctx(), org)).session;
  });

  test('Excel “Unicode text” (UTF-16LE, tab-separated) with accented names', async () => {
    const text = 'Email\tFirstName\tLastName\r\njose@enc.org\tJosé\tNúñez\r\n';
    const imp = await planFile(
      ctx(),
      admin,
      org.id,
      'people.txt',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]),
    );
    assert.equal(imp.status, 'planned', JSON.stringify(imp.error));
    assert.deepEqual(imp.format, { format: 'csv', encoding: 'utf-16le', delimiter: '\t', repairedBytes: 0 });
    await ctx().call('POST', `/api/imports/${imp.id}/commit`, { as: admin });
    await ctx().drainJobs();
    const account = (await ctx().call('GET', '/api/accounts?q=jose@enc', { as: admin })).json().items[0];
    assert.equal(account.lastName, 'Núñez');
  });

  test('Windows-1252 with semicolons (a European Excel “CSV”)', async () => {
    const text = 'Email;FirstName;LastName\r\nzoe@enc.org;Zoë;O’Brien\r\n';
    const imp = await planFile(ctx(), admin, org.id, 'people.csv', iconv.encode(text, 'win1252'));
    assert.equal(imp.format.encoding, 'windows-1252');
    assert.equal(imp.format.delimiter, ';');
    assert.equal(imp.counts.created, 1);
  });

  test('an XLSX workbook, dates in date cells', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('People');
    sheet.addRow(['Email', 'FirstName', 'LastName', 'DateHire']);
    sheet.addRow(['xl@enc.org', 'Excel', 'Sheet', new Date(Date.UTC(2026, 10, 2))]);
    const imp = await planFile(ctx(), admin, org.id, 'people.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
    assert.equal(imp.status, 'planned', JSON.stringify(imp.error));
    assert.equal(imp.format.format, 'xlsx');
    await ctx().call('POST', `/api/imports/${imp.id}/commit`, { as: admin });
    await ctx().drainJobs();
    const account = (await ctx().call('GET', '/api/accounts?q=xl@enc', { as: admin })).json().items[0];
    assert.equal(account.dateHire, '2026-11-02');
  });

  test('line numbers are physical lines: a quoted field over three lines and blank lines count', async () => {
    const text = 'Email,FirstName,LastName\n\nok1@enc.org,A,"Multi\nline\nname"\nbad-email,B,C\n';
    const imp = await planFile(ctx(), admin, org.id, 'lines.csv', Buffer.from(text));
    const rows = (await ctx().call('GET', `/api/imports/${imp.id}/rows`, { as: admin })).json().items;
    // The three-line name itself is refused (names stay on one line), but it still counts three lines.
    assert.deepEqual(
      rows.map((r: { line: number; reason: string }) => [r.line, r.reason]),
      [
        [3, 'invalid_value'],
        [6, 'invalid_email'],
      ],
    );
  });

  test('a commit cut off mid-way resumes where it stopped: no duplicate, no lost row', async () => {
    const lines = ['Email,FirstName,LastName,Password'];
    for (let i = 0; i < 2500; i += 1) lines.push(`bulk${i}@resume.org,Bulk,Person${i},Shared-temp-pass-1`);
    const imp = await planFile(ctx(), admin, org.id, 'bulk.csv', Buffer.from(lines.join('\n')));
    assert.equal(imp.counts.created, 2500);
    await ctx().call('POST', `/api/imports/${imp.id}/commit`, { as: admin });
    // A worker that dies after its first batch: the handler stops when its signal is aborted.
    const controller = new AbortController();
    const handler = ctx().services.jobHandlers['import.commit'] as JobHandler<unknown> | undefined;
    assert.ok(handler);
    await handler({
      job: { id: 'crashed-worker', type: 'import.commit', payload: { importId: imp.id }, attempt: 1, progress: null },
      signal: controller.signal,
      reportProgress: async () => controller.abort(),
    });
    const midway = (await ctx().call('GET', `/api/imports/${imp.id}`, { as: admin })).json();
    assert.equal(midway.status, 'running');
    assert.equal(midway.rowsDone, 1000);
    await ctx().drainJobs();
    const done = (await ctx().call('GET', `/api/imports/${imp.id}`, { as: admin })).json();
    assert.equal(done.status, 'completed');
    assert.equal(done.counts.created, 2500);
    const search = (await ctx().call('GET', '/api/accounts?emailDomain=resume.org&limit=1&count=exact', { as: admin })).json();
    assert.equal(search.total, 2500);
    const signIn = await ctx().call('POST', '/api/auth/login', {
      body: { username: 'bulk2499@resume.org', password: 'Shared-temp-pass-1' },
    });
    assert.equal(signIn.statusCode, 200);
  });
});

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session, type TestContext } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { multipartBody } from '../support/multipart.ts';

const header = 'UserID,LastName,FirstName,Email,Status,Affiliation,EmployeeType,DateHire,Role,Password,Organization';

async function upload(
  ctx: TestContext,
  as: Session,
  orgId: string,
  content: string | Buffer,
  options: { mode?: string; name?: string } = {},
) {
  const body = multipartBody(
    { orgId, template: 'accounts', ...(options.mode ? { mode: options.mode } : {}) },
    { name: options.name ?? 'people.csv', content },
  );
  return ctx.app.inject({
    method: 'POST',
    url: '/api/imports',
    payload: body.payload,
    headers: { cookie: as.cookie as string, 'content-type': body.contentType },
  });
}

/** Uploads, lets the plan run, and returns the planned import. */
async function plan(
  ctx: TestContext,
  as: Session,
  orgId: string,
  content: string | Buffer,
  options: { mode?: string; name?: string } = {},
) {
  const response = await upload(ctx, as, orgId, content, options);
  assert.equal(response.statusCode, 202, response.body);
  const { id } = response.json();
  await ctx.drainJobs();
  const imp = await ctx.call('GET', `/api/imports/${id}`, { as });
  return imp.json();
}

async function commit(ctx: TestContext, as: Session, id: string) {
  const response = await ctx.call('POST', `/api/imports/${id}/commit`, { as });
  assert.equal(response.statusCode, 202, response.body);
  await ctx.drainJobs();
  return (await ctx.call('GET', `/api/imports/${id}`, { as })).json();
}

async function rowsOf(ctx: TestContext, as: Session, id: string, outcome?: string) {
  const response = await ctx.call('GET', `/api/imports/${id}/rows?limit=1000${outcome ? `&outcome=${outcome}` : ''}`, { as });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().items as Array<{ line: number; outcome: string; reason: string | null; message: string }>;
}

describeEachDatabase('bulk import', (ctx) => {
  let state: OrgRef;
  let county: OrgRef;
  let other: OrgRef;
  let admin: Session;
  let adminEmail: string;

  before(async () => {
    state = await createOrg(ctx(), 'Import State');
    county = await createOrg(ctx(), 'Riverside County', state);
    other = await createOrg(ctx(), 'Kern County', state);
    await createOrg(ctx(), 'Riverside North', county, 'site');
    const signedIn = await signedInAdmin(ctx(), county);
    admin = signedIn.session;
    adminEmail = signedIn.account.email;
    await createAccount(ctx(), { orgId: other.id, firstName: 'Kim', lastName: 'Elsewhere', email: 'kim@kern.gov' });
  });

  test('the accounts template lists the contract columns first, then every other account field, and downloads as CSV', async () => {
    const list = await ctx().call('GET', '/api/import-templates', { as: admin });
    assert.equal(list.statusCode, 200, list.body);
    const template = list.json().items.find((t: { key: string }) => t.key === 'accounts');
    const fullHeader = [...header.split(','), 'Department', 'JobTitle', 'DateTransfer', 'TrainingManager', 'Supervisor'];
    assert.deepEqual(
      template.columns.map((c: { name: string }) => c.name),
      fullHeader,
    );
    const csv = await ctx().call('GET', '/api/import-templates/accounts/template.csv', { as: admin });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    assert.equal(lines[0], fullHeader.join(','));
    assert.equal(lines.length, 2);
  });

  test('a file with good and bad rows: the plan says what happens to each row, and nothing is written yet', async () => {
    const file = [
      header,
      'ana,Lopez,Ana,ana.lopez@riverside.gov,Active,California Community Partners,Riverside County Community Partner,2026-11-01,learner,Changeme1!,',
      ',Nguyen,Bao,bao@riverside.gov,,,,11/2/2026,,,Riverside North',
      ',Broken,Email,not-an-email,,,,,,,',
      ',,NoLast,nolast@riverside.gov,,,,,,,',
      ',Twice,Ana,ANA.LOPEZ@riverside.gov,,,,,,,',
      ',Kim,Taken,kim@kern.gov,,,,,,,',
      ',Bad,Date,baddate@riverside.gov,,,,2026-02-30,,,',
      ',Far,Away,far@riverside.gov,,,,,,,Kern County',
      ',=HYPERLINK("http://x"),Formula,formula@riverside.gov,Sleeping,,,,,,',
      ',Admin,Wanted,adminwanted@riverside.gov,,,,,admin,,',
    ].join('\r\n');
    const imp = await plan(ctx(), admin, county.id, file);
    assert.equal(imp.status, 'planned', JSON.stringify(imp.error));
    assert.deepEqual(imp.counts, { total: 10, created: 2, updated: 0, unchanged: 0, archived: 0, reactivated: 0, failed: 8 });
    const failed = await rowsOf(ctx(), admin, imp.id, 'failed');
    const byLine = Object.fromEntries(failed.map((r) => [r.line, r]));
    assert.equal(byLine[4]?.reason, 'invalid_email');
    assert.equal((byLine[4] as { email?: string }).email, 'not-an-email', 'failed rows still show the email as written');
    assert.equal(byLine[5]?.reason, 'missing_value');
    assert.equal(byLine[6]?.reason, 'duplicate_in_file');
    assert.match(byLine[6]?.message ?? '', /line 2/);
    assert.equal(byLine[7]?.reason, 'email_taken');
    assert.match(byLine[7]?.message ?? '', /another organization/);
    assert.ok(!(byLine[7]?.message ?? '').includes('Kern'), 'the other organization is not named');
    assert.equal(byLine[8]?.reason, 'invalid_value');
    assert.equal(byLine[9]?.reason, 'out_of_scope');
    assert.equal(byLine[10]?.reason, 'invalid_value');
    assert.equal(byLine[11]?.reason, 'role_not_allowed');
    const search = await ctx().call('GET', '/api/accounts?q=ana.lopez', { as: admin });
    assert.equal(search.json().total, 0, 'planning writes no account');

    const done = await commit(ctx(), admin, imp.id);
    assert.equal(done.status, 'completed');
    assert.equal(done.counts.created, 2);
    const createdRows = await rowsOf(ctx(), admin, imp.id, 'created');
    assert.match(createdRows[0]?.message ?? '', /^Created Ana Lopez/);
    assert.equal(done.counts.failed, 8);
    assert.ok(done.startedAt && done.finishedAt);
    const ana = (await ctx().call('GET', '/api/accounts?q=ana.lopez', { as: admin })).json().items[0];
    assert.equal(ana.dateHire, '2026-11-01');
    assert.equal(ana.affiliation, 'California Community Partners');
    assert.deepEqual(
      ana.roles.map((r: { key: string }) => r.key),
      ['learner'],
    );
    const bao = (await ctx().call('GET', '/api/accounts?q=bao@', { as: admin })).json().items[0];
    assert.equal(bao.orgName, 'Riverside North');
    assert.equal(bao.dateHire, '2026-11-02');

    const audit = (await ctx().call('GET', `/api/audit?targetId=${ana.id}`, { as: admin })).json().items;
    const created = audit.find((e: { action: string }) => e.action === 'account.created');
    assert.equal(created.source, 'import');
    assert.ok(created.jobId);

    const signIn = await ctx().call('POST', '/api/auth/login', { body: { username: 'ana.lopez@riverside.gov', password: 'Changeme1!' } });
    assert.equal(signIn.json().mustChangePassword, true, 'a Password column is a temporary password');

    // The uploader also has their own welcome (created with a temporary password); the log is one message.
    const mail = (await ctx().services.outbox.messagesTo(ctx().database.db, adminEmail)).filter((m) => m.kind === 'import_log');
    assert.equal(mail.length, 1);
    assert.match(mail[0]?.bodyText ?? '', /failed 8/);
    assert.equal(mail[0]?.subject, `Import of ${imp.fileName}: 8 rows failed`);
    assert.match(mail[0]?.bodyText ?? '', /Failed rows, with the reason for each .*\/failed\.csv/);

    const csv = await ctx().call('GET', `/api/imports/${imp.id}/failed.csv`, { as: admin });
    assert.equal(csv.statusCode, 200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0], `${header},Reason`);
    assert.equal(lines.length, 9);
    assert.ok(lines.some((l) => l.startsWith(',Broken,Email,not-an-email')));
    assert.ok(
      lines.some((l) => l.includes(`"'=HYPERLINK(""http://x"")"`)),
      'formula cells are neutralised',
    );
    assert.ok(!lines.some((l) => /(^|,)=HYPERLINK/.test(l)));

    // The corrected original, uploaded again, creates only what failed before.
    const corrected = file
      .replace('not-an-email', 'broken@riverside.gov')
      .replace(',,NoLast,', ',Lastname,NoLast,')
      .replace('2026-02-30', '2026-02-28')
      .replace(',Sleeping,', ',Active,');
    const again = await plan(ctx(), admin, county.id, corrected);
    assert.equal(again.counts.created, 4);
    assert.equal(again.counts.unchanged, 2);
    const redone = await commit(ctx(), admin, again.id);
    assert.equal(redone.counts.created, 4);
    assert.equal(redone.counts.unchanged, 2);
    // A file where nothing fails: the log says so, and links to no empty file of failed rows.
    const clean = await plan(ctx(), admin, county.id, `${header}\n,Clean,Row,clean.row@riverside.gov,,,,,,,\n`);
    await commit(ctx(), admin, clean.id);
    const logs = (await ctx().services.outbox.messagesTo(ctx().database.db, adminEmail)).filter((m) => m.kind === 'import_log');
    const log = logs.find((m) => (m.payload as string).includes(clean.id));
    assert.ok(log, 'a log for the second import');
    assert.match(log.subject, /: no rows failed$/);
    assert.doesNotMatch(log.bodyText, /failed\.csv|Failed rows/);
    assert.match(log.bodyText, /Import log: http/);
  });

  test('Status archives and reactivates; empty cells keep what is there', async () => {
    const person = await createAccount(ctx(), {
      orgId: county.id,
      email: 'status@riverside.gov',
      firstName: 'Stat',
      lastName: 'Us',
      jobTitle: 'Clerk',
      password: 'Temporary-pass-1',
    });
    const archive = await plan(ctx(), admin, county.id, `${header}\n,Us,Stat,STATUS@riverside.gov,Archived,,,,,,\n`);
    assert.equal(archive.counts.archived, 1);
    await commit(ctx(), admin, archive.id);
    const archived = (await ctx().call('GET', `/api/accounts/${person.id}`, { as: admin })).json();
    assert.equal(archived.status, 'archived');
    assert.equal(archived.jobTitle, 'Clerk');
    const reactivate = await plan(ctx(), admin, county.id, `${header}\n,Us,Stat,status@riverside.gov,Active,,,,,,\n`);
    assert.equal(reactivate.counts.reactivated, 1);
    await commit(ctx(), admin, reactivate.id);
    assert.equal((await ctx().call('GET', `/api/accounts/${person.id}`, { as: admin })).json().status, 'active');
  });

  test('modes: create leaves identical accounts unchanged and refuses different ones; update refuses unknown ones', async () => {
    await createAccount(ctx(), { orgId: county.id, email: 'mode@riverside.gov', firstName: 'Mo', lastName: 'De' });
    const create = await plan(
      ctx(),
      admin,
      county.id,
      `${header}\n,De,Mo,mode@riverside.gov,,,,,,,\n,Different,Mo,mode@riverside.gov,,,,,,,\n`,
      { mode: 'create' },
    );
    const rows = await rowsOf(ctx(), admin, create.id);
    assert.deepEqual(
      rows.map((r) => [r.outcome, r.reason]),
      [
        ['unchanged', null],
        ['failed', 'duplicate_in_file'],
      ],
    );
    const createDiffering = await plan(ctx(), admin, county.id, `${header}\n,Different,Mo,mode@riverside.gov,,,,,,,\n`, { mode: 'create' });
    assert.equal((await rowsOf(ctx(), admin, createDiffering.id))[0]?.reason, 'email_taken');
    const update = await plan(
      ctx(),
      admin,
      county.id,
      `${header}\n,New,Person,nobody-yet@riverside.gov,,,,,,,\n,Changed,Mo,mode@riverside.gov,,,,,,,\n`,
      { mode: 'update' },
    );
    assert.deepEqual(
      (await rowsOf(ctx(), admin, update.id)).map((r) => [r.outcome, r.reason]),
      [
        ['failed', 'not_found'],
        ['updated', null],
      ],
    );
  });

  test('a row whose account changed after the preview is reported, not overwritten', async () => {
    const person = await createAccount(ctx(), { orgId: county.id, email: 'race@riverside.gov', firstName: 'Ra', lastName: 'Ce' });
    const imp = await plan(ctx(), admin, county.id, `${header}\n,FromFile,Ra,race@riverside.gov,,,,,,,\n`);
    await ctx().call('PATCH', `/api/accounts/${person.id}`, { as: admin, body: { lastName: 'EditedMeanwhile' } });
    const done = await commit(ctx(), admin, imp.id);
    assert.equal(done.counts.failed, 1);
    assert.equal((await rowsOf(ctx(), admin, imp.id, 'failed'))[0]?.reason, 'changed_since_planning');
    assert.equal((await ctx().call('GET', `/api/accounts/${person.id}`, { as: admin })).json().lastName, 'EditedMeanwhile');
  });

  test('a row previewed as unchanged is checked again at commit', async () => {
    const person = await createAccount(ctx(), {
      orgId: county.id,
      email: 'recheck@riverside.gov',
      firstName: 'Re',
      lastName: 'Check',
      password: 'Temporary-pass-2',
    });
    await ctx().call('POST', `/api/accounts/${person.id}/archive`, { as: admin });
    const imp = await plan(ctx(), admin, county.id, `${header}\n,Check,Re,recheck@riverside.gov,Archived,,,,,,\n`);
    assert.equal(imp.counts.unchanged, 1);
    await ctx().call('POST', `/api/accounts/${person.id}/reactivate`, { as: admin });
    const done = await commit(ctx(), admin, imp.id);
    assert.equal(done.counts.failed, 1);
    assert.equal((await rowsOf(ctx(), admin, imp.id))[0]?.reason, 'changed_since_planning');
    assert.ok(done.committedAt, 'the commit time is recorded');
  });

  test('a re-upload over several batches applies only its changes and checks every unchanged row again, to the last line', async () => {
    const people = 2500;
    const lineOf = (i: number, lastName = `Stretch${i}`) => `,${lastName},Sam,stretch${i}@riverside.gov,,,,,,,`;
    const file = (changed: Map<number, string>) =>
      [header, ...Array.from({ length: people }, (_, i) => lineOf(i, changed.get(i)))].join('\n');
    const first = await commit(ctx(), admin, (await plan(ctx(), admin, county.id, file(new Map()))).id);
    assert.equal(first.counts.created, people);
    // Two changes in the first two batches; nothing to apply in the last stretch of the file.
    const again = await plan(
      ctx(),
      admin,
      county.id,
      file(
        new Map([
          [9, 'Renamed'],
          [1499, 'Renamed'],
        ]),
      ),
    );
    assert.deepEqual([again.counts.updated, again.counts.unchanged], [2, people - 2]);
    // After the preview, someone changes one account the file leaves alone early on, and one past the last change.
    const accountOf = async (i: number) =>
      (await ctx().call('GET', `/api/accounts?emailDomain=riverside.gov&q=stretch${i}@`, { as: admin })).json().items[0] as { id: string };
    await ctx().call('POST', `/api/accounts/${(await accountOf(699)).id}/archive`, { as: admin });
    await ctx().call('PATCH', `/api/accounts/${(await accountOf(2199)).id}`, { as: admin, body: { firstName: 'Samuel' } });
    const done = await commit(ctx(), admin, again.id);
    assert.equal(done.status, 'completed');
    assert.deepEqual([done.counts.updated, done.counts.unchanged, done.counts.failed], [2, people - 4, 2]);
    assert.equal(done.rowsDone, people, 'progress counts every row, applied or not');
    const failed = await rowsOf(ctx(), admin, again.id, 'failed');
    // Lines count from the header (line 1): person i is on line i + 2.
    assert.deepEqual(
      failed.map((r) => [r.line, r.reason]),
      [
        [701, 'changed_since_planning'],
        [2201, 'changed_since_planning'],
      ],
    );
    assert.equal((await ctx().call('GET', `/api/accounts/${(await accountOf(2199)).id}`, { as: admin })).json().firstName, 'Samuel');
    const renamed = (await ctx().call('GET', '/api/accounts?q=renamed&limit=5', { as: admin })).json().items as { email: string }[];
    assert.deepEqual(renamed.map((a) => a.email).sort(), ['stretch1499@riverside.gov', 'stretch9@riverside.gov']);
  });

  test('a preview says when it expires, still commits after two days, and is refused after a week', async () => {
    const setPlannedAt = (id: string, daysAgo: number) =>
      ctx()
        .database.db.updateTable('imports')
        .set({ plannedAt: new Date(Date.now() - daysAgo * 86400_000).toISOString() })
        .where('id', '=', id)
        .execute();
    const fresh = await plan(ctx(), admin, county.id, `${header}\n,Old,Preview,oldpreview@riverside.gov,,,,,,,\n`);
    const expiresIn = Date.parse(fresh.expiresAt) - Date.parse(fresh.plannedAt);
    assert.equal(expiresIn, 7 * 86400_000, 'a preview lives a week');
    assert.ok(
      fresh.notices.some((n: string) => /This preview expires on \d+ \w+ \d{4}/.test(n)),
      fresh.notices.join(),
    );
    await setPlannedAt(fresh.id, 2);
    const done = await commit(ctx(), admin, fresh.id);
    assert.equal(done.status, 'completed');
    assert.equal(done.expiresAt, null, 'an applied import no longer expires');

    const stale = await plan(ctx(), admin, county.id, `${header}\n,Stale,Preview,stalepreview@riverside.gov,,,,,,,\n`);
    await setPlannedAt(stale.id, 8);
    const response = await ctx().call('POST', `/api/imports/${stale.id}/commit`, { as: admin });
    assert.equal(response.statusCode, 409);
    assert.equal(response.json().error.code, 'preview_expired');
    assert.match(response.json().error.message, /more than 7 days old/);
  });

  test('the failed-rows file, corrected, goes straight back in (its Reason column is ignored)', async () => {
    const imp = await plan(ctx(), admin, county.id, `${header}\n,Fix,Me,not-yet-an-email,,,,,,,\n`);
    await commit(ctx(), admin, imp.id);
    const csv = (await ctx().call('GET', `/api/imports/${imp.id}/failed.csv`, { as: admin })).body;
    const corrected = csv.replace('not-yet-an-email', 'fixed@riverside.gov');
    const again = await plan(ctx(), admin, county.id, corrected);
    assert.equal(again.status, 'planned', JSON.stringify(again.error));
    assert.equal(again.counts.created, 1);
  });

  test('names with line breaks or control characters are refused', async () => {
    const response = await ctx().call('POST', '/api/accounts', {
      as: admin,
      body: { orgId: county.id, firstName: 'A\u0000', lastName: 'B', email: 'nul@riverside.gov' },
    });
    assert.equal(response.statusCode, 400);
    assert.ok(response.json().error.details.fields.firstName);
  });

  test('rollback removes what the import created and restores what it changed', async () => {
    const person = await createAccount(ctx(), {
      orgId: county.id,
      email: 'rb@riverside.gov',
      firstName: 'Roll',
      lastName: 'Back',
      employeeType: 'Before',
    });
    const imp = await plan(
      ctx(),
      admin,
      county.id,
      `${header}\n,Back,Roll,rb@riverside.gov,,,After,,,,\n,New,Made,made@riverside.gov,,,,,,,\n`,
    );
    await commit(ctx(), admin, imp.id);
    assert.equal((await ctx().call('GET', `/api/accounts/${person.id}`, { as: admin })).json().employeeType, 'After');
    const rollback = await ctx().call('POST', `/api/imports/${imp.id}/rollback`, { as: admin });
    assert.equal(rollback.statusCode, 202, rollback.body);
    await ctx().drainJobs();
    const after = (await ctx().call('GET', `/api/imports/${imp.id}`, { as: admin })).json();
    assert.equal(after.status, 'rolled_back');
    assert.equal((await ctx().call('GET', `/api/accounts/${person.id}`, { as: admin })).json().employeeType, 'Before');
    assert.equal((await ctx().call('GET', '/api/accounts?q=made@', { as: admin })).json().total, 0);
    const again = await ctx().call('POST', `/api/imports/${imp.id}/rollback`, { as: admin });
    assert.equal(again.statusCode, 409);
  });

  test('file-level problems are explained and write nothing', async () => {
    const missing = await plan(ctx(), admin, county.id, 'FirstName,LastName\nA,B\n');
    assert.equal(missing.error.code, 'missing_columns');
    assert.match(missing.error.message, /Email/);
    const headerOnly = await plan(ctx(), admin, county.id, `${header}\r\n`);
    assert.equal(headerOnly.error.code, 'no_rows');
    const empty = await upload(ctx(), admin, county.id, '');
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.json().error.code, 'empty_file');
    const garbage = await plan(ctx(), admin, county.id, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 1, 2, 3, 0, 0, 255, 254]), {
      name: 'photo.csv',
    });
    assert.equal(garbage.status, 'failed');
    assert.equal(garbage.error.code, 'binary_file');
  });

  test('an organization outside the uploader’s reach answers 404; missing fields answer 400', async () => {
    const outside = await upload(ctx(), admin, other.id, `${header}\n,A,B,x@y.org,,,,,,,\n`);
    assert.equal(outside.statusCode, 404);
    const body = multipartBody({}, { name: 'a.csv', content: 'x' });
    const noOrg = await ctx().app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { cookie: admin.cookie as string, 'content-type': body.contentType },
      payload: body.payload,
    });
    assert.equal(noOrg.statusCode, 400);
    assert.equal(noOrg.json().error.details.fields.orgId !== undefined, true);
    const cut = await ctx().app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { cookie: admin.cookie as string, 'content-type': body.contentType },
      payload: body.payload.subarray(0, 60),
    });
    assert.equal(cut.statusCode, 400);
    const json = await ctx().call('POST', '/api/imports', { as: admin, body: { orgId: county.id } });
    assert.equal(json.statusCode, 415);
    const badMode = await upload(ctx(), admin, county.id, `${header}\n`, { mode: 'replace-everything' });
    assert.equal(badMode.statusCode, 400);
    const kernAdmin = (await signedInAdmin(ctx(), other)).session;
    const kernLog = (await ctx().call('GET', '/api/imports', { as: kernAdmin })).json();
    assert.equal(kernLog.items.length, 0, 'Kern’s admin sees none of Riverside’s imports');
    assert.equal(kernLog.total, 0, 'nor counts them');
    const riversideLog = (await ctx().call('GET', '/api/imports?limit=1', { as: admin })).json();
    assert.equal(riversideLog.items.length, 1);
    assert.ok(riversideLog.total > 1, 'the total counts every page');
  });

  test('the same file uploaded twice while the first is still queued is refused', async () => {
    const content = `${header}\n,Dup,Upload,dupupload@riverside.gov,,,,,,,\n`;
    const first = await upload(ctx(), admin, county.id, content);
    const second = await upload(ctx(), admin, county.id, content);
    assert.equal(first.statusCode, 202);
    assert.equal(second.statusCode, 409);
    assert.equal(second.json().error.code, 'import_in_progress');
    await ctx().drainJobs();
  });
});

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session, type TestContext } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { multipartBody } from '../support/multipart.ts';

/*
 * Files shaped exactly like the guides' tabs (shared/seeds 000: the county Community Partner guide's
 * creation and archival tabs; 001: the strict educator template), imported with the presets.
 */
const creationHeader =
  'UserID,LastName,FirstName,Email,Password,Status,Affiliation,OrganizationName,EmployeeType,RTADepartment,RTAJobTitle,RTAJobCode,AreaOfAssignment,DateHire,DateTransfer,UserLevel,AssocLMSID';
const archivalHeader = 'UserID,LastName,FirstName,Email,Affiliation,EmploymentType';
const educatorHeader = 'First Name,Last Name,Email,User Role';

async function upload(ctx: TestContext, as: Session, orgId: string, template: string, content: string, mode?: string) {
  const body = multipartBody({ orgId, template, ...(mode ? { mode } : {}) }, { name: `${template}.csv`, content });
  return ctx.app.inject({
    method: 'POST',
    url: '/api/imports',
    payload: body.payload,
    headers: { cookie: as.cookie as string, 'content-type': body.contentType },
  });
}

async function plan(ctx: TestContext, as: Session, orgId: string, template: string, content: string) {
  const response = await upload(ctx, as, orgId, template, content);
  assert.equal(response.statusCode, 202, response.body);
  await ctx.drainJobs();
  return (await ctx.call('GET', `/api/imports/${response.json().id}`, { as })).json();
}

async function commit(ctx: TestContext, as: Session, id: string) {
  const response = await ctx.call('POST', `/api/imports/${id}/commit`, { as });
  assert.equal(response.statusCode, 202, response.body);
  await ctx.drainJobs();
  return (await ctx.call('GET', `/api/imports/${id}`, { as })).json();
}

async function rowsOf(ctx: TestContext, as: Session, id: string) {
  const response = await ctx.call('GET', `/api/imports/${id}/rows?limit=1000`, { as });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().items as Array<{ line: number; outcome: string; reason: string | null; message: string; type: string | null }>;
}

async function accountByEmail(ctx: TestContext, as: Session, email: string) {
  const found = (await ctx.call('GET', `/api/accounts?q=${encodeURIComponent(email)}`, { as })).json().items;
  assert.equal(found.length, 1, `one account for ${email}`);
  return found[0];
}

describeEachDatabase('imports with guide-shaped files', (ctx) => {
  let state: OrgRef;
  let riverside: OrgRef;
  let countyAdmin: Session;

  before(async () => {
    state = await createOrg(ctx(), 'CACWT State');
    riverside = await createOrg(ctx(), 'Riverside County', state);
    const tenantAdmin = (await signedInAdmin(ctx(), state)).session;
    countyAdmin = (await signedInAdmin(ctx(), riverside)).session;
    for (const preset of ['County community partners', 'County archival', 'Educators, strict']) {
      const installed = await ctx().call('POST', '/api/import-templates', { as: tenantAdmin, body: { preset } });
      assert.equal(installed.statusCode, 201, installed.body);
    }
  });

  test('guide 000 creation tab: 17 columns in its order, blank columns accepted, DateHire blank is today, Affiliation in the list’s spelling', async () => {
    const file = [
      creationHeader,
      'ana@partner.org,Lopez,Ana,ana@partner.org,Changeme1!,Active,California Community Partners,,Riverside County Community Partner,,,,,,,,',
      'bo@partner.org,Nguyen,Bo,bo@partner.org,Changeme1!,active,california  community PARTNERS,,Riverside County Community Partner,,,,,11/2/2026,,,',
      'cy@partner.org,Shifted,Cy,cy@partner.org,Changeme1!,Active,California Community Partners,,Riverside County Community Partner,,,J-42,,,,,',
      'di@partner.org,Other,Di,di@partner.org,Changeme1!,Active,Somewhere Else,,Riverside County Community Partner,,,,,,,,',
    ].join('\r\n');
    const imp = await plan(ctx(), countyAdmin, riverside.id, 'county-community-partners', file);
    assert.equal(imp.status, 'planned', JSON.stringify(imp.error));
    assert.deepEqual(imp.ignoredColumns, []);
    assert.equal(imp.counts.created, 2);
    const failed = (await rowsOf(ctx(), countyAdmin, imp.id)).filter((r) => r.outcome === 'failed');
    assert.deepEqual(
      failed.map((r) => [r.line, r.reason]),
      [
        [4, 'invalid_value'],
        [5, 'invalid_value'],
      ],
    );
    assert.match(failed[0]?.message ?? '', /RTAJobCode must be left blank/);
    assert.match(failed[1]?.message ?? '', /Affiliation "Somewhere Else" is not one of: California Community Partners/);

    const done = await commit(ctx(), countyAdmin, imp.id);
    assert.equal(done.counts.created, 2);
    const ana = await accountByEmail(ctx(), countyAdmin, 'ana@partner.org');
    assert.equal(ana.dateHire, new Date().toISOString().slice(0, 10), 'Date of Hire = Date of Account Creation');
    assert.equal(ana.employeeType, 'Riverside County Community Partner');
    const bo = await accountByEmail(ctx(), countyAdmin, 'bo@partner.org');
    assert.equal(bo.affiliation, 'California Community Partners');
    assert.equal(bo.dateHire, '2026-11-02');
  });

  test('guide 000 archival tab: its EmploymentType column is read, Status defaults to Archived, and the mode is update', async () => {
    const file = [
      archivalHeader,
      'ana@partner.org,Lopez,Ana,ana@partner.org,California Community Partners,Riverside County Community Partner',
    ].join('\r\n');
    const refused = await upload(ctx(), countyAdmin, riverside.id, 'county-archival', file, 'create');
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json().error.message, /County archival.*update/);

    const imp = await plan(ctx(), countyAdmin, riverside.id, 'county-archival', file);
    assert.equal(imp.status, 'planned', JSON.stringify(imp.error));
    assert.equal(imp.mode, 'update');
    assert.equal(imp.counts.archived, 1);
    await commit(ctx(), countyAdmin, imp.id);
    assert.equal((await accountByEmail(ctx(), countyAdmin, 'ana@partner.org')).status, 'archived');
  });

  test('the creation file with Status changed to Archived also archives, its other columns ignored and named', async () => {
    const file = [
      creationHeader,
      'bo@partner.org,Nguyen,Bo,bo@partner.org,Changeme1!,Archived,California Community Partners,,Riverside County Community Partner,,,,,11/2/2026,,,',
    ].join('\r\n');
    const imp = await plan(ctx(), countyAdmin, riverside.id, 'county-archival', file);
    assert.equal(imp.status, 'planned', JSON.stringify(imp.error));
    assert.equal(imp.counts.archived, 1);
    assert.deepEqual(imp.ignoredColumns, [
      'Password',
      'OrganizationName',
      'RTADepartment',
      'RTAJobTitle',
      'RTAJobCode',
      'AreaOfAssignment',
      'DateHire',
      'DateTransfer',
      'UserLevel',
      'AssocLMSID',
    ]);
    assert.ok(
      imp.notices.some((n: string) => n.startsWith('10 columns ignored: Password, OrganizationName, RTADepartment')),
      imp.notices.join(),
    );
  });

  test('the built-in template ignores unknown columns and fills every account field', async () => {
    const file = [
      'ExternalId,LastName,FirstName,Email,Department,JobTitle,DateTransfer,TrainingManager,Supervisor,ShoeSize,Favourite Colour',
      'E-7,Park,Jo,jo@partner.org,Intake,Case Worker,3/4/2026,TRUE,N,42,green',
      'E-8,Kim,Al,al@partner.org,,,,maybe,,,',
    ].join('\r\n');
    const imp = await plan(ctx(), countyAdmin, riverside.id, 'accounts', file);
    assert.equal(imp.status, 'planned', JSON.stringify(imp.error));
    assert.deepEqual(imp.ignoredColumns, ['ShoeSize', 'Favourite Colour']);
    assert.ok(imp.notices.includes('2 columns ignored: ShoeSize, Favourite Colour. This template does not read them.'), imp.notices.join());
    const rows = await rowsOf(ctx(), countyAdmin, imp.id);
    assert.equal(rows[1]?.reason, 'invalid_value');
    assert.match(rows[1]?.message ?? '', /TrainingManager "maybe" must be Yes or No/);
    await commit(ctx(), countyAdmin, imp.id);
    const jo = await accountByEmail(ctx(), countyAdmin, 'jo@partner.org');
    assert.deepEqual(
      [jo.externalId, jo.department, jo.jobTitle, jo.dateTransfer, jo.trainingManager, jo.supervisor],
      ['E-7', 'Intake', 'Case Worker', '2026-03-04', true, false],
    );
  });
});

describeEachDatabase('the strict educator template (guide 001)', (ctx) => {
  let school: OrgRef;
  let uploader: Session;
  const uploaderEmail = 'root@registrar.test';

  before(async () => {
    const district = await createOrg(ctx(), 'CCGI Partners');
    school = await createOrg(ctx(), 'Demo Partner High', district, 'site');
    uploader = ctx().root;
    // The tenant's educator roles (the role catalog's API belongs to another issue).
    const now = new Date().toISOString();
    for (const [key, label] of [
      ['educator', 'Educator'],
      ['counselor', 'Counselor'],
    ] as const) {
      await ctx()
        .database.db.insertInto('roles')
        .values({
          id: `${district.id}-${key}`,
          tenantId: district.tenantId,
          key,
          label,
          orgKinds: '[]',
          permissions: '[]',
          mayGrant: '[]',
          mayInvite: '[]',
          bulkCreatable: 1,
          perOrgLimitMax: null,
          perOrgLimitMode: null,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
    }
    const installed = await ctx().call('POST', `/api/import-templates?orgId=${district.id}`, {
      as: uploader,
      body: { preset: 'Educators, strict' },
    });
    assert.equal(installed.statusCode, 201, installed.body);
    await createAccount(ctx(), { orgId: school.id, firstName: 'Already', lastName: 'Here', email: 'taken@school.org' });
  });

  test('every field is required and each failed row gives its Type, in the rows and in failed.csv', async () => {
    const file = [
      educatorHeader,
      'Dana,Reyes,dana@school.org,Educator',
      'Teacher,Taken,taken@school.org,educator',
      'Sam,Blank,sam@school.org,',
      'Lee,Park,lee@school.org,counselor',
    ].join('\r\n');
    const imp = await plan(ctx(), uploader, school.id, 'educators-strict', file);
    assert.equal(imp.status, 'planned', JSON.stringify(imp.error));
    assert.equal(imp.mode, 'create');
    const rows = await rowsOf(ctx(), uploader, imp.id);
    assert.deepEqual(
      rows.map((r) => [r.line, r.outcome, r.reason, r.type]),
      [
        [2, 'created', null, 'Educator'],
        [3, 'failed', 'email_taken', 'Educator'],
        [4, 'failed', 'missing_value', null],
        [5, 'created', null, 'Counselor'],
      ],
    );
    assert.match(rows[2]?.message ?? '', /User Role is required/);
    const csv = (await ctx().call('GET', `/api/imports/${imp.id}/failed.csv`, { as: uploader })).body;
    assert.match(csv, /Teacher,Taken,taken@school.org,educator,"?Line 3, Educator: /);
    assert.match(csv, /Sam,Blank,sam@school.org,,"?Line 4: User Role is required/);
  });

  test('a header that is not exactly the template’s is refused, naming the columns, and the uploader gets the log by email', async () => {
    const imp = await plan(
      ctx(),
      uploader,
      school.id,
      'educators-strict',
      'First Name,Last Name,Email,Role\r\nDana,Reyes,dana2@school.org,Educator\r\n',
    );
    assert.equal(imp.status, 'failed');
    assert.equal(imp.error.code, 'unknown_columns');
    assert.match(imp.error.message, /"Role"/);
    assert.match(imp.error.message, /exactly First Name, Last Name, Email, User Role/);
    const mail = (await ctx().call('GET', '/api/mail?limit=200', { as: ctx().root })).json().items as Array<{
      id: string;
      recipient: string;
      subject: string;
    }>;
    const refused = mail.find(
      (m) => m.recipient === uploaderEmail && m.subject === 'Import of educators-strict.csv refused: nothing was imported',
    );
    assert.ok(refused, JSON.stringify(mail.map((m) => m.subject)));
    const message = (await ctx().call('GET', `/api/mail/${refused.id}`, { as: ctx().root })).json();
    assert.match(message.bodyText, /Why: The file has a column this template does not know: "Role"/);
    assert.match(message.bodyText, /Demo Partner High/);
  });
});

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';

const partnersTemplate = {
  key: 'partners',
  label: 'Partners',
  headerMode: 'lenient',
  modes: ['create', 'upsert'],
  columns: [
    { header: 'Email', field: 'email', required: true },
    { header: 'Last Name', field: 'lastName', required: true },
    { header: 'First Name', field: 'firstName', required: true },
    { header: 'EmployeeType', aliases: ['EmploymentType'], field: 'employeeType' },
    {
      header: 'Affiliation',
      field: 'affiliation',
      allowedValues: ['California Community Partners'],
      default: 'california community partners',
    },
    { header: 'DateHire', field: 'dateHire', default: 'today', dateFormats: ['M/D/YYYY'] },
    { header: 'RTAJobCode', field: 'ignore', mustBeBlank: true },
  ],
};

describeEachDatabase('import templates API', (ctx) => {
  let tenant: OrgRef;
  let county: OrgRef;
  let otherTenant: OrgRef;
  let tenantAdmin: Session;
  let countyAdmin: Session;
  let otherAdmin: Session;

  before(async () => {
    tenant = await createOrg(ctx(), 'Templates State');
    county = await createOrg(ctx(), 'Templates County', tenant);
    otherTenant = await createOrg(ctx(), 'Elsewhere State');
    tenantAdmin = (await signedInAdmin(ctx(), tenant)).session;
    countyAdmin = (await signedInAdmin(ctx(), county)).session;
    otherAdmin = (await signedInAdmin(ctx(), otherTenant)).session;
  });

  test('a tenant administrator adds a template; it is stored as the lists spell it and everyone who imports reads it', async () => {
    const created = await ctx().call('POST', '/api/import-templates', { as: tenantAdmin, body: partnersTemplate });
    assert.equal(created.statusCode, 201, created.body);
    const template = created.json();
    assert.equal(template.key, 'partners');
    assert.equal(template.builtIn, false);
    assert.deepEqual(
      template.columns.map((c: { header: string }) => c.header),
      ['Email', 'Last Name', 'First Name', 'EmployeeType', 'Affiliation', 'DateHire', 'RTAJobCode'],
    );
    assert.equal(template.columns[4].default, 'California Community Partners', 'the default is stored in the list’s spelling');
    assert.deepEqual(template.columns[3].aliases, ['EmploymentType']);
    assert.equal(template.columns[6].mustBeBlank, true);

    const asCounty = await ctx().call('GET', '/api/import-templates', { as: countyAdmin });
    assert.equal(asCounty.statusCode, 200, asCounty.body);
    const keys = asCounty.json().items.map((t: { key: string }) => t.key);
    assert.deepEqual(keys, ['accounts', 'enrollments', 'partners'], 'the built-ins first, then the tenant’s own');
    const one = await ctx().call('GET', '/api/import-templates/partners', { as: countyAdmin });
    assert.equal(one.json().label, 'Partners');
  });

  test('only imports.templates holders at the tenant’s top organization edit; another tenant sees nothing', async () => {
    const byCounty = await ctx().call('POST', '/api/import-templates', { as: countyAdmin, body: { ...partnersTemplate, key: 'mine' } });
    assert.equal(byCounty.statusCode, 403, byCounty.body);
    const patchByCounty = await ctx().call('PATCH', '/api/import-templates/partners', { as: countyAdmin, body: { label: 'Mine' } });
    assert.equal(patchByCounty.statusCode, 403);
    const otherList = await ctx().call('GET', '/api/import-templates', { as: otherAdmin });
    assert.deepEqual(
      otherList.json().items.map((t: { key: string }) => t.key),
      ['accounts', 'enrollments'],
    );
    const otherPatch = await ctx().call('PATCH', '/api/import-templates/partners', { as: otherAdmin, body: { label: 'Taken over' } });
    assert.equal(otherPatch.statusCode, 404);
    const otherDownload = await ctx().call('GET', `/api/import-templates/partners/template.csv?orgId=${tenant.id}`, { as: otherAdmin });
    assert.equal(otherDownload.statusCode, 404);
  });

  test('a template that could be read two ways is refused, naming each problem in place', async () => {
    const bad = {
      ...partnersTemplate,
      key: 'bad',
      columns: [
        { header: 'Email', field: 'email', required: false },
        { header: 'Last name', field: 'lastName' },
        { header: 'LastName', field: 'firstName' },
        { header: 'Type', field: 'employeeType', allowedValues: ['A', 'B'], default: 'C' },
        { header: 'Blank', field: 'lastName' },
      ],
    };
    const response = await ctx().call('POST', '/api/import-templates', { as: tenantAdmin, body: bad });
    assert.equal(response.statusCode, 400, response.body);
    const fields = response.json().error.details.fields;
    assert.match(fields['columns.0.required'], /email column must be required/);
    assert.match(fields['columns.2.name'], /already column 2/);
    assert.match(fields['columns.3.default'], /one of the allowed values: A, B/);
    assert.match(fields['columns.4.field'], /already fills lastName/);
    const noEmail = await ctx().call('POST', '/api/import-templates', {
      as: tenantAdmin,
      body: { key: 'no-email', label: 'No email', columns: [{ header: 'Name', field: 'lastName' }] },
    });
    assert.equal(noEmail.statusCode, 400);
    assert.match(noEmail.json().error.message, /fills email/);
    const badKey = await ctx().call('POST', '/api/import-templates', { as: tenantAdmin, body: { ...partnersTemplate, key: 'Has Spaces' } });
    assert.equal(badKey.statusCode, 400);
    const again = await ctx().call('POST', '/api/import-templates', { as: tenantAdmin, body: partnersTemplate });
    assert.equal(again.statusCode, 409);
  });

  test('an edit replaces the columns, is audited with before and after, and a deletion too; built-ins stay', async () => {
    const patched = await ctx().call('PATCH', '/api/import-templates/partners', {
      as: tenantAdmin,
      body: { label: 'Partners, strict', headerMode: 'strict', allRequired: true, columns: partnersTemplate.columns.slice(0, 3) },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().headerMode, 'strict');
    assert.equal(patched.json().allRequired, true);
    assert.equal(patched.json().columns.length, 3);
    assert.ok(patched.json().updatedAt);

    const audit = await ctx().call('GET', '/api/audit?targetId=partners&limit=10', { as: ctx().root });
    const actions = audit.json().items.map((e: { action: string }) => e.action);
    assert.ok(actions.includes('import_template.created'), actions.join());
    const update = audit.json().items.find((e: { action: string }) => e.action === 'import_template.updated');
    assert.equal(update.before.label, 'Partners');
    assert.equal(update.after.label, 'Partners, strict');

    const builtIn = await ctx().call('DELETE', '/api/import-templates/accounts', { as: tenantAdmin });
    assert.equal(builtIn.statusCode, 409);
    assert.match(builtIn.json().error.message, /built in/);
    const deleted = await ctx().call('DELETE', '/api/import-templates/partners', { as: tenantAdmin });
    assert.equal(deleted.statusCode, 204);
    assert.equal((await ctx().call('GET', '/api/import-templates/partners', { as: tenantAdmin })).statusCode, 404);
    const afterDelete = await ctx().call('GET', '/api/audit?targetId=partners&action=import_template.deleted', { as: ctx().root });
    assert.equal(afterDelete.json().items.length, 1);
  });

  test('the built-in accounts template can be edited (a tenant’s own fixed value) and keeps working', async () => {
    const current = (await ctx().call('GET', '/api/import-templates/accounts', { as: tenantAdmin })).json();
    assert.equal(current.builtIn, true);
    const patched = await ctx().call('PATCH', '/api/import-templates/accounts', {
      as: tenantAdmin,
      body: { fixedValues: { Affiliation: 'California Community Partners' } },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.deepEqual(patched.json().fixedValues, { Affiliation: 'California Community Partners' });
    const other = (await ctx().call('GET', '/api/import-templates/accounts', { as: otherAdmin })).json();
    assert.deepEqual(other.fixedValues, {}, 'another tenant’s copy is untouched');
  });

  test('presets install per tenant by key or name, once each', async () => {
    const presets = await ctx().call('GET', '/api/import-templates/presets', { as: tenantAdmin });
    assert.deepEqual(
      presets.json().items.map((p: { label: string }) => p.label),
      ['County community partners', 'County archival', 'Educators, strict'],
    );
    for (const preset of ['County community partners', 'county-archival', 'Educators, strict']) {
      const installed = await ctx().call('POST', '/api/import-templates', { as: tenantAdmin, body: { preset } });
      assert.equal(installed.statusCode, 201, installed.body);
    }
    const list = (await ctx().call('GET', '/api/import-templates', { as: tenantAdmin })).json().items;
    const creation = list.find((t: { key: string }) => t.key === 'county-community-partners');
    assert.equal(creation.preset, 'county-community-partners');
    assert.equal(creation.columns.length, 17);
    const twice = await ctx().call('POST', '/api/import-templates', { as: tenantAdmin, body: { preset: 'County archival' } });
    assert.equal(twice.statusCode, 409);
    const unknown = await ctx().call('POST', '/api/import-templates', { as: tenantAdmin, body: { preset: 'Nope' } });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.json().error.message, /County archival/);
  });

  test('a template downloads as CSV and as a workbook with drop-downs and an Instructions sheet', async () => {
    const csv = await ctx().call('GET', '/api/import-templates/county-community-partners/template.csv', { as: countyAdmin });
    assert.equal(csv.statusCode, 200, csv.body);
    assert.equal(
      csv.body.replace(/^\uFEFF/, '').split('\r\n')[0],
      'UserID,LastName,FirstName,Email,Password,Status,Affiliation,OrganizationName,EmployeeType,RTADepartment,RTAJobTitle,RTAJobCode,AreaOfAssignment,DateHire,DateTransfer,UserLevel,AssocLMSID',
    );
    const xlsx = await ctx().app.inject({
      method: 'GET',
      url: '/api/import-templates/county-community-partners/template.xlsx',
      headers: { cookie: countyAdmin.cookie as string },
    });
    assert.equal(xlsx.statusCode, 200);
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const [sheet, instructions] = workbook.worksheets;
    assert.equal(sheet?.getCell('F1').value, 'Status');
    const statusRule = sheet?.getCell('F2').dataValidation;
    assert.equal(statusRule?.type, 'list');
    const affiliationRule = sheet?.getCell('G50').dataValidation;
    assert.equal(affiliationRule?.type, 'list', 'Affiliation offers its fixed value too');
    assert.equal(sheet?.getCell('B2').dataValidation?.type, undefined, 'free text columns have no list');
    assert.equal(instructions?.name, 'Instructions');
    const text = instructions?.getSheetValues().flat().join(' ') ?? '';
    assert.match(text, /RTAJobCode No Leave blank\./);
    assert.match(text, /Blank means the day of the import/);
  });
});

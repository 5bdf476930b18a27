import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, uniqueSuffix, type OrgRef } from '../support/factories.ts';
import { commitImport, importRows, planImport } from '../support/imports.ts';

// Issue #16, export: the list as CSV or XLSX in the import template's columns; re-imported, every row
// not edited comes back unchanged; formula-safe; reach as the list's.
describeEachDatabase('exporting accounts', (ctx) => {
  let county: OrgRef;
  let site: OrgRef;
  let other: OrgRef;
  let admin: Session;
  let tag: string;

  before(async () => {
    const tenant = await createOrg(ctx(), `Export State ${uniqueSuffix()}`);
    county = await createOrg(ctx(), 'Export County', tenant);
    other = await createOrg(ctx(), 'Other County', tenant);
    site = await createOrg(ctx(), 'Export Site', county, 'site');
    admin = (await signedInAdmin(ctx(), county)).session;
    tag = uniqueSuffix();
    const common = { affiliation: 'Partners, West', emailDomain: undefined };
    await createAccount(ctx(), { orgId: county.id, lastName: '=HYPERLINK("http://x")', email: `f-${tag}@exp.example.org`, ...common });
    await createAccount(ctx(), {
      orgId: site.id,
      firstName: 'Zoë',
      email: `z-${tag}@exp.example.org`,
      dateHire: '2026-03-01',
      employeeType: 'Coach',
      jobTitle: 'Lead',
      trainingManager: true,
      externalId: 'E-7',
      password: 'Temporary-pass-42',
      ...common,
    });
    const archived = await createAccount(ctx(), { orgId: site.id, email: `a-${tag}@exp.example.org`, ...common });
    await ctx().call('POST', `/api/accounts/${archived.id}/archive`, { as: admin });
    await createAccount(ctx(), { orgId: other.id, email: `o-${tag}@exp.example.org`, ...common });
  });

  test('the CSV follows the template, is formula-safe, holds only the admin’s reach, and re-imports unchanged', async () => {
    const response = await ctx().call('GET', `/api/accounts/export?format=csv&affiliation=${encodeURIComponent('Partners, West')}`, {
      as: admin,
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers['content-type']), /text\/csv/);
    assert.match(String(response.headers['content-disposition']), /attachment; filename="accounts-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(
      lines[0],
      'UserID,LastName,FirstName,Email,Status,Affiliation,EmployeeType,DateHire,Role,Password,Organization,Department,JobTitle,DateTransfer,TrainingManager,Supervisor',
    );
    assert.equal(lines.length, 4, 'three accounts in the county’s reach; the other county’s is not there');
    assert.ok(
      lines.some((l) => l.includes(`"'=HYPERLINK(""http://x"")"`)),
      'the formula is neutralized',
    );
    assert.ok(
      lines.some((l) => l.startsWith(`E-7,`) && l.includes(',Active,"Partners, West",Coach,2026-03-01,,,Export Site,,Lead,,Yes,No')),
    );
    assert.ok(lines.some((l) => l.includes(',Archived,')));

    const planned = await planImport(ctx(), admin, county.id, response.body);
    assert.equal(planned.status, 'planned', JSON.stringify(planned));
    const imp = await commitImport(ctx(), admin, planned.id);
    const rows = await importRows(ctx(), admin, planned.id);
    assert.deepEqual(
      rows.map((r) => [r.outcome, r.message]).filter(([outcome]) => outcome !== 'unchanged'),
      [],
    );
    assert.equal(imp.counts.unchanged, 3);
  });

  test('the XLSX holds the same rows, values as they are (a string cell is never a formula)', async () => {
    const response = await ctx().app.inject({
      method: 'GET',
      url: `/api/accounts/export?format=xlsx&emailDomain=exp.example.org`,
      headers: { cookie: admin.cookie as string },
    });
    assert.equal(response.statusCode, 200, response.body);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Accounts');
    assert.ok(sheet);
    assert.equal(sheet.getRow(1).getCell(1).value, 'UserID');
    assert.equal(sheet.actualRowCount, 4);
    const names = [2, 3, 4].map((r) => sheet.getRow(r).getCell(2).value);
    assert.ok(names.includes('=HYPERLINK("http://x")'));
  });

  test('an export bulk action gives the file of its selection', async () => {
    const started = await ctx().call('POST', '/api/bulk-actions', {
      as: admin,
      body: { action: 'export', filter: { emailDomain: 'exp.example.org', status: 'archived' }, expectedCount: 1 },
    });
    assert.equal(started.statusCode, 202, started.body);
    await ctx().drainJobs();
    const file = await ctx().call('GET', `/api/bulk-actions/${started.json().id}/export?format=csv`, { as: admin });
    assert.equal(file.statusCode, 200, file.body);
    const lines = file.body.trim().split('\r\n');
    assert.equal(lines.length, 2);
    assert.match(lines[1] ?? '', new RegExp(`a-${tag}@exp.example.org,Archived`));
  });

  test('an organization out of reach is 404 before any file starts; a bad filter is 400', async () => {
    assert.equal((await ctx().call('GET', `/api/accounts/export?orgId=${other.id}`, { as: admin })).statusCode, 404);
    assert.equal((await ctx().call('GET', `/api/accounts/export?status=nope`, { as: admin })).statusCode, 400);
    assert.equal((await ctx().call('GET', `/api/accounts/export?format=pdf`, { as: admin })).statusCode, 400);
  });
});

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session, type TestContext } from '../support/context.ts';
import { createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { educatorCatalog } from '../support/catalogs.ts';
import { multipartBody } from '../support/multipart.ts';

const header = 'LastName,FirstName,Email,Role';

async function planRows(ctx: TestContext, as: Session, orgId: string, csv: string) {
  const body = multipartBody({ orgId, template: 'accounts' }, { name: 'educators.csv', content: csv });
  const upload = await ctx.app.inject({
    method: 'POST',
    url: '/api/imports',
    payload: body.payload,
    headers: { cookie: as.cookie as string, 'content-type': body.contentType },
  });
  assert.equal(upload.statusCode, 202, upload.body);
  await ctx.drainJobs();
  const rows = await ctx.call('GET', `/api/imports/${upload.json().id}/rows?limit=100`, { as });
  return rows.json().items as Array<{ line: number; outcome: string; reason: string | null; message: string }>;
}

describeEachDatabase('the Role column of an import', (ctx) => {
  let school: OrgRef;
  let districtAdmin: Session;

  before(async () => {
    const tenant = await createOrg(ctx(), 'California Colleges');
    const district = await createOrg(ctx(), 'Lincoln Unified', tenant, 'district');
    school = await createOrg(ctx(), 'Lincoln High', district, 'site');
    const tenantAdmin = (await signedInAdmin(ctx(), tenant)).session;
    await educatorCatalog(ctx(), tenantAdmin);
    districtAdmin = (await signedInAdmin(ctx(), district, 'District Admin')).session;
  });

  test('labels with any dash pass, a role not made in bulk fails role_not_allowed, the third Site Admin fails role_limit', async () => {
    const csv = [
      header,
      'Lopez,Ana,ana@example.org,Counselor - Caseload Only',
      'Kim,Bo,bo@example.org,counselor—caseload only',
      'Diaz,Cy,cy@example.org,District Admin',
      'Ng,Di,di@example.org,Site Admin',
      'Wu,Ed,ed@example.org,site_admin',
      'Oz,Fa,fa@example.org,SITE ADMIN',
    ].join('\n');
    const rows = await planRows(ctx(), districtAdmin, school.id, csv);
    assert.deepEqual(
      rows.map((r) => [r.line, r.outcome, r.reason]),
      [
        [2, 'created', null],
        [3, 'created', null],
        [4, 'failed', 'role_not_allowed'],
        [5, 'created', null],
        [6, 'created', null],
        [7, 'failed', 'role_limit'],
      ],
    );
    assert.match(rows[5]?.message ?? '', /Lincoln High already has 2 Site Admin accounts/);
  });
});

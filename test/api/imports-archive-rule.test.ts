import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createOrg, signedInAdmin, uniqueSuffix, type OrgRef } from '../support/factories.ts';
import { commitImport, importHeader, importRows, planImport } from '../support/imports.ts';

// Issue #16, import rule: the guide's archival tab must never create an archived account from a typo.
describeEachDatabase('an archival row for an unknown email', (ctx) => {
  let county: OrgRef;
  let admin: Session;

  before(async () => {
    const tenant = await createOrg(ctx(), `Archive Rule ${uniqueSuffix()}`);
    county = await createOrg(ctx(), 'Typo County', tenant);
    admin = (await signedInAdmin(ctx(), county)).session;
  });

  for (const mode of ['create', 'upsert', 'update']) {
    test(`fails not_found in ${mode} mode and creates nothing`, async () => {
      const email = `typo-${uniqueSuffix()}@example.org`;
      const planned = await planImport(ctx(), admin, county.id, `${importHeader}\n,Typo,Tess,${email},Archived,,,,,,\n`, mode);
      const imp = await commitImport(ctx(), admin, planned.id);
      assert.equal(imp.counts.failed, 1);
      assert.equal(imp.counts.created, 0);
      const [row] = await importRows(ctx(), admin, planned.id);
      assert.deepEqual([row?.outcome, row?.reason, row?.message], ['failed', 'not_found', 'no account with this email to archive']);
      const found = await ctx().call('GET', `/api/accounts?q=${encodeURIComponent(email)}`, { as: admin });
      assert.equal(found.json().total, 0);
    });
  }
});

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { importHeader, planImport } from '../support/imports.ts';

// Issue #12, low finding: a formula hidden behind spaces or written in full-width characters must not
// come back to life when the failed rows are opened in a spreadsheet.
describeEachDatabase('CSV downloads', (ctx) => {
  let county: OrgRef;
  let admin: Session;

  before(async () => {
    const state = await createOrg(ctx(), 'Exports State');
    county = await createOrg(ctx(), 'Exports County', state);
    admin = (await signedInAdmin(ctx(), county)).session;
  });

  test('failed.csv neutralizes formulas behind spaces, no-break spaces and in full-width forms', async () => {
    const rows = [
      ',\u00A0=HYPERLINK("http://evil.example"),Nbsp,,,,,,,,',
      ', @SUM(A1),Space,,,,,,,,',
      ',\uFF1D1+1,Fullwidth,,,,,,,,',
      ',\uFF0Dcmd,Minus,,,,,,,,',
      ',-42,Number,,,,,,,,',
    ];
    const planned = await planImport(ctx(), admin, county.id, `${importHeader}\n${rows.join('\n')}\n`);
    assert.equal(planned.counts.failed, 5);
    const response = await ctx().call('GET', `/api/imports/${planned.id}/failed.csv`, { as: admin });
    assert.equal(response.statusCode, 200, response.body);
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    const lastNames = lines.slice(1, 6).map((line) => line.split(',')[1]);
    assert.deepEqual(lastNames, ['"\'\u00A0=HYPERLINK(""http://evil.example"")"', "' @SUM(A1)", "'\uFF1D1+1", "'\uFF0Dcmd", '-42']);
  });
});

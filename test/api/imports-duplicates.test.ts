import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { importHeader, planImport } from '../support/imports.ts';

/*
 * A file is planned in batches (1,000 rows on the server's thread): an email repeated in a later batch
 * is found among the rows stored before it, those an earlier batch claimed (see ClaimedEmails).
 */
describeEachDatabase('duplicates across the batches of a plan', (ctx) => {
  let county: OrgRef;
  let admin: Session;

  before(async () => {
    const state = await createOrg(ctx(), 'Duplicates State');
    county = await createOrg(ctx(), 'Duplicates County', state);
    admin = (await signedInAdmin(ctx(), county)).session;
  });

  test('a repeated email is refused naming its first line, however far apart; a failed row claims nothing', async () => {
    const lines = [importHeader];
    for (let line = 2; line <= 2501; line += 1) {
      const email =
        line === 2 || line === 1500
          ? line === 2
            ? 'dup.one@dupes.gov'
            : 'DUP.ONE@dupes.gov'
          : line === 10 || line === 1600 || line === 2400
            ? 'dup.two@dupes.gov'
            : `person.${line}@dupes.gov`;
      // Line 10 has no last name: it fails, so its email stays free for line 1,600.
      lines.push(`,${line === 10 ? '' : 'Last'},First,${email},,,,,,,`);
    }
    const imp = await planImport(ctx(), admin, county.id, lines.join('\r\n'));
    const { id } = imp;
    assert.equal(imp.status, 'planned', JSON.stringify(imp.error));
    assert.deepEqual(imp.counts, { total: 2500, created: 2497, updated: 0, unchanged: 0, archived: 0, reactivated: 0, failed: 3 });
    const failed = (await ctx().call('GET', `/api/imports/${id}/rows?outcome=failed&limit=100`, { as: admin })).json().items as Array<{
      line: number;
      reason: string;
      message: string;
    }>;
    assert.deepEqual(
      failed.map((r) => [r.line, r.reason]),
      [
        [10, 'missing_value'],
        [1500, 'duplicate_in_file'],
        [2400, 'duplicate_in_file'],
      ],
    );
    assert.match(failed[1]?.message ?? '', /also appears on line 2;/);
    assert.match(failed[2]?.message ?? '', /also appears on line 1600;/);
  });
});

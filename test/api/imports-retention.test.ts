import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createOrg, signedInAdmin, type AccountRef, type OrgRef } from '../support/factories.ts';
import { commitImport as commitAndRun, importHeader, planUpload } from '../support/imports.ts';
import { movableClock, runJobsOnClock } from '../support/seams.ts';

const clock = movableClock();

// A spreadsheet's Password column is a temporary password: hashed into the account's credential by the
// commit. What the import keeps afterwards must not hold it in clear: the rows' stored values forget it when
// the import ends, and the uploaded file itself is removed 30 days after (the failed-rows download then says so).
describeEachDatabase(
  'what an import keeps of temporary passwords',
  (ctx) => {
    let org: OrgRef;
    let admin: Session;
    let adminAccount: AccountRef;

    const storedValues = async (importId: string) =>
      (await ctx().database.db.selectFrom('importRows').select('values').where('importId', '=', importId).execute()).map(
        (r) => r.values ?? '',
      );
    const storedFileBytes = async (importId: string) =>
      (await ctx().database.db.selectFrom('importFiles').select('data').where('importId', '=', importId).execute()).reduce(
        (n, r) => n + Buffer.from(r.data).length,
        0,
      );
    const runJobs = () => runJobsOnClock(ctx(), clock);

    // Uploads and commits run their jobs on the moved clock too (jobs queued "now" are due only on its time).
    const planImport = (content: string) =>
      planUpload(ctx(), admin, { orgId: org.id, template: 'accounts' }, { name: 'people.csv', content }, runJobs);
    const commitImport = (id: string) => commitAndRun(ctx(), admin, id, runJobs);
    const sweep = async () => {
      await ctx().services.jobQueue.enqueue(ctx().database.db, { type: 'imports.remove-old-files', payload: null });
      await runJobs();
    };
    /** Days later: sessions have lapsed meanwhile, so the administrator signs in again. */
    const later = async (days: number) => {
      clock.advance(days * 86_400);
      admin = await ctx().signIn(adminAccount.email, adminAccount.password as string);
    };

    before(async () => {
      org = await createOrg(ctx(), 'Retention County');
      ({ session: admin, account: adminAccount } = await signedInAdmin(ctx(), org));
    });

    test('after the commit the rows no longer hold the passwords; 30 days on the file goes and the failed-rows download says why', async () => {
      const file = [
        importHeader,
        'R-1,Ortega,Lina,lina.ortega@retention.example,Active,,,,,Winter-Sky-2041,',
        'R-2,Baptiste,Remy,not-an-email,Active,,,,,Autumn-Leaf-7731,',
      ].join('\n');
      const planned = await planImport(file);
      assert.equal(planned.status, 'planned', JSON.stringify(planned.error));
      assert.ok(
        (await storedValues(planned.id)).some((v) => v.includes('Winter-Sky-2041')),
        'until the commit, the row keeps the password it will set',
      );

      const done = await commitImport(planned.id);
      assert.equal(done.status, 'completed');
      assert.equal(done.counts.created, 1);
      const values = await storedValues(planned.id);
      assert.equal(values.length, 2);
      for (const v of values) assert.doesNotMatch(v, /Winter-Sky-2041|Autumn-Leaf-7731|"password"/);
      assert.match(values.join(' '), /lina\.ortega@retention\.example/, 'the other values stay, for the row list and a rollback');

      // The password was set all the same, and the failed row can still be downloaded as uploaded.
      const signIn = await ctx().call('POST', '/api/auth/login', {
        body: { username: 'lina.ortega@retention.example', password: 'Winter-Sky-2041' },
      });
      assert.equal(signIn.statusCode, 200, signIn.body);
      const failed = await ctx().call('GET', `/api/imports/${planned.id}/failed.csv`, { as: admin });
      assert.equal(failed.statusCode, 200);
      assert.match(failed.body, /not-an-email/);
      assert.ok((await storedFileBytes(planned.id)) > 0);

      // 29 days on: still there. 31 days on: the hourly sweep removes the file.
      await later(29);
      await sweep();
      assert.ok((await storedFileBytes(planned.id)) > 0, 'kept for 30 days');
      await later(2);
      await sweep();
      assert.equal(await storedFileBytes(planned.id), 0, 'removed after 30 days');

      const gone = await ctx().call('GET', `/api/imports/${planned.id}/failed.csv`, { as: admin });
      assert.equal(gone.statusCode, 410);
      assert.equal(gone.json().error.code, 'import_file_removed');
      assert.match(gone.json().error.message, /30 days/);
      const rows = (await ctx().call('GET', `/api/imports/${planned.id}/rows?outcome=failed`, { as: admin })).json().items;
      assert.equal(rows.length, 1, 'the row list still names the failed line');
      assert.equal(rows[0].line, 3);
      const imp = (await ctx().call('GET', `/api/imports/${planned.id}`, { as: admin })).json();
      assert.equal(imp.counts.failed, 1);
    });

    test('a file without a Password column is marked as holding none, so forgetting reads none of its rows; one with it keeps the mark', async () => {
      const holdsPasswords = async (importId: string) =>
        (await ctx().database.db.selectFrom('imports').select('holdsPasswords').where('id', '=', importId).executeTakeFirstOrThrow())
          .holdsPasswords;
      const without = await planImport(
        ['UserID,LastName,FirstName,Email,Status', 'N-1,Okafor,Chidi,chidi.okafor@retention.example,Active'].join('\n'),
      );
      assert.equal(without.status, 'planned', JSON.stringify(without.error));
      assert.equal(Number(await holdsPasswords(without.id)), 0);
      const withColumn = await planImport(
        [importHeader, 'N-2,Varga,Ilona,ilona.varga@retention.example,Active,,,,,Quiet-Harbor-3380,'].join('\n'),
      );
      assert.equal(Number(await holdsPasswords(withColumn.id)), 1);
      const done = await commitImport(withColumn.id);
      assert.equal(done.status, 'completed');
      // The mark only spares the rows of files that had no passwords: these are still forgotten.
      for (const v of await storedValues(withColumn.id)) assert.doesNotMatch(v, /Quiet-Harbor-3380|"password"/);
      const plain = await commitImport(without.id);
      assert.equal(plain.counts.created, 1);
      assert.ok(
        (await storedValues(without.id)).some((v) => v.includes('chidi.okafor@retention.example')),
        'the rows keep their values',
      );
    });

    test('a cancelled preview forgets its passwords at once; an expired one loses them with its file; a fresh one keeps both', async () => {
      // Starts where the first test left the clock: the imports are planned "now".
      const one = (id: string, password: string) =>
        `${importHeader}\n${id},Silva,Ana,${id.toLowerCase()}@retention.example,Active,,,,,${password},`;
      const cancelled = await planImport(one('C-1', 'Harbor-Light-5521'));
      const expiring = await planImport(one('E-1', 'Cedar-Path-3318'));
      assert.equal((await ctx().call('POST', `/api/imports/${cancelled.id}/cancel`, { as: admin })).statusCode, 202);
      for (const v of await storedValues(cancelled.id)) assert.doesNotMatch(v, /Harbor-Light-5521/);

      await later(5);
      const fresh = await planImport(one('F-1', 'River-Stone-9182'));
      await later(3);
      await sweep();
      assert.equal(await storedFileBytes(expiring.id), 0, 'a preview past its 7 days can no longer be committed: its file goes');
      for (const v of await storedValues(expiring.id)) assert.doesNotMatch(v, /Cedar-Path-3318/);
      const refused = await ctx().call('POST', `/api/imports/${expiring.id}/commit`, { as: admin });
      assert.equal(refused.json().error.code, 'preview_expired');

      assert.ok((await storedFileBytes(fresh.id)) > 0, 'a preview still valid keeps its file');
      assert.ok(
        (await storedValues(fresh.id)).some((v) => v.includes('River-Stone-9182')),
        'and the password it will set',
      );
      const committed = await commitImport(fresh.id);
      assert.equal(committed.counts.created, 1);
      const signIn = await ctx().call('POST', '/api/auth/login', {
        body: { username: 'f-1@retention.example', password: 'River-Stone-9182' },
      });
      assert.equal(signIn.statusCode, 200, signIn.body);
    });
  },
  { overrides: { clock } },
);

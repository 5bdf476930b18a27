import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, uniqueSuffix, type AccountRef, type OrgRef } from '../support/factories.ts';
import { movableClock, runJobsOnClock } from '../support/seams.ts';

const clock = movableClock();
const days = (n: number) => clock.advance(n * 86_400);

// Issue #16, inactivity: off by default; when set, the list shows accounts unused for N days; with
// archiving on, the daily sweep sends a notice first, then archives as a bulk action of the system's
// (its results are the report, audited, undoable), and a reactivation starts a new period.
describeEachDatabase(
  'inactive accounts',
  (ctx) => {
    let tenant: OrgRef;
    let county: OrgRef;
    let admin: AccountRef;
    let session: Session;
    let person: AccountRef;

    const signIn = async () => {
      session = await ctx().signIn(admin.email, admin.password as string);
    };
    const inactive = async () => (await ctx().call('GET', `/api/accounts/inactive?orgId=${county.id}`, { as: session })).json();
    const runJobs = () => runJobsOnClock(ctx(), clock);
    const notices = async () =>
      (await ctx().services.outbox.messagesTo(ctx().database.db, person.email)).filter((m) => m.kind === 'inactivity_notice');

    before(async () => {
      tenant = await createOrg(ctx(), `Inactive State ${uniqueSuffix()}`);
      county = await createOrg(ctx(), 'Quiet County', tenant);
      admin = (await signedInAdmin(ctx(), tenant)).account;
      await signIn();
      person = await createAccount(ctx(), { orgId: county.id, password: 'Temporary-pass-42' });
    });

    test('off by default: the list says so and is empty', async () => {
      const list = await inactive();
      assert.equal(list.inactivityDays, null);
      assert.deepEqual(list.items, []);
    });

    test('a notice some days before, then the archive as a bulk action; a reactivation starts over', async () => {
      const set = await ctx().call('PATCH', `/api/tenants/${tenant.id}/settings`, {
        as: session,
        body: { inactivityDays: 30, inactivityArchive: true, inactivityNoticeDays: 7 },
      });
      assert.equal(set.statusCode, 200, set.body);
      days(24);
      await ctx().services.inactivity.sweep();
      assert.equal((await notices()).length, 1, 'a notice 7 days before the 30');
      assert.match((await notices())[0]?.subject ?? '', /will be archived on/);
      await signIn();
      assert.deepEqual((await inactive()).items, [], 'not inactive for 30 days yet');
      await ctx().services.inactivity.sweep();
      assert.equal((await notices()).length, 1, 'one notice per period');

      days(7);
      await signIn();
      const listed = (await inactive()).items.map((i: { id: string; inactiveDays: number; noticedAt: string | null }) => [
        i.id,
        i.inactiveDays,
        Boolean(i.noticedAt),
      ]);
      assert.deepEqual(
        listed.filter((l: unknown[]) => l[0] === person.id),
        [[person.id, 31, true]],
      );
      const report = await ctx().services.inactivity.sweep();
      assert.equal(report.archiving >= 1, true);
      await runJobs();
      const now = await ctx().call('GET', `/api/accounts/${person.id}`, { as: session });
      assert.equal(now.json().status, 'archived');
      const bulkId = report.bulkActionIds.at(-1) as string;
      const action = (await ctx().call('GET', `/api/bulk-actions/${bulkId}`, { as: session })).json();
      assert.equal(action.requestedBy.label, 'Inactivity: 30 days without activity');
      assert.equal(action.status, 'completed');
      const history = (await ctx().call('GET', `/api/audit?targetId=${person.id}`, { as: session })).json().items;
      const archived = history.find((e: { action: string }) => e.action === 'account.archived');
      assert.equal(archived.after.bulkActionId, bulkId);
      assert.equal(archived.actor.label, 'Inactivity: 30 days without activity');

      assert.equal((await ctx().call('POST', `/api/accounts/${person.id}/reactivate`, { as: session })).statusCode, 200);
      await ctx().services.inactivity.sweep();
      await runJobs();
      assert.equal((await ctx().call('GET', `/api/accounts/${person.id}`, { as: session })).json().status, 'active', 'a new period began');
      assert.ok(!(await inactive()).items.some((i: { id: string }) => i.id === person.id));
    });
  },
  { overrides: { clock } },
);

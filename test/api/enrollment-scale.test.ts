import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { systemActor } from '../../src/server/platform/actor.ts';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, uniqueSuffix, type OrgRef } from '../support/factories.ts';
import { courseWithSection, enroll } from '../support/enrollment.ts';

describeEachDatabase('enrollment at scale: concurrency, background jobs, rosters', (ctx) => {
  let state: OrgRef;
  let countyA: OrgRef;
  let countyB: OrgRef;
  let stateAdmin: Session;
  let adminA: Session;
  let adminA2: Session;
  let adminB: Session;

  before(async () => {
    state = await createOrg(ctx(), 'Scale State');
    countyA = await createOrg(ctx(), 'Colusa County', state);
    countyB = await createOrg(ctx(), 'Del Norte County', state);
    stateAdmin = (await signedInAdmin(ctx(), state)).session;
    adminA = (await signedInAdmin(ctx(), countyA)).session;
    adminA2 = (await signedInAdmin(ctx(), countyA)).session;
    adminB = (await signedInAdmin(ctx(), countyB)).session;
  });

  test('two administrators taking the last place at the same moment, on two connections: exactly one is enrolled', async () => {
    const first = await ctx().openSecondInstance();
    const second = await ctx().openSecondInstance();
    try {
      for (let round = 0; round < 4; round += 1) {
        const { sectionId } = await courseWithSection(ctx(), stateAdmin, state.id, { capacity: 1 });
        const [a, b] = [await createAccount(ctx(), { orgId: countyA.id }), await createAccount(ctx(), { orgId: countyA.id })];
        const call = (app: typeof first.app, as: Session, accountId: string) =>
          app.inject({
            method: 'POST',
            url: '/api/enrollments',
            headers: { cookie: as.cookie ?? '' },
            payload: { accountIds: [accountId], sectionId },
          });
        const answers = await Promise.all([call(first.app, adminA, a.id), call(second.app, adminA2, b.id)]);
        const statuses = answers.map((r) => {
          assert.equal(r.statusCode, 200, r.body);
          return r.json().results[0].status as string;
        });
        assert.deepEqual(statuses.sort(), ['enrolled', 'waitlisted'], `round ${round}`);
        const section = (await ctx().call('GET', `/api/sections/${sectionId}`, { as: stateAdmin })).json();
        assert.deepEqual([section.enrolledCount, section.waitlistedCount], [1, 1]);
      }
    } finally {
      await first.close();
      await second.close();
    }
  });

  test('more than 500 accounts run as a background job with progress and counts; only its starter follows it', async () => {
    const actor = systemActor('cli');
    const ids: string[] = [];
    for (let i = 0; i < 620; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: 20 }, (_, j) =>
          ctx().services.accounts.createAccount(actor, {
            orgId: countyA.id,
            firstName: 'Bulk',
            lastName: `Person${i + j}`,
            email: `bulk-${uniqueSuffix()}-${i + j}@example.org`,
          }),
        ),
      );
      ids.push(...batch.map((a) => a.id));
    }
    const { sectionId } = await courseWithSection(ctx(), stateAdmin, state.id, { capacity: 600 });
    const started = await enroll(ctx(), adminA, { accountIds: ids, sectionId });
    assert.equal(started.statusCode, 202, started.body);
    assert.equal(started.json().total, 620);
    const jobId = started.json().jobId;
    const queued = (await ctx().call('GET', `/api/enrollment-jobs/${jobId}`, { as: adminA })).json();
    assert.deepEqual([queued.status, queued.done], ['queued', 0]);
    await ctx().drainJobs();
    const done = await ctx().call('GET', `/api/enrollment-jobs/${jobId}`, { as: adminA });
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual(
      { status: done.json().status, done: done.json().done, counts: done.json().counts },
      { status: 'succeeded', done: 620, counts: { enrolled: 600, waitlisted: 20, failed: 0 } },
    );
    assert.equal((await ctx().call('GET', `/api/enrollment-jobs/${jobId}`, { as: adminB })).statusCode, 404);
    const section = (await ctx().call('GET', `/api/sections/${sectionId}`, { as: stateAdmin })).json();
    assert.deepEqual([section.enrolledCount, section.waitlistedCount], [600, 20]);
    const outside = await createAccount(ctx(), { orgId: countyB.id });
    const refused = await enroll(ctx(), adminA, { accountIds: [...ids, outside.id], sectionId });
    assert.equal(refused.statusCode, 404, 'a large list with one account out of reach is refused before any job starts');
  });

  test('the roster lists only the people the reader reaches, and its CSV opens in Excel without running formulas', async () => {
    const { sectionId, sectionCode } = await courseWithSection(ctx(), stateAdmin, state.id, { capacity: 1 });
    const risky = await createAccount(ctx(), { orgId: countyA.id, firstName: '=HYPERLINK("http://evil.example")', lastName: 'Ávila' });
    const other = await createAccount(ctx(), { orgId: countyB.id });
    await enroll(ctx(), adminA, { accountIds: [risky.id], sectionId });
    await enroll(ctx(), adminB, { accountIds: [other.id], sectionId });
    const seenByA = (await ctx().call('GET', `/api/sections/${sectionId}/roster`, { as: adminA })).json();
    assert.deepEqual(
      [...seenByA.enrolled, ...seenByA.waitlisted].map((e: { accountId: string }) => e.accountId),
      [risky.id],
    );
    const all = (await ctx().call('GET', `/api/sections/${sectionId}/roster`, { as: stateAdmin })).json();
    assert.deepEqual([all.enrolled.length, all.waitlisted.length], [1, 1]);
    for (const url of [`/api/sections/${sectionId}/roster?format=csv`, `/api/sections/${sectionId}/roster.csv`]) {
      const csv = await ctx().call('GET', url, { as: stateAdmin });
      assert.equal(csv.statusCode, 200, csv.body);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.match(String(csv.headers['content-disposition']), new RegExp(`roster-${sectionCode}\\.csv`));
      assert.ok(csv.body.startsWith('\uFEFFStatus,'), 'UTF-8 with a BOM');
      assert.ok(csv.body.includes(`"'=HYPERLINK(""http://evil.example"")"`), csv.body);
      assert.ok(csv.body.includes('Ávila'));
      assert.equal(csv.body.trimEnd().split('\r\n').length, 3);
    }
    assert.equal((await ctx().call('GET', `/api/sections/${sectionId}/roster.csv`, { as: ctx().root })).statusCode, 200);
  });
});

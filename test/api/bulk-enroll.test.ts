import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, uniqueSuffix } from '../support/factories.ts';
import { courseWithSection } from '../support/enrollment.ts';

describeEachDatabase('bulk action: enroll', (ctx) => {
  test('enrolls the list’s matches into a section, waitlists past its capacity, skips those already in, and fails the archived', async () => {
    const state = await createOrg(ctx(), `Bulk Enroll State ${uniqueSuffix()}`);
    const county = await createOrg(ctx(), 'Enroll County', state);
    const admin = (await signedInAdmin(ctx(), county)).session;
    const { sectionId } = await courseWithSection(ctx(), admin, county.id, { capacity: 2 });
    const tag = uniqueSuffix();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push((await createAccount(ctx(), { orgId: county.id, affiliation: `Cohort ${tag}`, email: `c${i}-${tag}@example.org` })).id);
    }
    const archived = ids[3] as string;
    assert.equal((await ctx().call('POST', `/api/accounts/${archived}/archive`, { as: admin })).statusCode, 200);
    const first = await ctx().call('POST', '/api/enrollments', { as: admin, body: { accountIds: [ids[0]], sectionId } });
    assert.equal(first.statusCode, 200, first.body);

    const filter = { affiliation: `Cohort ${tag}` };
    const noTarget = await ctx().call('POST', '/api/bulk-actions', { as: admin, body: { action: 'enroll', filter, expectedCount: 4 } });
    assert.equal(noTarget.statusCode, 400);
    const started = await ctx().call('POST', '/api/bulk-actions', {
      as: admin,
      body: { action: 'enroll', filter, sectionId, expectedCount: 4, confirm: true },
    });
    assert.equal(started.statusCode, 202, started.body);
    await ctx().drainJobs();
    const done = (await ctx().call('GET', `/api/bulk-actions/${started.json().id}`, { as: admin })).json();
    assert.equal(done.status, 'completed');
    assert.deepEqual(
      { succeeded: done.counts.succeeded, skipped: done.counts.skipped, failed: done.counts.failed },
      { succeeded: 2, skipped: 1, failed: 1 },
    );
    const failed = (await ctx().call('GET', `/api/bulk-actions/${started.json().id}/results?outcome=failed`, { as: admin })).json();
    assert.equal(failed.items[0].reason, 'account_archived');

    const roster = (await ctx().call('GET', `/api/sections/${sectionId}/roster`, { as: admin })).json();
    assert.equal(roster.enrolled.length, 2);
    assert.equal(roster.waitlisted.length, 1);
  });

  test('forcing needs the reason and the permission, as a single enrollment does', async () => {
    const state = await createOrg(ctx(), `Force State ${uniqueSuffix()}`);
    const county = await createOrg(ctx(), 'Force County', state);
    const countyAdmin = (await signedInAdmin(ctx(), county)).session;
    const { sectionId } = await courseWithSection(ctx(), countyAdmin, county.id, { capacity: 1 });
    const one = await createAccount(ctx(), { orgId: county.id });
    const refused = await ctx().call('POST', '/api/bulk-actions', {
      as: countyAdmin,
      body: { action: 'enroll', accountIds: [one.id], sectionId, force: true, reason: 'The county approved it.', expectedCount: 1 },
    });
    assert.equal(refused.statusCode, 403, refused.body);
  });
});

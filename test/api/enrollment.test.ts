import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { courseWithSection, daysFromNow, enroll, enrollOne, mailKinds } from '../support/enrollment.ts';

describeEachDatabase('enrollment rules', (ctx) => {
  let state: OrgRef;
  let countyA: OrgRef;
  let countyB: OrgRef;
  let stateAdmin: Session;
  let adminA: Session;
  let adminB: Session;
  const person = (org: OrgRef, extra: Record<string, unknown> = {}) => createAccount(ctx(), { orgId: org.id, ...extra });

  before(async () => {
    state = await createOrg(ctx(), 'Enrollment State');
    countyA = await createOrg(ctx(), 'Alpine County', state);
    countyB = await createOrg(ctx(), 'Butte County', state);
    stateAdmin = (await signedInAdmin(ctx(), state)).session;
    adminA = (await signedInAdmin(ctx(), countyA)).session;
    adminB = (await signedInAdmin(ctx(), countyB)).session;
  });

  test('a course code is unique in the tenant; a county admin sees state courses but not a sibling county’s', async () => {
    const state1 = await courseWithSection(ctx(), stateAdmin, state.id);
    const again = await ctx().call('GET', `/api/courses/${state1.courseId}`, { as: stateAdmin });
    const dup = await ctx().call('POST', '/api/courses', {
      as: stateAdmin,
      body: { orgId: state.id, code: again.json().code.toLowerCase(), title: 'x' },
    });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, 'code_taken');
    const countyCourse = await courseWithSection(ctx(), adminA, countyA.id);
    assert.equal((await ctx().call('GET', `/api/courses/${state1.courseId}`, { as: adminA })).statusCode, 200);
    assert.equal((await ctx().call('GET', `/api/courses/${countyCourse.courseId}`, { as: adminB })).statusCode, 404);
    assert.equal((await ctx().call('GET', `/api/sections/${countyCourse.sectionId}`, { as: adminB })).statusCode, 404);
    const listB = await ctx().call('GET', '/api/courses?limit=500', { as: adminB });
    const ids = listB.json().items.map((c: { id: string }) => c.id);
    assert.ok(ids.includes(state1.courseId) && !ids.includes(countyCourse.courseId));
    const editByCounty = await ctx().call('PATCH', `/api/courses/${state1.courseId}`, { as: adminA, body: { title: 'Mine now' } });
    assert.equal(editByCounty.statusCode, 403, 'a county admin sees the state course but may not change it');
  });

  test('a full section waitlists in arrival order; a second enrollment changes nothing; each person is told', async () => {
    const { sectionId } = await courseWithSection(ctx(), stateAdmin, state.id);
    const people = [await person(countyA), await person(countyA), await person(countyA), await person(countyA)];
    const response = await enroll(ctx(), adminA, { accountIds: people.map((p) => p.id), sectionId });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(
      response.json().results.map((r: { status: string }) => r.status),
      ['enrolled', 'enrolled', 'waitlisted', 'waitlisted'],
    );
    assert.deepEqual(response.json().counts, { enrolled: 2, waitlisted: 2, failed: 0 });
    const again = await enrollOne(ctx(), adminA, people[0]!.id, { sectionId });
    assert.deepEqual([again.status, again.reason], ['failed', 'already_enrolled']);
    const roster = (await ctx().call('GET', `/api/sections/${sectionId}/roster`, { as: adminA })).json();
    assert.deepEqual(
      roster.waitlisted.map((e: { accountId: string; waitlistPosition: number }) => [e.accountId, e.waitlistPosition]),
      [
        [people[2]!.id, 1],
        [people[3]!.id, 2],
      ],
    );
    assert.equal(roster.section.enrolledCount, 2);
    assert.deepEqual(await mailKinds(ctx(), people[0]!.email), ['enrolled']);
    assert.deepEqual(await mailKinds(ctx(), people[2]!.email), ['waitlisted']);
  });

  test('archived accounts fail account_archived; invited ones are enrolled; outside the window fails enrollment_closed', async () => {
    const { sectionId } = await courseWithSection(ctx(), stateAdmin, state.id, { capacity: 5 });
    const archived = await person(countyA);
    await ctx().call('POST', `/api/accounts/${archived.id}/archive`, { as: ctx().root });
    const invited = await person(countyA);
    const results = (await enroll(ctx(), adminA, { accountIds: [archived.id, invited.id], sectionId })).json().results;
    assert.deepEqual(
      results.map((r: { status: string; reason: string | null }) => [r.status, r.reason]),
      [
        ['failed', 'account_archived'],
        ['enrolled', null],
      ],
    );
    const closed = await courseWithSection(ctx(), stateAdmin, state.id, {
      enrollOpensAt: daysFromNow(-10),
      enrollClosesAt: daysFromNow(-1),
    });
    const late = await enrollOne(ctx(), adminA, invited.id, { sectionId: closed.sectionId });
    assert.deepEqual([late.status, late.reason], ['failed', 'enrollment_closed']);
    const early = await courseWithSection(ctx(), stateAdmin, state.id, { enrollOpensAt: daysFromNow(2) });
    assert.equal((await enrollOne(ctx(), adminA, invited.id, { sectionId: early.sectionId })).reason, 'enrollment_closed');
  });

  test('an enroller reaches only accounts in their subtree and sections offered in it or above (404 otherwise)', async () => {
    const stateSection = await courseWithSection(ctx(), stateAdmin, state.id);
    const bSection = await courseWithSection(ctx(), adminB, countyB.id);
    const inA = await person(countyA);
    const inB = await person(countyB);
    const outsider = await enroll(ctx(), adminA, { accountIds: [inB.id], sectionId: stateSection.sectionId });
    assert.equal(outsider.statusCode, 404, outsider.body);
    const mixed = await enroll(ctx(), adminA, { accountIds: [inA.id, inB.id], sectionId: stateSection.sectionId });
    assert.equal(mixed.statusCode, 404, 'one account out of reach refuses the whole request');
    const roster = (await ctx().call('GET', `/api/sections/${stateSection.sectionId}/roster`, { as: stateAdmin })).json();
    assert.equal(roster.enrolled.length, 0, 'nothing changed');
    const foreignSection = await enroll(ctx(), adminA, { accountIds: [inA.id], sectionId: bSection.sectionId });
    assert.equal(foreignSection.statusCode, 404);
    const unknown = await enroll(ctx(), adminA, { accountIds: [inA.id], sectionId: 'no-such-section' });
    assert.equal(unknown.statusCode, 404);
    const learner = await signedInAdmin(ctx(), countyA, 'learner');
    const refused = await enroll(ctx(), learner.session, { accountIds: [inA.id], sectionId: stateSection.sectionId });
    assert.equal(refused.statusCode, 403);
  });

  test('force needs its permission at the top organization and a reason of ten characters; it overrides capacity and window and is audited', async () => {
    const { sectionId } = await courseWithSection(ctx(), stateAdmin, state.id, { capacity: 1, enrollClosesAt: daysFromNow(-1) });
    const a = await person(countyA);
    const countyForce = await enroll(ctx(), adminA, { accountIds: [a.id], sectionId, force: true, reason: 'County approved it today' });
    assert.equal(countyForce.statusCode, 403, 'a county admin may not force');
    const shortReason = await enroll(ctx(), stateAdmin, { accountIds: [a.id], sectionId, force: true, reason: 'ok' });
    assert.equal(shortReason.statusCode, 400);
    const noReason = await enroll(ctx(), stateAdmin, { accountIds: [a.id], sectionId, force: true });
    assert.equal(noReason.statusCode, 400);
    const b = await person(countyA);
    const forced = await enroll(ctx(), stateAdmin, {
      accountIds: [a.id, b.id],
      sectionId,
      force: true,
      reason: 'County approved by phone',
    });
    assert.equal(forced.statusCode, 200, forced.body);
    assert.deepEqual(
      forced.json().results.map((r: { status: string; reason: string }) => [r.status, r.reason]),
      [
        ['enrolled', 'forced'],
        ['enrolled', 'forced'],
      ],
    );
    const audit = await ctx().call('GET', `/api/audit?targetId=${forced.json().results[0].enrollmentId}`, { as: ctx().root });
    const event = audit.json().items[0];
    assert.equal(event.action, 'enrollment.forced');
    assert.equal(event.after.reason, 'County approved by phone');
    const section = (await ctx().call('GET', `/api/sections/${sectionId}`, { as: stateAdmin })).json();
    assert.deepEqual([section.enrolledCount, section.capacity], [2, 1]);
  });

  test('withdrawing promotes the first waitlisted in the same transaction and tells them; lowering capacity unenrolls nobody', async () => {
    const { sectionId } = await courseWithSection(ctx(), stateAdmin, state.id, { capacity: 2 });
    const people = [await person(countyA), await person(countyA), await person(countyA), await person(countyA)];
    const results = (await enroll(ctx(), adminA, { accountIds: people.map((p) => p.id), sectionId })).json().results;
    const lowered = await ctx().call('PATCH', `/api/sections/${sectionId}`, { as: stateAdmin, body: { capacity: 1 } });
    assert.equal(lowered.statusCode, 200, lowered.body);
    assert.deepEqual([lowered.json().capacity, lowered.json().enrolledCount], [1, 2], 'nobody was unenrolled');
    const first = await ctx().call('POST', `/api/enrollments/${results[0].enrollmentId}/withdraw`, { as: adminA });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().status, 'withdrawn');
    let roster = (await ctx().call('GET', `/api/sections/${sectionId}/roster`, { as: adminA })).json();
    assert.equal(roster.waitlisted.length, 2, 'still over the lowered capacity: nobody promoted');
    const raised = await ctx().call('PATCH', `/api/sections/${sectionId}`, { as: stateAdmin, body: { capacity: 2 } });
    assert.deepEqual([raised.json().enrolledCount, raised.json().waitlistedCount], [2, 1], 'the new place went to the first waiting');
    const second = await ctx().call('POST', `/api/enrollments/${results[1].enrollmentId}/withdraw`, { as: adminA });
    assert.equal(second.statusCode, 200);
    roster = (await ctx().call('GET', `/api/sections/${sectionId}/roster`, { as: adminA })).json();
    assert.deepEqual(roster.enrolled.map((e: { accountId: string }) => e.accountId).sort(), [people[2]!.id, people[3]!.id].sort());
    assert.deepEqual(await mailKinds(ctx(), people[2]!.email), ['promoted', 'waitlisted']);
    const profile = (await ctx().call('GET', `/api/accounts/${people[2]!.id}/enrollments`, { as: adminA })).json();
    assert.deepEqual(
      profile.items[0].history.map((h: { event: string }) => h.event),
      ['waitlisted', 'promoted'],
    );
    const twice = await ctx().call('POST', `/api/enrollments/${results[0].enrollmentId}/withdraw`, { as: adminA });
    assert.equal(twice.statusCode, 409);
  });

  test('move up swaps a waitlisted person with the one ahead', async () => {
    const { sectionId } = await courseWithSection(ctx(), stateAdmin, state.id, { capacity: 0 });
    const people = [await person(countyA), await person(countyA)];
    const results = (await enroll(ctx(), adminA, { accountIds: people.map((p) => p.id), sectionId })).json().results;
    const moved = await ctx().call('POST', `/api/enrollments/${results[1].enrollmentId}/move-up`, { as: adminA });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().waitlistPosition, 1);
    const roster = (await ctx().call('GET', `/api/sections/${sectionId}/roster`, { as: adminA })).json();
    assert.deepEqual(
      roster.waitlisted.map((e: { accountId: string }) => e.accountId),
      [people[1]!.id, people[0]!.id],
    );
    const top = await ctx().call('POST', `/api/enrollments/${results[1].enrollmentId}/move-up`, { as: adminA });
    assert.equal(top.statusCode, 409);
  });

  test('completing counts as activity: the account’s last activity moves', async () => {
    const { sectionId } = await courseWithSection(ctx(), stateAdmin, state.id);
    const p = await person(countyA);
    const before = (await ctx().call('GET', `/api/accounts/${p.id}`, { as: adminA })).json().lastActivityAt;
    assert.equal(before, null);
    const { enrollmentId } = await enrollOne(ctx(), adminA, p.id, { sectionId });
    const done = await ctx().call('POST', `/api/enrollments/${enrollmentId}/complete`, { as: adminA });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().status, 'completed');
    const after = (await ctx().call('GET', `/api/accounts/${p.id}`, { as: adminA })).json().lastActivityAt;
    assert.ok(after && Date.now() - Date.parse(after) < 60_000, `last activity moved to now (${after})`);
    const outsider = await ctx().call('POST', `/api/enrollments/${enrollmentId}/complete`, { as: adminB });
    assert.equal(outsider.statusCode, 404);
  });

  test('cancelling a section withdraws and tells everyone in it', async () => {
    const { sectionId } = await courseWithSection(ctx(), stateAdmin, state.id, { capacity: 1 });
    const people = [await person(countyA), await person(countyA)];
    await enroll(ctx(), adminA, { accountIds: people.map((p) => p.id), sectionId });
    const byCounty = await ctx().call('PATCH', `/api/sections/${sectionId}`, { as: adminA, body: { status: 'cancelled' } });
    assert.equal(byCounty.statusCode, 403);
    const cancelled = await ctx().call('PATCH', `/api/sections/${sectionId}`, { as: stateAdmin, body: { status: 'cancelled' } });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.deepEqual([cancelled.json().status, cancelled.json().enrolledCount, cancelled.json().waitlistedCount], ['cancelled', 0, 0]);
    for (const p of people) assert.ok((await mailKinds(ctx(), p.email)).includes('section_cancelled'));
    const late = await enrollOne(ctx(), adminA, (await person(countyA)).id, { sectionId });
    assert.equal(late.reason, 'section_cancelled');
  });

  test('archiving an account gives up its places in sections not yet started; the dialog’s number is the real one', async () => {
    const upcoming = await courseWithSection(ctx(), stateAdmin, state.id, { capacity: 1 });
    const started = await courseWithSection(ctx(), stateAdmin, state.id, { startsAt: daysFromNow(-2), endsAt: daysFromNow(5) });
    const leaving = await person(countyA);
    const waiting = await person(countyA);
    await enroll(ctx(), adminA, { accountIds: [leaving.id, waiting.id], sectionId: upcoming.sectionId });
    await enrollOne(ctx(), adminA, leaving.id, { sectionId: started.sectionId });
    const effect = await ctx().call('GET', `/api/accounts/${leaving.id}/archive-effect`, { as: adminA });
    assert.equal(effect.statusCode, 200, effect.body);
    assert.deepEqual(effect.json(), { withdrawnFromSections: 1 });
    assert.equal((await ctx().call('POST', `/api/accounts/${leaving.id}/archive`, { as: adminA })).statusCode, 200);
    const roster = (await ctx().call('GET', `/api/sections/${upcoming.sectionId}/roster`, { as: adminA })).json();
    assert.deepEqual(
      roster.enrolled.map((e: { accountId: string }) => e.accountId),
      [waiting.id],
    );
    const startedRoster = (await ctx().call('GET', `/api/sections/${started.sectionId}/roster`, { as: adminA })).json();
    assert.equal(startedRoster.enrolled.length, 1, 'a section already under way keeps its record');
    const profile = (await ctx().call('GET', `/api/accounts/${leaving.id}/enrollments`, { as: adminA })).json();
    assert.ok(profile.items.some((e: { withdrawnBecause: string }) => e.withdrawnBecause === 'archived'));
  });

  test('a learning path enrolls into each course’s next open section and keeps per-course progress', async () => {
    const first = await courseWithSection(ctx(), stateAdmin, state.id, { capacity: 1 });
    const second = await courseWithSection(ctx(), stateAdmin, state.id, {
      capacity: 5,
      startsAt: daysFromNow(60),
      endsAt: daysFromNow(61),
    });
    const noSection = await ctx().call('POST', '/api/courses', {
      as: stateAdmin,
      body: { orgId: state.id, code: `NS-${Date.now()}`, title: 'Later' },
    });
    const path = await ctx().call('POST', '/api/learning-paths', {
      as: stateAdmin,
      body: {
        orgId: state.id,
        code: `LP-${Date.now()}`,
        title: 'Partner path',
        courseIds: [first.courseId, second.courseId, noSection.json().id],
      },
    });
    assert.equal(path.statusCode, 201, path.body);
    const people = [await person(countyA), await person(countyA)];
    const response = await enroll(ctx(), adminA, { accountIds: people.map((p) => p.id), learningPathId: path.json().id });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(
      response.json().results.map((r: { status: string }) => r.status),
      ['enrolled', 'waitlisted'],
    );
    const again = await enrollOne(ctx(), adminA, people[0]!.id, { learningPathId: path.json().id });
    assert.equal(again.reason, 'already_enrolled');
    const profile = (await ctx().call('GET', `/api/accounts/${people[1]!.id}/enrollments`, { as: adminA })).json();
    assert.deepEqual(
      profile.learningPaths[0].courses.map((c: { status: string }) => c.status),
      ['waitlisted', 'enrolled', 'not_started'],
    );
  });

  test('the accounts list’s filter names the accounts instead of ids, within the enroller’s reach', async () => {
    const { sectionId } = await courseWithSection(ctx(), stateAdmin, state.id, { capacity: 10 });
    const name = `Zephyrine${Date.now()}`;
    const mine = [await person(countyA, { lastName: name }), await person(countyA, { lastName: name })];
    await person(countyB, { lastName: name });
    const response = await enroll(ctx(), adminA, { filter: { q: name }, sectionId });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(
      response
        .json()
        .results.map((r: { accountId: string }) => r.accountId)
        .sort(),
      mine.map((p) => p.id).sort(),
    );
    const both = await enroll(ctx(), adminA, { filter: { q: name }, accountIds: [mine[0]!.id], sectionId });
    assert.equal(both.statusCode, 400);
    const none = await enroll(ctx(), adminA, { filter: { q: 'no-such-person-anywhere' }, sectionId });
    assert.equal(none.statusCode, 400);
  });
});

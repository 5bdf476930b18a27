import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, uniqueSuffix, type OrgRef } from '../support/factories.ts';
import { courseWithSection, daysFromNow, enrollOne } from '../support/enrollment.ts';

describeEachDatabase('enrollment catalog: edits, paths and reach', (ctx) => {
  let state: OrgRef;
  let countyA: OrgRef;
  let countyB: OrgRef;
  let stateAdmin: Session;
  let adminA: Session;
  let adminB: Session;

  before(async () => {
    state = await createOrg(ctx(), 'Catalog State');
    countyA = await createOrg(ctx(), 'El Dorado County', state);
    countyB = await createOrg(ctx(), 'Fresno County', state);
    stateAdmin = (await signedInAdmin(ctx(), state)).session;
    adminA = (await signedInAdmin(ctx(), countyA)).session;
    adminB = (await signedInAdmin(ctx(), countyB)).session;
  });

  test('sections keep their times in UTC, refuse an end before the start, and list by course and status', async () => {
    const { courseId, sectionId } = await courseWithSection(ctx(), stateAdmin, state.id, {
      startsAt: '2099-03-03',
      endsAt: '2099-03-05T17:00:00-08:00',
    });
    const section = (await ctx().call('GET', `/api/sections/${sectionId}`, { as: adminA })).json();
    assert.deepEqual([section.startsAt, section.endsAt], ['2099-03-03T00:00:00.000Z', '2099-03-06T01:00:00.000Z']);
    const backwards = await ctx().call('POST', `/api/courses/${courseId}/sections`, {
      as: stateAdmin,
      body: { code: `BK-${uniqueSuffix()}`, capacity: 3, startsAt: '2099-03-03', endsAt: '2099-03-01' },
    });
    assert.equal(backwards.statusCode, 400);
    assert.ok(backwards.json().error.details.fields.endsAt);
    const badDate = await ctx().call('POST', `/api/courses/${courseId}/sections`, {
      as: stateAdmin,
      body: { code: `BD-${uniqueSuffix()}`, capacity: 3, startsAt: '2099-02-30' },
    });
    assert.equal(badDate.statusCode, 400);
    const list = await ctx().call('GET', `/api/sections?courseId=${courseId}&status=open`, { as: adminA });
    assert.deepEqual(
      list.json().items.map((s: { id: string }) => s.id),
      [sectionId],
    );
    const renamed = await ctx().call('PATCH', `/api/courses/${courseId}`, { as: stateAdmin, body: { title: 'Renamed course' } });
    assert.equal(renamed.json().title, 'Renamed course');
    const audit = await ctx().call('GET', `/api/audit?targetId=${courseId}`, { as: ctx().root });
    assert.deepEqual(
      audit.json().items.map((e: { action: string }) => e.action),
      ['course.updated', 'course.created'],
    );
  });

  test('a county’s learning path is its own: out of sight for another county, and only its people join it', async () => {
    const course = await courseWithSection(ctx(), adminA, countyA.id, { capacity: 3 });
    const path = await ctx().call('POST', '/api/learning-paths', {
      as: adminA,
      body: { orgId: countyA.id, code: `LPA-${uniqueSuffix()}`, title: 'County A path', courseIds: [course.courseId] },
    });
    assert.equal(path.statusCode, 201, path.body);
    assert.equal((await ctx().call('GET', `/api/learning-paths/${path.json().id}`, { as: adminB })).statusCode, 404);
    const foreignCourse = await courseWithSection(ctx(), adminB, countyB.id);
    const mixed = await ctx().call('POST', '/api/learning-paths', {
      as: adminA,
      body: { orgId: countyA.id, code: `LPX-${uniqueSuffix()}`, title: 'x', courseIds: [course.courseId, foreignCourse.courseId] },
    });
    assert.equal(mixed.statusCode, 400, 'a course out of sight cannot be put in a path');
    const twice = await ctx().call('POST', '/api/learning-paths', {
      as: adminA,
      body: { orgId: countyA.id, code: `LPT-${uniqueSuffix()}`, title: 'x', courseIds: [course.courseId, course.courseId] },
    });
    assert.equal(twice.statusCode, 400);
    const stateLearner = await createAccount(ctx(), { orgId: state.id });
    const outside = await enrollOne(ctx(), stateAdmin, stateLearner.id, { learningPathId: path.json().id });
    assert.deepEqual([outside.status, outside.reason], ['failed', 'out_of_scope']);
    const edited = await ctx().call('PATCH', `/api/learning-paths/${path.json().id}`, {
      as: adminA,
      body: { title: 'County A path, 2027' },
    });
    assert.equal(edited.json().title, 'County A path, 2027');
  });

  test('a forced path enrollment takes a section whose window is closed', async () => {
    const closed = await courseWithSection(ctx(), stateAdmin, state.id, { capacity: 1, enrollClosesAt: daysFromNow(-1) });
    const path = await ctx().call('POST', '/api/learning-paths', {
      as: stateAdmin,
      body: { orgId: state.id, code: `LPF-${uniqueSuffix()}`, title: 'Forced path', courseIds: [closed.courseId] },
    });
    const learner = await createAccount(ctx(), { orgId: countyA.id });
    const plain = await enrollOne(ctx(), stateAdmin, learner.id, { learningPathId: path.json().id });
    assert.equal(plain.status, 'enrolled', 'the path itself is joined');
    let profile = (await ctx().call('GET', `/api/accounts/${learner.id}/enrollments`, { as: adminA })).json();
    assert.deepEqual(
      profile.learningPaths[0].courses.map((c: { status: string }) => c.status),
      ['not_started'],
      'no open window: the course waits',
    );
    const other = await createAccount(ctx(), { orgId: countyA.id });
    const forced = await enrollOne(
      ctx(),
      stateAdmin,
      other.id,
      { learningPathId: path.json().id },
      { force: true, reason: 'Approved late by the county' },
    );
    assert.deepEqual([forced.status, forced.reason], ['enrolled', 'forced']);
    profile = (await ctx().call('GET', `/api/accounts/${other.id}/enrollments`, { as: adminA })).json();
    assert.deepEqual(
      profile.learningPaths[0].courses.map((c: { status: string }) => c.status),
      ['enrolled'],
    );
    assert.equal(profile.items[0].forced, true);
  });

  test('an enrollment is read by those who reach its account, and by nobody else', async () => {
    const { sectionId } = await courseWithSection(ctx(), stateAdmin, state.id);
    const learner = await createAccount(ctx(), { orgId: countyA.id });
    const { enrollmentId } = await enrollOne(ctx(), adminA, learner.id, { sectionId });
    const mine = await ctx().call('GET', `/api/enrollments/${enrollmentId}`, { as: adminA });
    assert.equal(mine.statusCode, 200, mine.body);
    assert.deepEqual([mine.json().status, mine.json().history[0].event], ['enrolled', 'enrolled']);
    assert.equal((await ctx().call('GET', `/api/enrollments/${enrollmentId}`, { as: adminB })).statusCode, 404);
    assert.equal((await ctx().call('POST', `/api/enrollments/${enrollmentId}/withdraw`, { as: adminB })).statusCode, 404);
    assert.equal((await ctx().call('GET', `/api/accounts/${learner.id}/enrollments`, { as: adminB })).statusCode, 404);
  });

  test('the enrollment emails are the tenant’s editable templates', async () => {
    const saved = await ctx().call('PUT', '/api/email-templates/enrolled', {
      as: stateAdmin,
      body: { subject: 'Seat confirmed: {{courseCode}}', bodyText: 'Hi {{firstName}}, see you in {{sectionCode}} on {{startsOn}}.' },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const { sectionId, sectionCode } = await courseWithSection(ctx(), stateAdmin, state.id);
    const p = await createAccount(ctx(), { orgId: countyA.id, firstName: 'Rosa' });
    await enrollOne(ctx(), adminA, p.id, { sectionId });
    const message = (await ctx().services.outbox.messagesTo(ctx().database.db, p.email)).find((m) => m.kind === 'enrolled');
    assert.ok(message);
    assert.match(message.subject, /^Seat confirmed: C-/);
    assert.match(message.bodyText, new RegExp(`Hi Rosa, see you in ${sectionCode} on [A-Z][a-z]+ \\d+, \\d{4}\\.`));
  });
});

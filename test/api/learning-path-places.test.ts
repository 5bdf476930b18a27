import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { daysFromNow, enrollOne } from '../support/enrollment.ts';

/*
 * A learning path keeps a place the person already holds in a section of one of its courses
 * (e.g. enrolled in MR-101-B, which has room: path CPF-100 must not waitlist them in the full MR-101-A too).
 */
describeEachDatabase('learning paths keep places already held', (ctx) => {
  let state: OrgRef;
  let county: OrgRef;
  let admin: Session;

  before(async () => {
    state = await createOrg(ctx(), 'Path Places State');
    county = await createOrg(ctx(), 'Modoc County', state);
    admin = (await signedInAdmin(ctx(), state)).session;
  });

  async function courseWithTwoSections() {
    const code = `MR-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
    const course = await ctx().call('POST', '/api/courses', { as: admin, body: { orgId: state.id, code, title: 'Mandated reporting' } });
    assert.equal(course.statusCode, 201, course.body);
    const section = async (suffix: string, capacity: number, startsIn: number) => {
      const created = await ctx().call('POST', `/api/courses/${course.json().id}/sections`, {
        as: admin,
        body: { code: `${code}-${suffix}`, capacity, startsAt: daysFromNow(startsIn), endsAt: daysFromNow(startsIn + 1) },
      });
      assert.equal(created.statusCode, 201, created.body);
      return created.json().id as string;
    };
    // A starts first (the path's choice) and holds one place; B starts later and has room.
    return { courseId: course.json().id as string, a: await section('A', 1, 10), b: await section('B', 5, 20) };
  }

  const roster = async (sectionId: string) => {
    const body = (await ctx().call('GET', `/api/sections/${sectionId}/roster`, { as: admin })).json();
    return {
      enrolled: body.enrolled.map((e: { accountId: string }) => e.accountId) as string[],
      waitlisted: body.waitlisted.map((e: { accountId: string }) => e.accountId) as string[],
    };
  };

  test('enrolled in the later section, or waitlisted in the full one: the path keeps that place and counts it, with no second one', async () => {
    const { courseId, a, b } = await courseWithTwoSections();
    const path = await ctx().call('POST', '/api/learning-paths', {
      as: admin,
      body: { orgId: state.id, code: `CPF-${Date.now()}`, title: 'Partner foundations', courseIds: [courseId] },
    });
    assert.equal(path.statusCode, 201, path.body);
    const first = await createAccount(ctx(), { orgId: county.id });
    const inB = await createAccount(ctx(), { orgId: county.id });
    const waiting = await createAccount(ctx(), { orgId: county.id });
    const fresh = await createAccount(ctx(), { orgId: county.id });
    assert.equal((await enrollOne(ctx(), admin, first.id, { sectionId: a })).status, 'enrolled');
    const heldB = await enrollOne(ctx(), admin, inB.id, { sectionId: b });
    assert.equal(heldB.status, 'enrolled');
    assert.equal((await enrollOne(ctx(), admin, waiting.id, { sectionId: a })).status, 'waitlisted');

    const response = await ctx().call('POST', '/api/enrollments', {
      as: admin,
      body: { accountIds: [inB.id, waiting.id, fresh.id], learningPathId: path.json().id },
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(
      response.json().results.map((r: { status: string }) => r.status),
      ['enrolled', 'waitlisted', 'waitlisted'],
      'the one in B stays enrolled; the one already waiting stays waiting; a newcomer is waitlisted in the full A',
    );
    assert.deepEqual(await roster(a), { enrolled: [first.id], waitlisted: [waiting.id, fresh.id] }, 'no second place in A');
    assert.deepEqual((await roster(b)).enrolled, [inB.id]);
    const progress = (await ctx().call('GET', `/api/accounts/${inB.id}/enrollments`, { as: admin })).json();
    assert.deepEqual(
      progress.learningPaths[0].courses.map((c: { status: string; enrollmentId: string }) => [c.status, c.enrollmentId]),
      [['enrolled', heldB.enrollmentId]],
      'the path’s progress counts the place held in B',
    );
  });
});

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session, type TestContext } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { multipartBody } from '../support/multipart.ts';
import { courseWithSection, daysFromNow, enrollOne, mailKinds } from '../support/enrollment.ts';

/*
 * The `enrollments` import template (issue 15, item 5): upload → preview of every row → commit through
 * the enrollment rules → failed rows with reasons → rollback, as an administrator sees it.
 */
const header = 'Email,UserID,SectionCode,LearningPathCode,Force,Reason';

async function upload(ctx: TestContext, as: Session, orgId: string, content: string) {
  const body = multipartBody({ orgId, template: 'enrollments' }, { name: 'enrollments.csv', content });
  return ctx.app.inject({
    method: 'POST',
    url: '/api/imports',
    payload: body.payload,
    headers: { cookie: as.cookie as string, 'content-type': body.contentType },
  });
}

async function plan(ctx: TestContext, as: Session, orgId: string, lines: string[]) {
  const response = await upload(ctx, as, orgId, [header, ...lines].join('\r\n'));
  assert.equal(response.statusCode, 202, response.body);
  await ctx.drainJobs();
  return (await ctx.call('GET', `/api/imports/${response.json().id}`, { as })).json();
}

async function act(ctx: TestContext, as: Session, id: string, action: 'commit' | 'rollback') {
  const response = await ctx.call('POST', `/api/imports/${id}/${action}`, { as });
  assert.equal(response.statusCode, 202, response.body);
  await ctx.drainJobs();
  return (await ctx.call('GET', `/api/imports/${id}`, { as })).json();
}

type Row = { line: number; outcome: string; reason: string | null; message: string; type: string | null; applied: boolean };
async function rowsOf(ctx: TestContext, as: Session, id: string): Promise<Row[]> {
  const response = await ctx.call('GET', `/api/imports/${id}/rows?limit=1000`, { as });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().items;
}

async function roster(ctx: TestContext, as: Session, sectionId: string) {
  const body = (await ctx.call('GET', `/api/sections/${sectionId}/roster`, { as })).json();
  return {
    // The roster lists people by name; the waitlist in its order.
    enrolled: (body.enrolled.map((e: { accountId: string }) => e.accountId) as string[]).sort(),
    waitlisted: body.waitlisted.map((e: { accountId: string }) => e.accountId) as string[],
    enrollmentOf: (accountId: string) =>
      (body.enrolled as Array<{ enrollmentId: string; accountId: string }>).find((e) => e.accountId === accountId)?.enrollmentId,
  };
}

describeEachDatabase('enrollments import', (ctx) => {
  let state: OrgRef;
  let countyA: OrgRef;
  let countyB: OrgRef;
  let stateAdmin: Session;
  let adminA: Session;
  let adminAEmail: string;
  const person = (org: OrgRef, extra: Record<string, unknown> = {}) => createAccount(ctx(), { orgId: org.id, ...extra });

  before(async () => {
    state = await createOrg(ctx(), 'Import Enrollment State');
    countyA = await createOrg(ctx(), 'Amador County', state);
    countyB = await createOrg(ctx(), 'Colusa County', state);
    stateAdmin = (await signedInAdmin(ctx(), state)).session;
    const signedIn = await signedInAdmin(ctx(), countyA);
    adminA = signedIn.session;
    adminAEmail = signedIn.account.email as string;
  });

  test('the preview says what each row would do and why; the commit enrolls and waitlists; the failed rows come back with reasons', async () => {
    const { sectionId, sectionCode } = await courseWithSection(ctx(), stateAdmin, state.id, { capacity: 2 });
    const closed = await courseWithSection(ctx(), stateAdmin, state.id, {
      enrollOpensAt: daysFromNow(-10),
      enrollClosesAt: daysFromNow(-1),
    });
    const sibling = await courseWithSection(ctx(), stateAdmin, countyB.id);
    const [a, b, c] = [await person(countyA), await person(countyA), await person(countyA, { externalId: `EXT-${Date.now()}` })];
    const archived = await person(countyA);
    await ctx().call('POST', `/api/accounts/${archived.id}/archive`, { as: ctx().root });
    const outsider = await person(countyB);
    const already = await person(countyA);
    assert.equal((await enrollOne(ctx(), adminA, already.id, { sectionId: closed.sectionId }, {})).reason, 'enrollment_closed');
    const imp = await plan(ctx(), adminA, countyA.id, [
      `${a.email},,${sectionCode},,,`,
      `${b.email},,${sectionCode.toLowerCase()},,,`,
      `,${c.externalId},${sectionCode},,,`,
      `nobody-${Date.now()}@example.org,,${sectionCode},,,`,
      `${archived.email},,${sectionCode},,,`,
      `${outsider.email},,${sectionCode},,,`,
      `${already.email},,NO-SUCH-SECTION,,,`,
      `${already.email},,${sibling.sectionCode},,,`,
      `${already.email},,${closed.sectionCode},,,`,
      `${already.email},,${sectionCode},,Yes,County approved it`,
      `${a.email},,${sectionCode},,,`,
    ]);
    assert.equal(imp.status, 'planned', JSON.stringify(imp.error));
    assert.equal(imp.template, 'enrollments');
    assert.deepEqual([imp.counts.enrolled, imp.counts.waitlisted, imp.counts.failed], [2, 1, 8]);
    const planned = await rowsOf(ctx(), adminA, imp.id);
    assert.deepEqual(
      planned.map((r) => [r.line, r.outcome, r.reason]),
      [
        [2, 'enrolled', null],
        [3, 'enrolled', null],
        [4, 'waitlisted', null],
        [5, 'failed', 'unknown_person'],
        [6, 'failed', 'account_archived'],
        [7, 'failed', 'unknown_person'],
        [8, 'failed', 'unknown_target'],
        [9, 'failed', 'unknown_target'],
        [10, 'failed', 'enrollment_closed'],
        [11, 'failed', 'force_not_allowed'],
        [12, 'failed', 'duplicate_in_file'],
      ],
    );
    assert.match(planned[6]!.message, /No section NO-SUCH-SECTION in your organizations/);
    assert.match(planned[7]!.message, /in your organizations/, 'a sibling county’s section reads as no section at all');
    assert.match(planned[5]!.message, /No account with email .* in your organizations/, 'someone out of reach reads as no one');
    assert.equal(planned[0]!.type, sectionCode, 'the log’s Type names the section');

    // Meanwhile someone else takes a place: the commit waitlists the second row instead of over-filling.
    const early = await person(countyA);
    assert.equal((await enrollOne(ctx(), adminA, early.id, { sectionId })).status, 'enrolled');
    const done = await act(ctx(), adminA, imp.id, 'commit');
    assert.equal(done.status, 'completed');
    assert.deepEqual([done.counts.enrolled, done.counts.waitlisted, done.counts.failed], [1, 2, 8]);
    const applied = await rowsOf(ctx(), adminA, imp.id);
    assert.deepEqual(
      applied.slice(0, 3).map((r) => [r.outcome, r.applied]),
      [
        ['enrolled', true],
        ['waitlisted', true],
        ['waitlisted', true],
      ],
    );
    const after = await roster(ctx(), adminA, sectionId);
    assert.deepEqual([after.enrolled, after.waitlisted], [[early.id, a.id].sort(), [b.id, c.id]]);
    assert.deepEqual(await mailKinds(ctx(), a.email as string), ['enrolled']);
    assert.deepEqual(await mailKinds(ctx(), b.email as string), ['waitlisted']);

    const csv = (await ctx().call('GET', `/api/imports/${imp.id}/failed.csv`, { as: adminA })).body;
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0], `${header},Reason`);
    assert.equal(lines.length, 9, 'the header and the eight failed rows');
    assert.match(lines[1]!, /Line 5, .*No account with email/);
    assert.match(csv, /Line 10, .*closed/);
    // The failed-rows file goes straight back in: its own Reason column is read, the download's second one is not.
    const again = await upload(ctx(), adminA, countyA.id, csv.replace(/^\uFEFF/, ''));
    assert.equal(again.statusCode, 202, again.body);
    await ctx().drainJobs();
    const reimported = (await ctx().call('GET', `/api/imports/${again.json().id}`, { as: adminA })).json();
    assert.equal(reimported.status, 'planned', JSON.stringify(reimported.error));
    // Line 12's duplicate is alone now, and its person is already enrolled: unchanged.
    assert.deepEqual([reimported.counts.total, reimported.counts.failed, reimported.counts.unchanged], [8, 7, 1]);

    // The import log email is queued to the uploader.
    const log = (await ctx().services.outbox.messagesTo(ctx().database.db, adminAEmail)).filter((m) => m.kind === 'import_log');
    assert.equal(log.length, 1);
  });

  test('force follows the API’s rules: its permission, a reason of ten characters, and past capacity; a rollback withdraws and promotes', async () => {
    const { sectionId, sectionCode } = await courseWithSection(ctx(), stateAdmin, state.id, { capacity: 1 });
    const [a, b, c, d] = [await person(countyA), await person(countyA), await person(countyA), await person(countyA)];
    const imp = await plan(ctx(), stateAdmin, state.id, [
      `${a.email},,${sectionCode},,,`,
      `${b.email},,${sectionCode},,,`,
      `${c.email},,${sectionCode},,Yes,ok`,
      `${d.email},,${sectionCode},,Yes,Approved by the county office`,
    ]);
    assert.deepEqual(
      (await rowsOf(ctx(), stateAdmin, imp.id)).map((r) => [r.outcome, r.reason]),
      [
        ['enrolled', null],
        ['waitlisted', null],
        ['failed', 'reason_too_short'],
        ['enrolled', 'forced'],
      ],
    );
    const done = await act(ctx(), stateAdmin, imp.id, 'commit');
    assert.equal(done.status, 'completed');
    const placed = await roster(ctx(), stateAdmin, sectionId);
    assert.deepEqual([placed.enrolled, placed.waitlisted], [[a.id, d.id].sort(), [b.id]]);
    const audit = await ctx().call('GET', `/api/audit?targetId=${placed.enrollmentOf(d.id)}`, { as: ctx().root });
    const event = audit.json().items[0];
    assert.equal(event.action, 'enrollment.forced');
    assert.equal(event.after.reason, 'Approved by the county office', 'the forced enrollment’s audit event carries the file’s Reason');

    // Someone enrolled by hand after the import stays; the import's own places are given up.
    const byHand = await person(countyA);
    assert.equal((await enrollOne(ctx(), stateAdmin, byHand.id, { sectionId })).status, 'waitlisted');
    const rolled = await act(ctx(), stateAdmin, imp.id, 'rollback');
    assert.equal(rolled.status, 'rolled_back');
    const left = await roster(ctx(), stateAdmin, sectionId);
    assert.deepEqual([left.enrolled, left.waitlisted], [[byHand.id], []]);
    assert.ok((await mailKinds(ctx(), byHand.email as string)).includes('promoted'), 'the waitlist moved up and was told');
    const undone = await rowsOf(ctx(), stateAdmin, imp.id);
    assert.match(undone[0]!.message, /Rolled back: withdrawn/);
  });

  test('a learning path is enrolled from a file, and rolled back whole', async () => {
    const first = await courseWithSection(ctx(), stateAdmin, state.id, { capacity: 5 });
    const second = await courseWithSection(ctx(), stateAdmin, state.id, { capacity: 5 });
    const path = await ctx().call('POST', '/api/learning-paths', {
      as: stateAdmin,
      body: { orgId: state.id, code: `LPI-${Date.now()}`, title: 'Imported path', courseIds: [first.courseId, second.courseId] },
    });
    assert.equal(path.statusCode, 201, path.body);
    const code = path.json().code as string;
    const [a, b] = [await person(countyA), await person(countyA)];
    assert.equal((await enrollOne(ctx(), adminA, b.id, { learningPathId: path.json().id })).status, 'enrolled');
    // Someone who already holds a place in the path's first course keeps it, through the import and its rollback.
    const holder = await person(countyA);
    assert.equal((await enrollOne(ctx(), adminA, holder.id, { sectionId: first.sectionId })).status, 'enrolled');
    const imp = await plan(ctx(), adminA, countyA.id, [
      `${a.email},,,${code},,`,
      `${b.email},,,${code},,`,
      `${a.email},,${first.sectionCode},${code},,`,
      `${holder.email},,,${code},,`,
    ]);
    assert.deepEqual(
      (await rowsOf(ctx(), adminA, imp.id)).map((r) => [r.outcome, r.reason]),
      [
        ['enrolled', null],
        ['unchanged', 'already_enrolled'],
        ['failed', 'invalid_value'],
        ['enrolled', null],
      ],
    );
    await act(ctx(), adminA, imp.id, 'commit');
    assert.ok((await roster(ctx(), adminA, second.sectionId)).enrolled.includes(holder.id));
    assert.ok((await roster(ctx(), adminA, first.sectionId)).enrolled.includes(a.id));
    assert.ok((await roster(ctx(), adminA, second.sectionId)).enrolled.includes(a.id));
    const rolled = await act(ctx(), adminA, imp.id, 'rollback');
    assert.equal(rolled.status, 'rolled_back');
    assert.ok(!(await roster(ctx(), adminA, first.sectionId)).enrolled.includes(a.id));
    assert.ok(!(await roster(ctx(), adminA, second.sectionId)).enrolled.includes(a.id));
    assert.ok((await roster(ctx(), adminA, first.sectionId)).enrolled.includes(b.id), 'people the import did not enroll stay');
    assert.ok((await roster(ctx(), adminA, first.sectionId)).enrolled.includes(holder.id), 'a place held before the import stays');
    assert.ok(!(await roster(ctx(), adminA, second.sectionId)).enrolled.includes(holder.id), 'the place the import gave is withdrawn');
  });

  test('the enrollments template is every tenant’s, and downloads as CSV and XLSX', async () => {
    const list = (await ctx().call('GET', '/api/import-templates', { as: adminA })).json();
    const items = (Array.isArray(list) ? list : list.items) as Array<{ key: string; builtIn: boolean; kind?: string }>;
    const template = items.find((t) => t.key === 'enrollments');
    assert.ok(template?.builtIn);
    assert.equal(template?.kind, 'enrollments');
    const csv = await ctx().call('GET', '/api/import-templates/enrollments/template.csv', { as: adminA });
    assert.equal(csv.statusCode, 200);
    assert.equal(csv.body.replace(/^\uFEFF/, '').split('\r\n')[0], header);
    const xlsx = await ctx().call('GET', '/api/import-templates/enrollments/template.xlsx', { as: adminA });
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
  });
});

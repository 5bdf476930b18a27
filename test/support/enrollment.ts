import assert from 'node:assert/strict';
import type { Session, TestContext } from './context.ts';
import { uniqueSuffix } from './factories.ts';

/** Days from now, as an ISO instant (sections in the future have not started). */
export const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A course offered by `orgId` with one section; returns both ids. */
export async function courseWithSection(
  ctx: TestContext,
  as: Session,
  orgId: string,
  section: Record<string, unknown> = {},
): Promise<{ courseId: string; sectionId: string; sectionCode: string }> {
  const code = `C-${uniqueSuffix()}`;
  const course = await ctx.call('POST', '/api/courses', { as, body: { orgId, code, title: `Course ${code}` } });
  assert.equal(course.statusCode, 201, course.body);
  const sectionCode = `${code}-S1`;
  const created = await ctx.call('POST', `/api/courses/${course.json().id}/sections`, {
    as,
    body: { code: sectionCode, capacity: 2, startsAt: daysFromNow(30), endsAt: daysFromNow(31), ...section },
  });
  assert.equal(created.statusCode, 201, created.body);
  return { courseId: course.json().id, sectionId: created.json().id, sectionCode };
}

export async function enroll(ctx: TestContext, as: Session, body: Record<string, unknown>) {
  return ctx.call('POST', '/api/enrollments', { as, body });
}

/** The single result of enrolling one account. */
export async function enrollOne(
  ctx: TestContext,
  as: Session,
  accountId: string,
  target: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  const response = await enroll(ctx, as, { accountIds: [accountId], ...target, ...extra });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().results[0] as { accountId: string; status: string; reason: string | null; enrollmentId: string | null };
}

const enrollmentKinds = ['enrolled', 'waitlisted', 'promoted', 'section_cancelled'];

/** Kinds of the enrollment messages queued to `email`, newest first. */
export async function mailKinds(ctx: TestContext, email: string): Promise<string[]> {
  return (await ctx.services.outbox.messagesTo(ctx.database.db, email)).map((m) => m.kind).filter((k) => enrollmentKinds.includes(k));
}

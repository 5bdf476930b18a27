import { ErrorCodes } from '../../../common/error-codes.ts';
import type { EnrollmentResult } from '../../../common/schemas/enrollment.ts';
import type { Executor } from '../../db/connection.ts';
import type { EnrollmentRow, LearningPathRow, PathEnrollmentRow } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import type { AccountBrief } from '../accounts/account-record.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CatalogRepository } from './catalog.repository.ts';
import type { EnrollmentsRepository } from './enrollments.repository.ts';
import { windowIsOpen } from './placement.ts';
import type { SectionSeatsService } from './section-seats.service.ts';

/**
 * Enrolling into a learning path: one path enrollment per person, then for each course, in the
 * path's order, a place in that course's next open section (the soonest not yet started whose
 * window is open, or any upcoming one when forced) — waitlisted where it is full. A person who already
 * holds a place (enrolled or waitlisted) in a section of the course keeps it for the path. A course with no
 * such section stays `not_started` in the person's progress until one is enrolled by hand.
 */
export class PathEnrollmentService {
  constructor(
    private readonly repo: EnrollmentsRepository,
    private readonly catalog: CatalogRepository,
    private readonly seats: SectionSeatsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async enroll(
    trx: Executor,
    actor: Actor,
    path: LearningPathRow,
    accounts: readonly AccountBrief[],
    options: { force: boolean; reason: string | null },
  ): Promise<EnrollmentResult[]> {
    const now = this.clock.now().toISOString();
    const existing = new Map(
      (
        await this.repo.pathEnrollmentsOf(
          trx,
          path.id,
          accounts.map((a) => a.id),
        )
      ).map((p) => [p.accountId, p]),
    );
    const results = new Map<string, EnrollmentResult>();
    const joining: AccountBrief[] = [];
    const pathEnrollmentOf = new Map<string, string>();
    const newRows: PathEnrollmentRow[] = [];
    for (const account of accounts) {
      const fail = (reason: string) => results.set(account.id, { accountId: account.id, status: 'failed', reason, enrollmentId: null });
      const before = existing.get(account.id);
      if (results.has(account.id) || pathEnrollmentOf.has(account.id)) fail(ErrorCodes.alreadyEnrolled);
      else if (account.status === 'archived') fail(ErrorCodes.accountArchived);
      else if (!account.orgPath.startsWith(path.orgPath)) fail(ErrorCodes.outOfScope);
      else if (before?.status === 'active') fail(ErrorCodes.alreadyEnrolled);
      else {
        const id = before?.id ?? this.ids.newId();
        if (before) await this.repo.reopenPathEnrollment(trx, id, now);
        else
          newRows.push({
            id,
            tenantId: path.tenantId,
            accountId: account.id,
            pathId: path.id,
            status: 'active',
            forced: options.force ? 1 : 0,
            reason: options.reason,
            createdAt: now,
            updatedAt: now,
          });
        pathEnrollmentOf.set(account.id, id);
        joining.push(account);
      }
    }
    await this.repo.insertPathEnrollments(trx, newRows);
    await this.audit.recordMany(
      trx,
      actor,
      joining.map((a) => ({
        action: 'learning_path.enrolled',
        targetType: 'path_enrollment',
        targetId: pathEnrollmentOf.get(a.id) ?? null,
        tenantId: path.tenantId,
        orgPath: a.orgPath,
        after: { accountId: a.id, learningPathId: path.id, code: path.code, ...(options.reason ? { reason: options.reason } : {}) },
      })),
    );
    const waitlisted = new Set<string>();
    const forced = new Set<string>();
    const courses = (await this.catalog.coursesOfPaths(trx, [path.id])).get(path.id) ?? [];
    for (const course of courses) {
      if (joining.length === 0) break;
      // A place the person already holds in a section of this course (enrolled or waitlisted) is the
      // path's place for it: they keep it, instead of a second one in the path's choice of section.
      const held = new Map<string, EnrollmentRow>();
      for (const e of await this.repo.heldInCourse(
        trx,
        course.id,
        joining.map((a) => a.id),
      ))
        if (!held.has(e.accountId)) held.set(e.accountId, e);
      for (const e of held.values()) {
        if (e.status === 'waitlisted') waitlisted.add(e.accountId);
        // Counted in this path's progress, unless another path already counts it.
        if (e.pathEnrollmentId === null)
          await this.repo.update(trx, e.id, { pathEnrollmentId: pathEnrollmentOf.get(e.accountId), updatedAt: now });
      }
      const toPlace = joining.filter((a) => !held.has(a.id));
      if (toPlace.length === 0) continue;
      const sections = await this.catalog.upcomingOpenSections(trx, course.id, now);
      const section = sections.find((s) => options.force || windowIsOpen(s, now));
      if (!section) continue;
      const placed = await this.seats.place(trx, actor, section, toPlace, { ...options, pathEnrollmentOf });
      for (const r of placed) {
        if (r.status === 'waitlisted') waitlisted.add(r.accountId);
        if (r.reason === 'forced') forced.add(r.accountId);
      }
    }
    for (const account of joining) {
      results.set(account.id, {
        accountId: account.id,
        status: waitlisted.has(account.id) ? 'waitlisted' : 'enrolled',
        reason: forced.has(account.id) ? 'forced' : null,
        enrollmentId: pathEnrollmentOf.get(account.id) ?? null,
      });
    }
    return accounts.map((a) => results.get(a.id) as EnrollmentResult);
  }
}

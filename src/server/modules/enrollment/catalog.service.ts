import { ErrorCodes } from '../../../common/error-codes.ts';
import { Permissions } from '../../../common/permissions.ts';
import {
  toInstant,
  type Course,
  type CourseList,
  type CourseQuery,
  type CreateCourseInput,
  type CreateLearningPathInput,
  type CreateSectionInput,
  type LearningPath,
  type Section,
  type SectionQuery,
  type UpdateCourseInput,
  type UpdateLearningPathInput,
  type UpdateSectionInput,
} from '../../../common/schemas/enrollment.ts';
import type { Db, Executor } from '../../db/connection.ts';
import type { CourseRow, LearningPathRow, SectionRow } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import { conflict, fieldError, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import { catalogRoots, managesCatalogAt, seesCatalogEntry } from './catalog-reach.ts';
import type { SectionWithCourse } from './catalog-record.ts';
import type { CatalogRepository } from './catalog.repository.ts';
import { codeKeyOf, toCourse, toLearningPath, toSection } from './catalog-view.ts';

/** Cancelling a section withdraws everyone in it (the enrollments service; set once the container built it). */
export interface SectionCancellation {
  withdrawAllForCancellation(trx: Executor, actor: Actor, section: SectionWithCourse): Promise<number>;
}

const codeTaken = (what: string, code: string) =>
  conflict(ErrorCodes.codeTaken, `The tenant already has a ${what} with the code ${code}.`, { fields: { code: 'This code is taken.' } });

/**
 * The catalog: courses offered by an organization, their sections (one delivery each, with capacity,
 * dates and an enrollment window) and learning paths (courses in order). Seen from the offering
 * organization's subtree and from above it; changed with courses.manage over the offering organization.
 */
export class CatalogService {
  private cancellation: SectionCancellation | undefined;

  constructor(
    private readonly db: Db,
    private readonly repo: CatalogRepository,
    private readonly orgs: OrganizationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  useCancellation(cancellation: SectionCancellation): void {
    this.cancellation = cancellation;
  }

  async createCourse(actor: Actor, input: CreateCourseInput): Promise<Course> {
    return this.uniqueCode('course', input.code, () =>
      inTransaction(this.db, async (trx) => {
        const org = await this.orgs.requireOrganization(trx, actor, input.orgId, Permissions.coursesManage);
        if (await this.repo.courseByCode(trx, org.tenantId, codeKeyOf(input.code))) throw codeTaken('course', input.code);
        const now = this.clock.now().toISOString();
        const row: CourseRow = {
          id: this.ids.newId(),
          tenantId: org.tenantId,
          orgId: org.id,
          orgPath: org.path,
          code: input.code,
          codeKey: codeKeyOf(input.code),
          title: input.title,
          description: input.description ?? null,
          createdAt: now,
          updatedAt: now,
        };
        await this.repo.insertCourse(trx, row);
        await this.audit.record(trx, actor, {
          action: 'course.created',
          targetType: 'course',
          targetId: row.id,
          tenantId: row.tenantId,
          orgPath: row.orgPath,
          after: { code: row.code, title: row.title, orgId: row.orgId },
        });
        return this.courseView(trx, row);
      }),
    );
  }

  async listCourses(actor: Actor, query: CourseQuery): Promise<CourseList> {
    const roots = this.requireCatalogReach(actor);
    let offeredFor: string | undefined;
    if (query.orgId) {
      const [org] = await this.orgs.getManyByIds(this.db, [query.orgId]);
      if (!org || !seesCatalogEntry(roots, org.path)) throw notFound('The organization');
      offeredFor = org.path;
    }
    const limit = query.limit ?? 50;
    const rows = await this.repo.listCourses(this.db, {
      tenantId: actor.isGlobalAdmin ? null : actor.tenantId,
      roots,
      q: query.q,
      offeredFor,
      after: query.cursor ? (decodeCursor(query.cursor, 1)[0] ?? undefined) : undefined,
      limit,
    });
    const { page, nextCursor } = pageOf(rows, limit, (r) => [r.codeKey]);
    return { items: await this.courseViews(this.db, page), nextCursor };
  }

  async getCourse(actor: Actor, id: string): Promise<Course> {
    return this.courseView(this.db, await this.visibleCourse(this.db, actor, id));
  }

  async updateCourse(actor: Actor, id: string, input: UpdateCourseInput): Promise<Course> {
    return inTransaction(this.db, async (trx) => {
      const course = await this.visibleCourse(trx, actor, id);
      if (!managesCatalogAt(actor, course.orgPath)) throw forbidden('You do not have permission to change this course.');
      const changes = { ...input, updatedAt: this.clock.now().toISOString() };
      await this.repo.updateCourse(trx, id, changes);
      await this.audit.record(trx, actor, {
        action: 'course.updated',
        targetType: 'course',
        targetId: id,
        tenantId: course.tenantId,
        orgPath: course.orgPath,
        before: { title: course.title, description: course.description },
        after: input,
      });
      return this.courseView(trx, { ...course, ...changes });
    });
  }

  async createSection(actor: Actor, courseId: string, input: CreateSectionInput): Promise<Section> {
    return this.uniqueCode('section', input.code, () =>
      inTransaction(this.db, async (trx) => {
        const course = await this.visibleCourse(trx, actor, courseId);
        if (!managesCatalogAt(actor, course.orgPath)) throw forbidden('You do not have permission to add sections to this course.');
        if (await this.repo.sectionByCode(trx, course.tenantId, codeKeyOf(input.code))) throw codeTaken('section', input.code);
        const now = this.clock.now().toISOString();
        const row: SectionRow = {
          id: this.ids.newId(),
          tenantId: course.tenantId,
          courseId: course.id,
          orgId: course.orgId,
          orgPath: course.orgPath,
          code: input.code,
          codeKey: codeKeyOf(input.code),
          ...fullTimes(sectionTimes(input, null)),
          location: input.location ?? null,
          online: input.online ? 1 : 0,
          capacity: input.capacity,
          status: 'open',
          waitlistSeq: 0,
          createdAt: now,
          updatedAt: now,
          cancelledAt: null,
        };
        await this.repo.insertSection(trx, row);
        await this.audit.record(trx, actor, {
          action: 'section.created',
          targetType: 'section',
          targetId: row.id,
          tenantId: row.tenantId,
          orgPath: row.orgPath,
          after: { code: row.code, courseId: row.courseId, capacity: row.capacity, startsAt: row.startsAt, endsAt: row.endsAt },
        });
        return this.sectionView(trx, row.id);
      }),
    );
  }

  async listSections(actor: Actor, query: SectionQuery): Promise<{ items: Section[]; nextCursor: string | null }> {
    const roots = this.requireCatalogReach(actor);
    if (query.courseId) await this.visibleCourse(this.db, actor, query.courseId);
    const limit = query.limit ?? 50;
    const rows = await this.repo.listSections(this.db, {
      tenantId: actor.isGlobalAdmin ? null : actor.tenantId,
      roots,
      q: query.q,
      courseId: query.courseId,
      status: query.status,
      after: query.cursor ? (decodeCursor(query.cursor, 1)[0] ?? undefined) : undefined,
      limit,
    });
    const { page, nextCursor } = pageOf(rows, limit, (r) => [r.codeKey]);
    const counts = await this.repo.countsOf(
      this.db,
      page.map((s) => s.id),
    );
    return { items: page.map((s) => toSection(s, counts.get(s.id))), nextCursor };
  }

  async getSection(actor: Actor, id: string): Promise<Section> {
    const section = await this.visibleSection(this.db, actor, id);
    return this.sectionView(this.db, section.id);
  }

  /**
   * Changes dates, place, window or capacity. Lowering the capacity below the enrolled count
   * unenrolls nobody: the section stays over-full and the waitlist waits. Cancelling withdraws
   * everyone in the section, in the same transaction, and tells them.
   */
  async updateSection(actor: Actor, id: string, input: UpdateSectionInput): Promise<Section> {
    return inTransaction(this.db, async (trx) => {
      const section = await this.visibleSection(trx, actor, id);
      if (!managesCatalogAt(actor, section.orgPath)) throw forbidden('You do not have permission to change this section.');
      if (section.status === 'cancelled') throw invalidState('This section is cancelled; it can no longer be changed.');
      const now = this.clock.now().toISOString();
      const { status, ...fields } = input;
      const changes: Partial<SectionRow> = {
        ...sectionTimes(fields, section),
        ...(fields.location !== undefined ? { location: fields.location } : {}),
        ...(fields.online !== undefined ? { online: fields.online ? 1 : 0 } : {}),
        ...(fields.capacity !== undefined ? { capacity: fields.capacity } : {}),
        ...(status === 'cancelled' ? { status: 'cancelled', cancelledAt: now } : {}),
        updatedAt: now,
      };
      await this.repo.updateSection(trx, id, changes);
      let withdrawn = 0;
      if (status === 'cancelled') {
        if (!this.cancellation) throw new Error('section cancellation is not wired');
        withdrawn = await this.cancellation.withdrawAllForCancellation(trx, actor, { ...section, ...changes });
      }
      await this.audit.record(trx, actor, {
        action: status === 'cancelled' ? 'section.cancelled' : 'section.updated',
        targetType: 'section',
        targetId: id,
        tenantId: section.tenantId,
        orgPath: section.orgPath,
        before: pick(section, Object.keys(changes)),
        after: { ...changes, ...(status === 'cancelled' ? { withdrawn } : {}) },
      });
      return this.sectionView(trx, id);
    });
  }

  async createLearningPath(actor: Actor, input: CreateLearningPathInput): Promise<LearningPath> {
    return this.uniqueCode('learning path', input.code, () =>
      inTransaction(this.db, async (trx) => {
        const org = await this.orgs.requireOrganization(trx, actor, input.orgId, Permissions.coursesManage);
        if (await this.repo.pathByCode(trx, org.tenantId, codeKeyOf(input.code))) throw codeTaken('learning path', input.code);
        const courses = await this.pathCourses(trx, actor, org.tenantId, input.courseIds);
        const now = this.clock.now().toISOString();
        const row: LearningPathRow = {
          id: this.ids.newId(),
          tenantId: org.tenantId,
          orgId: org.id,
          orgPath: org.path,
          code: input.code,
          codeKey: codeKeyOf(input.code),
          title: input.title,
          description: input.description ?? null,
          createdAt: now,
          updatedAt: now,
        };
        await this.repo.insertPath(
          trx,
          row,
          courses.map((c) => c.id),
        );
        await this.audit.record(trx, actor, {
          action: 'learning_path.created',
          targetType: 'learning_path',
          targetId: row.id,
          tenantId: row.tenantId,
          orgPath: row.orgPath,
          after: { code: row.code, title: row.title, courses: courses.map((c) => c.code) },
        });
        return toLearningPath(row, org.name, courses);
      }),
    );
  }

  async updateLearningPath(actor: Actor, id: string, input: UpdateLearningPathInput): Promise<LearningPath> {
    return inTransaction(this.db, async (trx) => {
      const path = await this.visiblePath(trx, actor, id);
      if (!managesCatalogAt(actor, path.orgPath)) throw forbidden('You do not have permission to change this learning path.');
      const courses = input.courseIds ? await this.pathCourses(trx, actor, path.tenantId, input.courseIds) : undefined;
      const { courseIds: _courseIds, ...fields } = input;
      const changes = { ...fields, updatedAt: this.clock.now().toISOString() };
      await this.repo.updatePath(
        trx,
        id,
        changes,
        courses?.map((c) => c.id),
      );
      await this.audit.record(trx, actor, {
        action: 'learning_path.updated',
        targetType: 'learning_path',
        targetId: id,
        tenantId: path.tenantId,
        orgPath: path.orgPath,
        after: { ...fields, ...(courses ? { courses: courses.map((c) => c.code) } : {}) },
      });
      return this.pathView(trx, { ...path, ...changes });
    });
  }

  async listLearningPaths(actor: Actor, query: { q?: string; limit?: number; cursor?: string }) {
    const roots = this.requireCatalogReach(actor);
    const limit = query.limit ?? 50;
    const rows = await this.repo.listPaths(this.db, {
      tenantId: actor.isGlobalAdmin ? null : actor.tenantId,
      roots,
      q: query.q,
      after: query.cursor ? (decodeCursor(query.cursor, 1)[0] ?? undefined) : undefined,
      limit,
    });
    const { page, nextCursor } = pageOf(rows, limit, (r) => [r.codeKey]);
    const courses = await this.repo.coursesOfPaths(
      this.db,
      page.map((p) => p.id),
    );
    const orgNames = await this.orgNames(
      this.db,
      page.map((p) => p.orgId),
    );
    return { items: page.map((p) => toLearningPath(p, orgNames.get(p.orgId) ?? '', courses.get(p.id) ?? [])), nextCursor };
  }

  async getLearningPath(actor: Actor, id: string): Promise<LearningPath> {
    return this.pathView(this.db, await this.visiblePath(this.db, actor, id));
  }

  // ---- for the enrollments service ----

  /** A section the actor sees (out of sight: 404). */
  async visibleSection(db: Executor, actor: Actor, id: string): Promise<SectionWithCourse> {
    const section = await this.repo.getSection(db, id);
    if (!section || !this.sees(actor, section.tenantId, section.orgPath)) throw notFound('The section');
    return section;
  }

  async visiblePath(db: Executor, actor: Actor, id: string): Promise<LearningPathRow> {
    const path = await this.repo.getPath(db, id);
    if (!path || !this.sees(actor, path.tenantId, path.orgPath)) throw notFound('The learning path');
    return path;
  }

  async visibleCourse(db: Executor, actor: Actor, id: string): Promise<CourseRow> {
    const course = await this.repo.getCourse(db, id);
    if (!course || !this.sees(actor, course.tenantId, course.orgPath)) throw notFound('The course');
    return course;
  }

  /** A section by id, no reach check: for callers that checked the record that names it. */
  async sectionRecord(db: Executor, id: string): Promise<SectionWithCourse> {
    const section = await this.repo.getSection(db, id);
    if (!section) throw notFound('The section');
    return section;
  }

  async sectionView(db: Executor, id: string): Promise<Section> {
    const section = await this.repo.getSection(db, id);
    if (!section) throw notFound('The section');
    return toSection(section, (await this.repo.countsOf(db, [id])).get(id));
  }

  sees(actor: Actor, tenantId: string, orgPath: string): boolean {
    if (!actor.isGlobalAdmin && actor.tenantId !== tenantId) return false;
    return seesCatalogEntry(catalogRoots(actor), orgPath);
  }

  private requireCatalogReach(actor: Actor) {
    const roots = catalogRoots(actor);
    if (roots !== 'all' && roots.length === 0) throw forbidden('You do not have permission to see the course catalog.');
    return roots;
  }

  /** The path's courses, each one the actor sees, in the order given, none twice. */
  private async pathCourses(db: Executor, actor: Actor, tenantId: string, ids: readonly string[]): Promise<CourseRow[]> {
    if (new Set(ids).size !== ids.length) throw fieldError('courseIds', 'A course appears twice in this learning path.');
    const rows = new Map((await this.repo.getCoursesByIds(db, ids)).map((c) => [c.id, c]));
    return ids.map((id, i) => {
      const course = rows.get(id);
      if (!course || course.tenantId !== tenantId || !this.sees(actor, course.tenantId, course.orgPath)) {
        throw fieldError(`courseIds.${i}`, 'There is no such course within your reach.');
      }
      return course;
    });
  }

  private async courseView(db: Executor, row: CourseRow): Promise<Course> {
    return (await this.courseViews(db, [row]))[0] as Course;
  }

  private async courseViews(db: Executor, rows: readonly CourseRow[]): Promise<Course[]> {
    const sections = await this.repo.sectionsOfCourses(
      db,
      rows.map((r) => r.id),
    );
    const counts = await this.repo.countsOf(
      db,
      sections.map((s) => s.id),
    );
    const orgNames = await this.orgNames(
      db,
      rows.map((r) => r.orgId),
    );
    return rows.map((r) =>
      toCourse(
        r,
        orgNames.get(r.orgId) ?? '',
        sections.filter((s) => s.courseId === r.id).map((s) => toSection(s, counts.get(s.id))),
      ),
    );
  }

  private async pathView(db: Executor, row: LearningPathRow): Promise<LearningPath> {
    const courses = await this.repo.coursesOfPaths(db, [row.id]);
    const orgNames = await this.orgNames(db, [row.orgId]);
    return toLearningPath(row, orgNames.get(row.orgId) ?? '', courses.get(row.id) ?? []);
  }

  private async orgNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
    return new Map((await this.orgs.getManyByIds(db, [...new Set(ids)])).map((o) => [o.id, o.name]));
  }

  private async uniqueCode<T>(what: string, code: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw codeTaken(what, code);
      throw error;
    }
  }
}

type Times = Pick<SectionRow, 'startsAt' | 'endsAt' | 'enrollOpensAt' | 'enrollClosesAt'>;

/** The section's times as stored (ISO instants), checked in order: starts before it ends, opens before it closes. */
function sectionTimes(input: { [K in keyof Times]?: string | null }, current: Times | null): Partial<Times> {
  const out: Partial<Times> = {};
  for (const key of ['startsAt', 'endsAt', 'enrollOpensAt', 'enrollClosesAt'] as const) {
    const value = input[key];
    if (value !== undefined) out[key] = value === null ? null : toInstant(value);
  }
  const merged = { ...current, ...out };
  if (merged.startsAt && merged.endsAt && merged.endsAt < merged.startsAt) throw fieldError('endsAt', 'A section ends after it starts.');
  if (merged.enrollOpensAt && merged.enrollClosesAt && merged.enrollClosesAt < merged.enrollOpensAt) {
    throw fieldError('enrollClosesAt', 'Enrollment closes after it opens.');
  }
  return out;
}

function pick(row: object, keys: readonly string[]): Record<string, unknown> {
  const record = row as Record<string, unknown>;
  return Object.fromEntries(keys.filter((k) => k !== 'updatedAt').map((k) => [k, record[k]]));
}

const fullTimes = (t: Partial<Times>): Times => ({
  startsAt: t.startsAt ?? null,
  endsAt: t.endsAt ?? null,
  enrollOpensAt: t.enrollOpensAt ?? null,
  enrollClosesAt: t.enrollClosesAt ?? null,
});

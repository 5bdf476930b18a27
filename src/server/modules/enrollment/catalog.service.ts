import { ErrorCodes } from '../../../common/error-codes.ts';
import { Permissions } from '../../../common/permissions.ts';
import {
  type Course,
  type CourseList,
  type CourseQuery,
  type CreateCourseInput,
  type CreateSectionInput,
  type Section,
  type SectionQuery,
  type UpdateCourseInput,
  type UpdateSectionInput,
} from '../../../common/schemas/enrollment.ts';
import type { Db, Executor } from '../../db/connection.ts';
import type { CourseRow, SectionRow } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import { conflict, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import { catalogRoots, managesCatalogAt, seesCatalogEntry } from './catalog-reach.ts';
import type { SectionWithCourse } from './catalog-record.ts';
import type { CatalogRepository } from './catalog.repository.ts';
import { codeKeyOf, toCourse, toSection } from './catalog-view.ts';
import { changedFields, fullTimes, sectionTimes } from './section-times.ts';

/**
 * What a section change does to its people (the enrollments service; set once the container built it):
 * cancelling withdraws everyone in it; a raised capacity gives the new places to the waitlist.
 */
export interface SectionCancellation {
  withdrawAllForCancellation(trx: Executor, actor: Actor, section: SectionWithCourse): Promise<number>;
  fillFreePlaces(trx: Executor, actor: Actor, section: SectionWithCourse): Promise<number>;
}

export const codeTaken = (what: string, code: string) =>
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
      let promoted = 0;
      if (!this.cancellation) throw new Error('section cancellation is not wired');
      if (status === 'cancelled') withdrawn = await this.cancellation.withdrawAllForCancellation(trx, actor, { ...section, ...changes });
      else if (fields.capacity !== undefined && fields.capacity > section.capacity) {
        promoted = await this.cancellation.fillFreePlaces(trx, actor, { ...section, ...changes });
      }
      await this.audit.record(trx, actor, {
        action: status === 'cancelled' ? 'section.cancelled' : 'section.updated',
        targetType: 'section',
        targetId: id,
        tenantId: section.tenantId,
        orgPath: section.orgPath,
        before: changedFields(section, Object.keys(changes)),
        after: { ...changes, ...(status === 'cancelled' ? { withdrawn } : {}), ...(promoted ? { promotedFromWaitlist: promoted } : {}) },
      });
      return this.sectionView(trx, id);
    });
  }

  // ---- for the enrollments and learning-path services ----

  /** A section the actor sees (out of sight: 404). */
  async visibleSection(db: Executor, actor: Actor, id: string): Promise<SectionWithCourse> {
    const section = await this.repo.getSection(db, id);
    if (!section || !this.sees(actor, section.tenantId, section.orgPath)) throw notFound('The section');
    return section;
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

  requireCatalogReach(actor: Actor) {
    const roots = catalogRoots(actor);
    if (roots !== 'all' && roots.length === 0) throw forbidden('You do not have permission to see the course catalog.');
    return roots;
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

  async orgNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
    return new Map((await this.orgs.getManyByIds(db, [...new Set(ids)])).map((o) => [o.id, o.name]));
  }

  async uniqueCode<T>(what: string, code: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw codeTaken(what, code);
      throw error;
    }
  }
}

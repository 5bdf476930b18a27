import { Permissions } from '../../../common/permissions.ts';
import type { CreateLearningPathInput, LearningPath, UpdateLearningPathInput } from '../../../common/schemas/enrollment.ts';
import type { Db, Executor } from '../../db/connection.ts';
import type { CourseRow, LearningPathRow } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import { fieldError, forbidden, notFound } from '../../platform/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import { managesCatalogAt } from './catalog-reach.ts';
import { codeKeyOf, toLearningPath } from './catalog-view.ts';
import type { CatalogRepository } from './catalog.repository.ts';
import { codeTaken, type CatalogService } from './catalog.service.ts';

/** Learning paths: courses in the order they are taken, offered by an organization like a course. */
export class LearningPathsService {
  constructor(
    private readonly db: Db,
    private readonly repo: CatalogRepository,
    private readonly catalog: CatalogService,
    private readonly orgs: OrganizationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async createLearningPath(actor: Actor, input: CreateLearningPathInput): Promise<LearningPath> {
    return this.catalog.uniqueCode('learning path', input.code, () =>
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
    const roots = this.catalog.requireCatalogReach(actor);
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
    const orgNames = await this.catalog.orgNames(
      this.db,
      page.map((p) => p.orgId),
    );
    return { items: page.map((p) => toLearningPath(p, orgNames.get(p.orgId) ?? '', courses.get(p.id) ?? [])), nextCursor };
  }

  async getLearningPath(actor: Actor, id: string): Promise<LearningPath> {
    return this.pathView(this.db, await this.visiblePath(this.db, actor, id));
  }

  async visiblePath(db: Executor, actor: Actor, id: string): Promise<LearningPathRow> {
    const path = await this.repo.getPath(db, id);
    if (!path || !this.catalog.sees(actor, path.tenantId, path.orgPath)) throw notFound('The learning path');
    return path;
  }

  /** The path's courses, each one the actor sees, in the order given, none twice. */
  private async pathCourses(db: Executor, actor: Actor, tenantId: string, ids: readonly string[]): Promise<CourseRow[]> {
    if (new Set(ids).size !== ids.length) throw fieldError('courseIds', 'A course appears twice in this learning path.');
    const rows = new Map((await this.repo.getCoursesByIds(db, ids)).map((c) => [c.id, c]));
    return ids.map((id, i) => {
      const course = rows.get(id);
      if (!course || course.tenantId !== tenantId || !this.catalog.sees(actor, course.tenantId, course.orgPath)) {
        throw fieldError(`courseIds.${i}`, 'There is no such course within your reach.');
      }
      return course;
    });
  }

  private async pathView(db: Executor, row: LearningPathRow): Promise<LearningPath> {
    const courses = await this.repo.coursesOfPaths(db, [row.id]);
    const orgNames = await this.catalog.orgNames(db, [row.orgId]);
    return toLearningPath(row, orgNames.get(row.orgId) ?? '', courses.get(row.id) ?? []);
  }
}

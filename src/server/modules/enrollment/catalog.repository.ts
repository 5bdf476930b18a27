import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { CourseRow, LearningPathRow, SectionRow } from '../../db/schema.ts';
import { prefixUpperBound, toNumber } from '../../db/transaction.ts';
import { pathAndAncestors, type CatalogRoots } from './catalog-reach.ts';
import type { SectionCounts, SectionWithCourse } from './catalog-record.ts';

export type { SectionWithCourse };

export interface ListWindow {
  tenantId: string | null;
  roots: CatalogRoots;
  q?: string;
  /** Only entries offered at this organization's path or above it (an `orgId` filter). */
  offeredFor?: string;
  after?: string;
  limit: number;
}

export class CatalogRepository {
  async insertCourse(db: Executor, row: CourseRow): Promise<void> {
    await db.insertInto('courses').values(row).execute();
  }

  async updateCourse(db: Executor, id: string, changes: Partial<CourseRow>): Promise<void> {
    await db.updateTable('courses').set(changes).where('id', '=', id).execute();
  }

  async getCourse(db: Executor, id: string): Promise<CourseRow | undefined> {
    return db.selectFrom('courses').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async getCoursesByIds(db: Executor, ids: readonly string[]): Promise<CourseRow[]> {
    if (ids.length === 0) return [];
    return db.selectFrom('courses').selectAll().where('id', 'in', ids).execute();
  }

  async courseByCode(db: Executor, tenantId: string, codeKey: string): Promise<CourseRow | undefined> {
    return db.selectFrom('courses').selectAll().where('tenantId', '=', tenantId).where('codeKey', '=', codeKey).executeTakeFirst();
  }

  /** Courses seen through `roots`, by code, keyset-paged on the code key. */
  async listCourses(db: Executor, w: ListWindow): Promise<CourseRow[]> {
    let query = db.selectFrom('courses').selectAll();
    if (w.tenantId) query = query.where('tenantId', '=', w.tenantId);
    query = query.where(visible(w.roots));
    if (w.offeredFor) query = query.where('orgPath', 'in', pathAndAncestors(w.offeredFor));
    if (w.q) {
      const like = `%${w.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb(sql`lower(title)`, 'like', like), eb('codeKey', 'like', like)]));
    }
    if (w.after) query = query.where('codeKey', '>', w.after);
    return query
      .orderBy('codeKey')
      .limit(w.limit + 1)
      .execute();
  }

  async insertSection(db: Executor, row: SectionRow): Promise<void> {
    await db.insertInto('sections').values(row).execute();
  }

  async updateSection(db: Executor, id: string, changes: Partial<SectionRow>): Promise<void> {
    await db.updateTable('sections').set(changes).where('id', '=', id).execute();
  }

  async getSection(db: Executor, id: string): Promise<SectionWithCourse | undefined> {
    return this.sectionSelect(db).where('s.id', '=', id).executeTakeFirst();
  }

  async sectionByCode(db: Executor, tenantId: string, codeKey: string): Promise<SectionWithCourse | undefined> {
    return this.sectionSelect(db).where('s.tenantId', '=', tenantId).where('s.codeKey', '=', codeKey).executeTakeFirst();
  }

  async sectionsOfCourses(db: Executor, courseIds: readonly string[]): Promise<SectionWithCourse[]> {
    if (courseIds.length === 0) return [];
    return this.sectionSelect(db).where('s.courseId', 'in', courseIds).orderBy('s.startsAt').orderBy('s.codeKey').execute();
  }

  async listSections(db: Executor, w: ListWindow & { courseId?: string; status?: string }): Promise<SectionWithCourse[]> {
    let query = this.sectionSelect(db);
    if (w.tenantId) query = query.where('s.tenantId', '=', w.tenantId);
    query = query.where(visible(w.roots, 's.orgPath'));
    if (w.courseId) query = query.where('s.courseId', '=', w.courseId);
    if (w.status) query = query.where('s.status', '=', w.status);
    if (w.q) {
      const like = `%${w.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb('s.codeKey', 'like', like), eb('c.codeKey', 'like', like)]));
    }
    if (w.after) query = query.where('s.codeKey', '>', w.after);
    return query
      .orderBy('s.codeKey')
      .limit(w.limit + 1)
      .execute();
  }

  /**
   * The open sections of a course, soonest first, that have not started by `now`: where a learning
   * path looks for the next place.
   */
  async upcomingOpenSections(db: Executor, courseId: string, now: string): Promise<SectionWithCourse[]> {
    return this.sectionSelect(db)
      .where('s.courseId', '=', courseId)
      .where('s.status', '=', 'open')
      .where((eb) => eb.or([eb('s.startsAt', 'is', null), eb('s.startsAt', '>', now)]))
      .orderBy('s.startsAt')
      .orderBy('s.codeKey')
      .limit(50)
      .execute();
  }

  /** Enrolled, waitlisted and completed counts per section, in one grouped read. */
  async countsOf(db: Executor, sectionIds: readonly string[]): Promise<Map<string, SectionCounts>> {
    const counts = new Map<string, SectionCounts>();
    if (sectionIds.length === 0) return counts;
    const rows = await db
      .selectFrom('enrollments')
      .select(['sectionId', 'status', (eb) => eb.fn.countAll().as('n')])
      .where('sectionId', 'in', sectionIds)
      .where('status', 'in', ['enrolled', 'waitlisted', 'completed'])
      .groupBy(['sectionId', 'status'])
      .execute();
    for (const id of sectionIds) counts.set(id, { enrolled: 0, waitlisted: 0, completed: 0 });
    for (const row of rows) {
      const entry = counts.get(row.sectionId);
      if (entry) entry[row.status as keyof SectionCounts] = toNumber(row.n);
    }
    return counts;
  }

  async insertPath(db: Executor, row: LearningPathRow, courseIds: readonly string[]): Promise<void> {
    await db.insertInto('learningPaths').values(row).execute();
    await this.setPathCourses(db, row.id, courseIds);
  }

  async updatePath(db: Executor, id: string, changes: Partial<LearningPathRow>, courseIds?: readonly string[]): Promise<void> {
    await db.updateTable('learningPaths').set(changes).where('id', '=', id).execute();
    if (courseIds) {
      await db.deleteFrom('learningPathCourses').where('pathId', '=', id).execute();
      await this.setPathCourses(db, id, courseIds);
    }
  }

  async getPath(db: Executor, id: string): Promise<LearningPathRow | undefined> {
    return db.selectFrom('learningPaths').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async pathByCode(db: Executor, tenantId: string, codeKey: string): Promise<LearningPathRow | undefined> {
    return db.selectFrom('learningPaths').selectAll().where('tenantId', '=', tenantId).where('codeKey', '=', codeKey).executeTakeFirst();
  }

  async listPaths(db: Executor, w: ListWindow): Promise<LearningPathRow[]> {
    let query = db.selectFrom('learningPaths').selectAll();
    if (w.tenantId) query = query.where('tenantId', '=', w.tenantId);
    query = query.where(visible(w.roots));
    if (w.q) {
      const like = `%${w.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb(sql`lower(title)`, 'like', like), eb('codeKey', 'like', like)]));
    }
    if (w.after) query = query.where('codeKey', '>', w.after);
    return query
      .orderBy('codeKey')
      .limit(w.limit + 1)
      .execute();
  }

  /** The courses of each path, in order. */
  async coursesOfPaths(db: Executor, pathIds: readonly string[]): Promise<Map<string, CourseRow[]>> {
    const byPath = new Map<string, CourseRow[]>(pathIds.map((id) => [id, []]));
    if (pathIds.length === 0) return byPath;
    const rows = await db
      .selectFrom('learningPathCourses as lp')
      .innerJoin('courses as c', 'c.id', 'lp.courseId')
      .selectAll('c')
      .select('lp.pathId')
      .where('lp.pathId', 'in', pathIds)
      .orderBy('lp.pathId')
      .orderBy('lp.position')
      .execute();
    for (const { pathId, ...course } of rows) byPath.get(pathId)?.push(course);
    return byPath;
  }

  private async setPathCourses(db: Executor, pathId: string, courseIds: readonly string[]): Promise<void> {
    await db
      .insertInto('learningPathCourses')
      .values(courseIds.map((courseId, position) => ({ pathId, position, courseId })))
      .execute();
  }

  private sectionSelect(db: Executor) {
    return db
      .selectFrom('sections as s')
      .innerJoin('courses as c', 'c.id', 's.courseId')
      .selectAll('s')
      .select(['c.code as courseCode', 'c.title as courseTitle']);
  }
}

/** Entries offered inside one of the roots, or at one of the roots' ancestors (seen from below). */
function visible(roots: CatalogRoots, column = 'orgPath'): RawBuilder<SqlBool> {
  if (roots === 'all') return sql<SqlBool>`1 = 1`;
  if (roots.length === 0) return sql<SqlBool>`1 = 0`;
  const ref = sql.ref(column);
  const ancestors = [...new Set(roots.flatMap(pathAndAncestors))];
  const ranges = roots.map((p) => sql`(${ref} >= ${p} and ${ref} < ${prefixUpperBound(p)})`);
  if (ancestors.length) ranges.push(sql`${ref} in (${sql.join(ancestors)})`);
  return sql<SqlBool>`(${sql.join(ranges, sql` or `)})`;
}

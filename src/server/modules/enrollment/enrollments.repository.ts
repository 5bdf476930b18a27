import { PostgresAdapter, sql } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { EnrollmentRow, PathEnrollmentRow } from '../../db/schema.ts';
import { insertRows } from '../../db/bulk-insert.ts';
import { toNumber } from '../../db/transaction.ts';

/** An enrollment with what the profile and the roster show beside it. */
export type EnrollmentWithSection = EnrollmentRow & {
  sectionCode: string;
  courseCode: string;
  courseTitle: string;
  startsAt: string | null;
  pathId: string | null;
};

export type RosterRow = EnrollmentRow & { firstName: string; lastName: string; email: string; orgName: string; accountOrgPath: string };

const live = ['enrolled', 'waitlisted', 'completed'];

export class EnrollmentsRepository {
  /**
   * Takes the section's row lock until the transaction ends, so two enrollers of the same section
   * count its places one after the other. PostgreSQL: SELECT … FOR UPDATE. SQLite: every write
   * transaction already holds the database's single write lock from BEGIN IMMEDIATE.
   */
  async lockSection(db: Executor, sectionId: string): Promise<{ capacity: number; status: string; waitlistSeq: number } | undefined> {
    let query = db.selectFrom('sections').select(['capacity', 'status', 'waitlistSeq']).where('id', '=', sectionId);
    if (db.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
    return query.executeTakeFirst();
  }

  async setWaitlistSeq(db: Executor, sectionId: string, seq: number): Promise<void> {
    await db.updateTable('sections').set({ waitlistSeq: seq }).where('id', '=', sectionId).execute();
  }

  /** Places taken in a section: enrolled and completed. */
  async countTaken(db: Executor, sectionId: string): Promise<number> {
    const row = await db
      .selectFrom('enrollments')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('sectionId', '=', sectionId)
      .where('status', 'in', ['enrolled', 'completed'])
      .executeTakeFirst();
    return toNumber(row?.n);
  }

  /** The live enrollments of these accounts in a section (at most one each). */
  async liveIn(db: Executor, sectionId: string, accountIds: readonly string[]): Promise<EnrollmentRow[]> {
    const out: EnrollmentRow[] = [];
    for (let i = 0; i < accountIds.length; i += 5000) {
      const chunk = accountIds.slice(i, i + 5000);
      out.push(
        ...(await db
          .selectFrom('enrollments')
          .selectAll()
          .where('sectionId', '=', sectionId)
          .where('accountId', 'in', chunk)
          .where('status', 'in', live)
          .execute()),
      );
    }
    return out;
  }

  async insertMany(db: Executor, rows: readonly EnrollmentRow[]): Promise<void> {
    await insertRows(db, 'enrollments', rows);
  }

  async update(db: Executor, id: string, changes: Partial<EnrollmentRow>): Promise<void> {
    await db.updateTable('enrollments').set(changes).where('id', '=', id).execute();
  }

  async getById(db: Executor, id: string): Promise<EnrollmentRow | undefined> {
    return db.selectFrom('enrollments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The first on the waitlist (lowest position). */
  async firstWaitlisted(db: Executor, sectionId: string, count: number): Promise<EnrollmentRow[]> {
    return db
      .selectFrom('enrollments')
      .selectAll()
      .where('sectionId', '=', sectionId)
      .where('status', '=', 'waitlisted')
      .orderBy('waitlistPosition')
      .limit(count)
      .execute();
  }

  /** The waitlisted enrollment just ahead of `position`. */
  async waitlistedBefore(db: Executor, sectionId: string, position: number): Promise<EnrollmentRow | undefined> {
    return db
      .selectFrom('enrollments')
      .selectAll()
      .where('sectionId', '=', sectionId)
      .where('status', '=', 'waitlisted')
      .where('waitlistPosition', '<', position)
      .orderBy('waitlistPosition', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Everyone still in a section (enrolled or waitlisted). */
  async activeIn(db: Executor, sectionId: string): Promise<EnrollmentRow[]> {
    return db
      .selectFrom('enrollments')
      .selectAll()
      .where('sectionId', '=', sectionId)
      .where('status', 'in', ['enrolled', 'waitlisted'])
      .execute();
  }

  /** An account's enrollments (enrolled or waitlisted) in sections that have not started by `now`. */
  async upcomingOf(db: Executor, accountId: string, now: string): Promise<EnrollmentRow[]> {
    return db
      .selectFrom('enrollments as e')
      .innerJoin('sections as s', 's.id', 'e.sectionId')
      .selectAll('e')
      .where('e.accountId', '=', accountId)
      .where('e.status', 'in', ['enrolled', 'waitlisted'])
      .where((eb) => eb.or([eb('s.startsAt', 'is', null), eb('s.startsAt', '>', now)]))
      .orderBy('e.createdAt')
      .execute();
  }

  async ofAccount(db: Executor, accountId: string): Promise<EnrollmentWithSection[]> {
    return this.withSection(db).where('e.accountId', '=', accountId).orderBy('e.createdAt', 'desc').limit(1000).execute();
  }

  async getWithSection(db: Executor, id: string): Promise<EnrollmentWithSection | undefined> {
    return this.withSection(db).where('e.id', '=', id).executeTakeFirst();
  }

  private withSection(db: Executor) {
    return db
      .selectFrom('enrollments as e')
      .innerJoin('sections as s', 's.id', 'e.sectionId')
      .innerJoin('courses as c', 'c.id', 'e.courseId')
      .leftJoin('pathEnrollments as pe', 'pe.id', 'e.pathEnrollmentId')
      .selectAll('e')
      .select(['s.code as sectionCode', 'c.code as courseCode', 'c.title as courseTitle', 's.startsAt', 'pe.pathId']);
  }

  async roster(db: Executor, sectionId: string): Promise<RosterRow[]> {
    return db
      .selectFrom('enrollments as e')
      .innerJoin('accounts as a', 'a.id', 'e.accountId')
      .innerJoin('organizations as o', 'o.id', 'a.orgId')
      .selectAll('e')
      .select(['a.firstName', 'a.lastName', 'a.email', 'o.name as orgName', 'o.path as accountOrgPath'])
      .where('e.sectionId', '=', sectionId)
      .where('e.status', 'in', live)
      .orderBy(sql`case e.status when 'waitlisted' then 1 else 0 end`)
      .orderBy('e.waitlistPosition')
      .orderBy('a.lastNameKey')
      .orderBy('a.firstNameKey')
      .execute();
  }

  async insertPathEnrollments(db: Executor, rows: readonly PathEnrollmentRow[]): Promise<void> {
    await insertRows(db, 'path_enrollments', rows);
  }

  async pathEnrollmentsOf(db: Executor, pathId: string, accountIds: readonly string[]): Promise<PathEnrollmentRow[]> {
    if (accountIds.length === 0) return [];
    return db.selectFrom('pathEnrollments').selectAll().where('pathId', '=', pathId).where('accountId', 'in', accountIds).execute();
  }

  async reopenPathEnrollment(db: Executor, id: string, now: string): Promise<void> {
    await db.updateTable('pathEnrollments').set({ status: 'active', updatedAt: now }).where('id', '=', id).execute();
  }

  async pathEnrollmentsOfAccount(db: Executor, accountId: string) {
    return db
      .selectFrom('pathEnrollments as pe')
      .innerJoin('learningPaths as p', 'p.id', 'pe.pathId')
      .selectAll('pe')
      .select(['p.code', 'p.title'])
      .where('pe.accountId', '=', accountId)
      .orderBy('pe.createdAt', 'desc')
      .execute();
  }

  /** The enrollments a learning-path enrollment holds that are still enrolled or waitlisted (undoing an import withdraws them). */
  async waitingOrEnrolledOfPathEnrollment(db: Executor, pathEnrollmentId: string): Promise<EnrollmentRow[]> {
    return db
      .selectFrom('enrollments')
      .selectAll()
      .where('pathEnrollmentId', '=', pathEnrollmentId)
      .where('status', 'in', ['enrolled', 'waitlisted'])
      .execute();
  }

  async getPathEnrollment(db: Executor, id: string): Promise<PathEnrollmentRow | undefined> {
    return db.selectFrom('pathEnrollments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async closePathEnrollment(db: Executor, id: string, now: string): Promise<void> {
    await db.updateTable('pathEnrollments').set({ status: 'withdrawn', updatedAt: now }).where('id', '=', id).execute();
  }

  /** These accounts' places (enrolled or waitlisted) in any section of the course: a learning path keeps them. */
  async heldInCourse(db: Executor, courseId: string, accountIds: readonly string[]): Promise<EnrollmentRow[]> {
    const out: EnrollmentRow[] = [];
    for (let i = 0; i < accountIds.length; i += 5000) {
      out.push(
        ...(await db
          .selectFrom('enrollments as e')
          .innerJoin('sections as s', 's.id', 'e.sectionId')
          .selectAll('e')
          .where('s.courseId', '=', courseId)
          .where('e.accountId', 'in', accountIds.slice(i, i + 5000))
          .where('e.status', 'in', ['enrolled', 'waitlisted'])
          .orderBy('e.createdAt')
          .execute()),
      );
    }
    return out;
  }
}

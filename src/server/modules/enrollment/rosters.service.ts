import Papa from 'papaparse';
import { Permissions } from '../../../common/permissions.ts';
import type { AccountEnrollments, Enrollment, Roster } from '../../../common/schemas/enrollment.ts';
import type { Db } from '../../db/connection.ts';
import { can, type Actor } from '../../platform/actor.ts';
import { notFound } from '../../platform/errors.ts';
import { neutralizeCell } from '../../platform/spreadsheet-cell.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { CatalogRepository } from './catalog.repository.ts';
import type { CatalogService } from './catalog.service.ts';
import { toEnrollment, toRosterEntry } from './enrollment-view.ts';
import type { EnrollmentsRepository } from './enrollments.repository.ts';

/**
 * Reading who is enrolled: a section's roster (JSON, or CSV for a spreadsheet) and an account's
 * enrollments with their history. A roster lists only the people the reader reaches: a county
 * administrator looking at a state-wide section sees their county's people in it.
 */
export class RostersService {
  constructor(
    private readonly db: Db,
    private readonly repo: EnrollmentsRepository,
    private readonly catalogRepo: CatalogRepository,
    private readonly catalog: CatalogService,
    private readonly accounts: AccountsService,
  ) {}

  async roster(actor: Actor, sectionId: string): Promise<Roster> {
    const section = await this.catalog.visibleSection(this.db, actor, sectionId);
    const rows = (await this.repo.roster(this.db, section.id)).filter(
      (r) => can(actor, Permissions.accountsRead, r.accountOrgPath) || can(actor, Permissions.enrollmentsManage, r.accountOrgPath),
    );
    const entries = rows.map(toRosterEntry);
    return {
      section: await this.catalog.sectionView(this.db, section.id),
      enrolled: entries.filter((e) => e.status === 'enrolled'),
      waitlisted: entries.filter((e) => e.status === 'waitlisted'),
      completed: entries.filter((e) => e.status === 'completed'),
    };
  }

  /** The roster as a CSV Excel opens as UTF-8 (with a BOM), every cell safe from formula injection. */
  async rosterCsv(actor: Actor, sectionId: string): Promise<{ fileName: string; body: string }> {
    const roster = await this.roster(actor, sectionId);
    const header = [
      'Status',
      'Waitlist position',
      'Last name',
      'First name',
      'Email',
      'Organization',
      'Forced',
      'Enrolled at',
      'Completed at',
    ];
    const lines = [...roster.enrolled, ...roster.completed, ...roster.waitlisted].map((e) => [
      e.status,
      e.waitlistPosition === null ? '' : String(e.waitlistPosition),
      e.lastName,
      e.firstName,
      e.email,
      e.orgName,
      e.forced ? 'yes' : '',
      e.enrolledAt ?? '',
      e.completedAt ?? '',
    ]);
    const body = `\uFEFF${Papa.unparse(
      [header, ...lines].map((cells) => cells.map(neutralizeCell)),
      { newline: '\r\n' },
    )}\r\n`;
    return { fileName: `roster-${roster.section.code.replace(/[^A-Za-z0-9._-]/g, '_')}.csv`, body };
  }

  async accountEnrollments(actor: Actor, accountId: string): Promise<AccountEnrollments> {
    await this.accounts.requireAccount(this.db, actor, accountId, Permissions.accountsRead);
    const enrollments = await this.repo.ofAccount(this.db, accountId);
    const paths = await this.repo.pathEnrollmentsOfAccount(this.db, accountId);
    const courses = await this.catalogRepo.coursesOfPaths(
      this.db,
      paths.map((p) => p.pathId),
    );
    return {
      items: enrollments.map(toEnrollment),
      learningPaths: paths.map((p) => ({
        id: p.id,
        learningPathId: p.pathId,
        code: p.code,
        title: p.title,
        status: p.status,
        courses: (courses.get(p.pathId) ?? []).map((c) => {
          const latest = enrollments.find((e) => e.courseId === c.id && e.pathEnrollmentId === p.id);
          return {
            courseId: c.id,
            code: c.code,
            title: c.title,
            status: latest?.status ?? 'not_started',
            enrollmentId: latest?.id ?? null,
          };
        }),
      })),
    };
  }

  async enrollment(actor: Actor, id: string): Promise<Enrollment> {
    const row = await this.repo.getWithSection(this.db, id);
    if (!row) throw notFound('The enrollment');
    const [account] = await this.accounts.getBriefs(this.db, [row.accountId]);
    const reaches =
      account &&
      (actor.isGlobalAdmin || account.tenantId === actor.tenantId) &&
      (can(actor, Permissions.accountsRead, account.orgPath) || can(actor, Permissions.enrollmentsManage, account.orgPath));
    if (!reaches) throw notFound('The enrollment');
    return toEnrollment(row);
  }
}

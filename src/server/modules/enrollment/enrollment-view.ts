import type { Enrollment, EnrollmentStatus, RosterEntry } from '../../../common/schemas/enrollment.ts';
import type { EnrollmentWithSection, RosterRow } from './enrollments.repository.ts';

const statusOf = (s: string): EnrollmentStatus =>
  ['enrolled', 'waitlisted', 'withdrawn', 'completed'].includes(s) ? (s as EnrollmentStatus) : 'withdrawn';

/** The enrollment's life, oldest first, read from its timestamps. */
function historyOf(row: EnrollmentWithSection): Array<{ at: string; event: string }> {
  const events: Array<{ at: string; event: string }> = [];
  if (row.waitlistedAt) events.push({ at: row.waitlistedAt, event: 'waitlisted' });
  if (row.enrolledAt)
    events.push({ at: row.enrolledAt, event: row.waitlistedAt ? 'promoted' : row.forced ? 'enrolled (forced)' : 'enrolled' });
  if (row.completedAt) events.push({ at: row.completedAt, event: 'completed' });
  if (row.withdrawnAt) {
    const why =
      row.withdrawnBecause === 'archived'
        ? ' (account archived)'
        : row.withdrawnBecause === 'section_cancelled'
          ? ' (section cancelled)'
          : '';
    events.push({ at: row.withdrawnAt, event: `withdrawn${why}` });
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

export function toEnrollment(row: EnrollmentWithSection): Enrollment {
  return {
    id: row.id,
    accountId: row.accountId,
    sectionId: row.sectionId,
    sectionCode: row.sectionCode,
    courseId: row.courseId,
    courseCode: row.courseCode,
    courseTitle: row.courseTitle,
    status: statusOf(row.status),
    waitlistPosition: row.waitlistPosition,
    forced: row.forced === 1,
    reason: row.reason,
    learningPathId: row.pathId,
    enrolledByLabel: row.enrolledByLabel,
    createdAt: row.createdAt,
    enrolledAt: row.enrolledAt,
    waitlistedAt: row.waitlistedAt,
    withdrawnAt: row.withdrawnAt,
    withdrawnBecause: row.withdrawnBecause,
    completedAt: row.completedAt,
    startsAt: row.startsAt,
    history: historyOf(row),
  };
}

export function toRosterEntry(row: RosterRow): RosterEntry {
  return {
    enrollmentId: row.id,
    accountId: row.accountId,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    orgName: row.orgName,
    status: statusOf(row.status),
    waitlistPosition: row.waitlistPosition,
    forced: row.forced === 1,
    enrolledAt: row.enrolledAt,
    waitlistedAt: row.waitlistedAt,
    completedAt: row.completedAt,
  };
}

import type { Course, LearningPath, Section } from '../../../common/schemas/enrollment.ts';
import type { CourseRow, LearningPathRow } from '../../db/schema.ts';
import type { SectionCounts, SectionWithCourse } from './catalog-record.ts';

const none: SectionCounts = { enrolled: 0, waitlisted: 0, completed: 0 };

export function toSection(row: SectionWithCourse, counts: SectionCounts = none): Section {
  return {
    id: row.id,
    courseId: row.courseId,
    courseCode: row.courseCode,
    courseTitle: row.courseTitle,
    orgId: row.orgId,
    code: row.code,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    location: row.location,
    online: row.online === 1,
    capacity: row.capacity,
    enrollOpensAt: row.enrollOpensAt,
    enrollClosesAt: row.enrollClosesAt,
    status: row.status === 'cancelled' ? 'cancelled' : 'open',
    enrolledCount: counts.enrolled,
    waitlistedCount: counts.waitlisted,
    completedCount: counts.completed,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toCourse(row: CourseRow, orgName: string, sections: Section[]): Course {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName,
    code: row.code,
    title: row.title,
    description: row.description,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    sections,
  };
}

export function toLearningPath(row: LearningPathRow, orgName: string, courses: readonly CourseRow[]): LearningPath {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName,
    code: row.code,
    title: row.title,
    description: row.description,
    courses: courses.map((c) => ({ id: c.id, code: c.code, title: c.title })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Codes compare without case: `ECE-101` and `ece-101` are one course. */
export const codeKeyOf = (code: string) => code.trim().toLowerCase();

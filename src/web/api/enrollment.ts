import type {
  AccountEnrollments,
  Course,
  CourseList,
  CreateCourseInput,
  CreateLearningPathInput,
  CreateSectionInput,
  Enrollment,
  EnrollmentJob,
  EnrollmentOutcome,
  LearningPath,
  Roster,
  Section,
} from '../../common/schemas/enrollment.ts';
import type { AccountSearchInput } from '../../common/schemas/accounts.ts';
import { get, patch, post } from './client.ts';

export type { AccountEnrollments, Course, Enrollment, EnrollmentJob, EnrollmentOutcome, LearningPath, Roster, Section };

const id = (value: string) => encodeURIComponent(value);

export const catalogApi = {
  courses: (query: { q?: string; limit?: number } = {}) => get<CourseList>('/api/courses', { limit: 200, ...query }),
  createCourse: (input: CreateCourseInput) => post<Course>('/api/courses', input),
  createSection: (courseId: string, input: CreateSectionInput) => post<Section>(`/api/courses/${id(courseId)}/sections`, input),
  section: (sectionId: string) => get<Section>(`/api/sections/${id(sectionId)}`),
  cancelSection: (sectionId: string) => patch<Section>(`/api/sections/${id(sectionId)}`, { status: 'cancelled' }),
  learningPaths: () => get<{ items: LearningPath[] }>('/api/learning-paths', { limit: 200 }).then((r) => r.items),
  createLearningPath: (input: CreateLearningPathInput) => post<LearningPath>('/api/learning-paths', input),
};

export type EnrollTarget = { sectionId: string } | { learningPathId: string };
/** Who to enroll: ids (a profile) or the accounts list's filter (every account it matches). */
export type EnrollSelection =
  { accountIds: string[] } | { filter: Omit<AccountSearchInput, 'limit' | 'cursor' | 'sort' | 'direction' | 'count'> };

export const enrollmentsApi = {
  enroll: (selection: EnrollSelection, target: EnrollTarget, force?: { reason: string }) =>
    post<EnrollmentOutcome | { jobId: string; total: number }>('/api/enrollments', {
      ...selection,
      ...target,
      ...(force ? { force: true, reason: force.reason } : {}),
    }),
  job: (jobId: string) => get<EnrollmentJob>(`/api/enrollment-jobs/${id(jobId)}`),
  roster: (sectionId: string) => get<Roster>(`/api/sections/${id(sectionId)}/roster`),
  rosterCsvUrl: (sectionId: string) => `/api/sections/${id(sectionId)}/roster.csv`,
  withdraw: (enrollmentId: string) => post<Enrollment>(`/api/enrollments/${id(enrollmentId)}/withdraw`),
  complete: (enrollmentId: string) => post<Enrollment>(`/api/enrollments/${id(enrollmentId)}/complete`),
  moveUp: (enrollmentId: string) => post<Enrollment>(`/api/enrollments/${id(enrollmentId)}/move-up`),
  ofAccount: (accountId: string) => get<AccountEnrollments>(`/api/accounts/${id(accountId)}/enrollments`),
  archiveEffect: (accountId: string) => get<{ withdrawnFromSections: number }>(`/api/accounts/${id(accountId)}/archive-effect`),
};

import { z } from 'zod';
import { accountSearchSchema, controlCharacters } from './accounts.ts';

/**
 * Courses, sections, learning paths and enrollments (issue #15). Times are ISO 8601: a day
 * (`2027-01-15`, read as midnight UTC) or an instant with its offset (`2027-01-15T09:00:00-08:00`).
 */

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .refine((v) => !controlCharacters.test(v), 'Remove line breaks and control characters.');

/** Codes are what files and other systems name a course or section by: letters, digits and . _ - only. */
export const catalogCodeSchema = z
  .string()
  .trim()
  .min(1, 'Enter a code.')
  .max(40, 'Use at most 40 characters.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Use letters, digits, dots, dashes and underscores, starting with a letter or digit.');

const instantPattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
/** A day or an instant; the server stores it as an ISO instant in UTC. */
export const instantSchema = z
  .string()
  .trim()
  .regex(instantPattern, 'Use the form YYYY-MM-DD or YYYY-MM-DDTHH:MM with an offset (Z or ±HH:MM).')
  // The calendar day must exist (JavaScript would roll 2027-02-30 over into March), and so must the time.
  .refine((v) => {
    const day = v.slice(0, 10);
    const midnight = new Date(`${day}T00:00:00Z`);
    return (
      !Number.isNaN(midnight.getTime()) &&
      midnight.toISOString().startsWith(day) &&
      !Number.isNaN(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v))
    );
  }, 'This is not a real date.');

/** The instant a day or date-time names, as the server stores it. */
export const toInstant = (v: string): string => new Date(v.length === 10 ? `${v}T00:00:00Z` : v).toISOString();

const idSchema = z.string().trim().min(1).max(64);
const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(2000).optional(),
};

// ---------- courses ----------

export const createCourseSchema = z.strictObject({
  orgId: idSchema,
  code: catalogCodeSchema,
  title: text(200).min(1, 'Enter a title.'),
  description: z.string().max(5000, 'Use at most 5,000 characters.').nullable().optional(),
});
export type CreateCourseInput = z.infer<typeof createCourseSchema>;

export const updateCourseSchema = z.strictObject({
  title: text(200).min(1, 'Enter a title.').optional(),
  description: z.string().max(5000, 'Use at most 5,000 characters.').nullable().optional(),
});
export type UpdateCourseInput = z.infer<typeof updateCourseSchema>;

export const courseQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  orgId: z.string().max(64).optional(),
  ...pageQuery,
});
export type CourseQuery = z.infer<typeof courseQuerySchema>;

export const sectionStatuses = ['open', 'cancelled'] as const;

export const sectionSchema = z.object({
  id: z.string(),
  courseId: z.string(),
  courseCode: z.string(),
  courseTitle: z.string(),
  orgId: z.string(),
  code: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  location: z.string().nullable(),
  online: z.boolean(),
  capacity: z.number(),
  enrollOpensAt: z.string().nullable(),
  enrollClosesAt: z.string().nullable(),
  status: z.enum(sectionStatuses),
  enrolledCount: z.number(),
  waitlistedCount: z.number(),
  completedCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Section = z.infer<typeof sectionSchema>;

export const courseSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  code: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sections: z.array(sectionSchema),
});
export type Course = z.infer<typeof courseSchema>;
export const courseListSchema = z.object({ items: z.array(courseSchema), nextCursor: z.string().nullable() });
export type CourseList = z.infer<typeof courseListSchema>;

const sectionFields = {
  startsAt: instantSchema.nullable().optional(),
  endsAt: instantSchema.nullable().optional(),
  location: text(300).nullable().optional(),
  online: z.boolean().optional(),
  capacity: z.number().int('Capacity is a whole number.').min(0, 'Capacity cannot be negative.').max(1_000_000),
  enrollOpensAt: instantSchema.nullable().optional(),
  enrollClosesAt: instantSchema.nullable().optional(),
};

export const createSectionSchema = z.strictObject({ code: catalogCodeSchema, ...sectionFields });
export type CreateSectionInput = z.infer<typeof createSectionSchema>;

export const updateSectionSchema = z.strictObject({
  ...sectionFields,
  capacity: sectionFields.capacity.optional(),
  /** Cancelling withdraws everyone in the section and tells them; a cancelled section stays cancelled. */
  status: z.literal('cancelled').optional(),
});
export type UpdateSectionInput = z.infer<typeof updateSectionSchema>;

export const sectionQuerySchema = z.strictObject({
  courseId: z.string().max(64).optional(),
  status: z.enum(sectionStatuses).optional(),
  q: z.string().trim().max(200).optional(),
  ...pageQuery,
});
export type SectionQuery = z.infer<typeof sectionQuerySchema>;
export const sectionListSchema = z.object({ items: z.array(sectionSchema), nextCursor: z.string().nullable() });

// ---------- learning paths ----------

export const createLearningPathSchema = z.strictObject({
  orgId: idSchema,
  code: catalogCodeSchema,
  title: text(200).min(1, 'Enter a title.'),
  description: z.string().max(5000).nullable().optional(),
  /** Course ids in the order they are taken. */
  courseIds: z.array(idSchema).min(1, 'Choose at least one course.').max(50, 'Use at most 50 courses.'),
});
export type CreateLearningPathInput = z.infer<typeof createLearningPathSchema>;

export const updateLearningPathSchema = z.strictObject({
  title: text(200).min(1, 'Enter a title.').optional(),
  description: z.string().max(5000).nullable().optional(),
  courseIds: z.array(idSchema).min(1, 'Choose at least one course.').max(50).optional(),
});
export type UpdateLearningPathInput = z.infer<typeof updateLearningPathSchema>;

export const learningPathSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  code: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  courses: z.array(z.object({ id: z.string(), code: z.string(), title: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LearningPath = z.infer<typeof learningPathSchema>;
export const learningPathListSchema = z.object({ items: z.array(learningPathSchema), nextCursor: z.string().nullable() });
export const learningPathQuerySchema = z.strictObject({ q: z.string().trim().max(200).optional(), ...pageQuery });

// ---------- enrollments ----------

export const enrollmentStatuses = ['enrolled', 'waitlisted', 'withdrawn', 'completed'] as const;
export type EnrollmentStatus = (typeof enrollmentStatuses)[number];

/** A force needs a reason a reader of the audit log understands: at least ten characters. */
export const forceReasonMinLength = 10;

/** The accounts list's own filter (GET /api/accounts without paging): every account it matches. */
export const enrollmentFilterSchema = accountSearchSchema.omit({ limit: true, cursor: true, sort: true, direction: true, count: true });
export const maxAccountsPerEnrollment = 50_000;

export const createEnrollmentsSchema = z
  .strictObject({
    accountIds: z
      .array(idSchema)
      .min(1, 'Choose at least one account.')
      .max(maxAccountsPerEnrollment, 'Use at most 50,000 accounts at once.')
      .optional(),
    filter: enrollmentFilterSchema.optional(),
    sectionId: idSchema.optional(),
    learningPathId: idSchema.optional(),
    force: z.boolean().optional(),
    reason: text(1000).optional(),
  })
  .refine((v) => (v.accountIds === undefined) !== (v.filter === undefined), {
    message: 'Name the accounts either by id (accountIds) or by the accounts list’s filter (filter).',
    path: ['accountIds'],
  })
  .refine((v) => (v.sectionId === undefined) !== (v.learningPathId === undefined), {
    message: 'Name either a section or a learning path.',
    path: ['sectionId'],
  })
  .refine((v) => !v.force || (v.reason ?? '').length >= forceReasonMinLength, {
    message: `A forced enrollment needs a reason of at least ${forceReasonMinLength} characters.`,
    path: ['reason'],
  });
export type CreateEnrollmentsInput = z.infer<typeof createEnrollmentsSchema>;

export const enrollmentResultSchema = z.object({
  accountId: z.string(),
  status: z.enum(['enrolled', 'waitlisted', 'failed']),
  /** Why it failed (a code such as `account_archived`), or how it went (`forced`); null otherwise. */
  reason: z.string().nullable(),
  enrollmentId: z.string().nullable(),
});
export type EnrollmentResult = z.infer<typeof enrollmentResultSchema>;

export const enrollmentCountsSchema = z.object({ enrolled: z.number(), waitlisted: z.number(), failed: z.number() });
export type EnrollmentCounts = z.infer<typeof enrollmentCountsSchema>;

export const enrollmentOutcomeSchema = z.object({ results: z.array(enrollmentResultSchema), counts: enrollmentCountsSchema });
export type EnrollmentOutcome = z.infer<typeof enrollmentOutcomeSchema>;

/** Large lists run as a background job: 202 with the job to follow at GET /api/enrollment-jobs/:id. */
export const enrollmentJobAcceptedSchema = z.object({ jobId: z.string(), total: z.number() });

export const enrollmentJobSchema = z.object({
  id: z.string(),
  status: z.string(),
  total: z.number(),
  done: z.number(),
  counts: enrollmentCountsSchema,
  /** The failed accounts with their reasons, once the job has finished (at most 1,000). */
  failures: z.array(enrollmentResultSchema),
  error: z.string().nullable(),
});
export type EnrollmentJob = z.infer<typeof enrollmentJobSchema>;

export const enrollmentSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  sectionId: z.string(),
  sectionCode: z.string(),
  courseId: z.string(),
  courseCode: z.string(),
  courseTitle: z.string(),
  status: z.enum(enrollmentStatuses),
  waitlistPosition: z.number().nullable(),
  forced: z.boolean(),
  reason: z.string().nullable(),
  learningPathId: z.string().nullable(),
  enrolledByLabel: z.string(),
  createdAt: z.string(),
  enrolledAt: z.string().nullable(),
  waitlistedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawnBecause: z.string().nullable(),
  completedAt: z.string().nullable(),
  startsAt: z.string().nullable(),
  /** What happened to it, oldest first: for the profile. */
  history: z.array(z.object({ at: z.string(), event: z.string() })),
});
export type Enrollment = z.infer<typeof enrollmentSchema>;

/** The body of a withdrawal is optional: a note for the history. */
export const withdrawSchema = z.strictObject({ reason: text(1000).optional() }).nullish();

export const accountEnrollmentsSchema = z.object({
  items: z.array(enrollmentSchema),
  learningPaths: z.array(
    z.object({
      id: z.string(),
      learningPathId: z.string(),
      code: z.string(),
      title: z.string(),
      status: z.string(),
      /** One entry per course of the path, in order: the enrollment's status, or `not_started` when no section had room. */
      courses: z.array(
        z.object({ courseId: z.string(), code: z.string(), title: z.string(), status: z.string(), enrollmentId: z.string().nullable() }),
      ),
    }),
  ),
});
export type AccountEnrollments = z.infer<typeof accountEnrollmentsSchema>;

export const rosterQuerySchema = z.strictObject({ format: z.enum(['json', 'csv']).optional() });

export const rosterEntrySchema = z.object({
  enrollmentId: z.string(),
  accountId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  orgName: z.string(),
  status: z.enum(enrollmentStatuses),
  waitlistPosition: z.number().nullable(),
  forced: z.boolean(),
  enrolledAt: z.string().nullable(),
  waitlistedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type RosterEntry = z.infer<typeof rosterEntrySchema>;

export const rosterSchema = z.object({
  section: sectionSchema,
  enrolled: z.array(rosterEntrySchema),
  waitlisted: z.array(rosterEntrySchema),
  completed: z.array(rosterEntrySchema),
});
export type Roster = z.infer<typeof rosterSchema>;

/** What archiving an account would do to its enrollments (the archive dialog states the number). */
export const archiveEffectSchema = z.object({ withdrawnFromSections: z.number() });

import { z } from 'zod';

/** The largest upload accepted: a million-row CSV of the accounts template, filled in, is ~120–180 MB. */
export const maxImportFileBytes = 190 * 1024 * 1024;
/** Days an ended import keeps its uploaded file (read again only for the failed-rows download). */
export const importFileRetentionDays = 30;
export const maxImportFileLabel = '190 MB';

export const importModes = ['create', 'upsert', 'update'] as const;
export type ImportMode = (typeof importModes)[number];

export const importStatuses = ['queued', 'planning', 'planned', 'running', 'completed', 'failed', 'cancelled', 'rolled_back'] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** `enrolled` and `waitlisted` are the outcomes of an enrollments import (its rows place people, not accounts). */
export const rowOutcomes = ['created', 'updated', 'unchanged', 'archived', 'reactivated', 'enrolled', 'waitlisted', 'failed'] as const;
export type RowOutcome = (typeof rowOutcomes)[number];

export const reasonCodes = [
  'invalid_email',
  'missing_value',
  'invalid_value',
  'duplicate_in_file',
  'email_taken',
  'not_found',
  'too_long',
  'out_of_scope',
  'role_not_allowed',
  'role_limit',
  'seat_limit',
  'wrong_field_count',
  'changed_since_planning',
  'unknown_person',
  'unknown_target',
  'account_archived',
  'enrollment_closed',
  'section_cancelled',
  'force_not_allowed',
  'reason_too_short',
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

/** Account fields a template column may map to. */
export const importFields = [
  'externalId',
  'lastName',
  'firstName',
  'email',
  'status',
  'affiliation',
  'employeeType',
  'dateHire',
  'dateTransfer',
  'role',
  'password',
  'organization',
  'jobTitle',
  'department',
  'username',
  'trainingManager',
  'supervisor',
  // An enrollments template's columns: where each person goes, and whether (and why) it is forced.
  'sectionCode',
  'learningPathCode',
  'force',
  'reason',
  'ignore',
] as const;
export type ImportField = (typeof importFields)[number];

export const importCountsSchema = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  archived: z.number(),
  reactivated: z.number(),
  /** An enrollments import's rows: placed, and waitlisted because the section is full. */
  enrolled: z.number().optional(),
  waitlisted: z.number().optional(),
  failed: z.number(),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

export const importSchema = z.object({
  id: z.string(),
  status: z.enum(importStatuses),
  mode: z.enum(importModes),
  template: z.string(),
  fileName: z.string(),
  fileSize: z.number(),
  checksum: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  uploadedBy: z.object({ id: z.string().nullable(), label: z.string() }),
  /** Counts of the plan before commit; of what happened after. */
  counts: importCountsSchema,
  rowsDone: z.number(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  plannedAt: z.string().nullable(),
  committedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  rolledBackAt: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).nullable(),
  /**
   * How the file was read; repairedBytes counts stray Windows-1252 bytes decoded inside a UTF-8 file,
   * nonUtf8Lines names the lines holding them (the first 100) and warning says what to check.
   */
  format: z
    .object({
      format: z.string(),
      encoding: z.string(),
      delimiter: z.string().nullable(),
      repairedBytes: z.number().optional(),
      nonUtf8Lines: z.array(z.number()).optional(),
      warning: z.string().optional(),
    })
    .nullable(),
  /** Columns of the file a lenient template did not know and left unread. */
  ignoredColumns: z.array(z.string()),
  /** What the preview says about the file as a whole, e.g. "3 columns ignored: …". */
  notices: z.array(z.string()),
  /** When a preview that is never applied stops being usable; null once applied or when not planned. */
  expiresAt: z.string().nullable(),
  /**
   * While the import is ready to apply: the sentence the tenant asks people to confirm first (commit
   * then needs `attested: true`), or null when it asks none. Absent in other states.
   */
  attestation: z.string().nullable().optional(),
});
export type ImportView = z.infer<typeof importSchema>;

/** `POST /api/imports/:id/commit`: the body is optional; `attested` confirms the tenant's sentence when it has one. */
export const commitImportSchema = z.strictObject({ attested: z.boolean().optional() }).nullish();
export type CommitImportInput = z.infer<typeof commitImportSchema>;

export const importPageSchema = z.object({
  items: z.array(importSchema),
  nextCursor: z.string().nullable(),
  /** How many imports are in the caller's reach, across all pages. */
  total: z.number().int(),
});
export type ImportPage = z.infer<typeof importPageSchema>;

export const importRowSchema = z.object({
  line: z.number(),
  outcome: z.enum(rowOutcomes),
  /** False while the row is only planned. */
  applied: z.boolean(),
  reason: z.string().nullable(),
  message: z.string().nullable(),
  email: z.string().nullable(),
  accountId: z.string().nullable(),
  /** The role the row names (its Type in the log), as written; null when the row names none. */
  type: z.string().nullable(),
});
export type ImportRowView = z.infer<typeof importRowSchema>;

export const importRowPageSchema = z.object({ items: z.array(importRowSchema), nextCursor: z.string().nullable() });
export type ImportRowPage = z.infer<typeof importRowPageSchema>;

import { z } from 'zod';
import { accountSearchSchema } from './accounts.ts';

/** What a bulk action does to each selected account. */
export const bulkActionKinds = ['archive', 'reactivate', 'grant_role', 'move', 'resend_invitation', 'export', 'enroll'] as const;
export type BulkActionKind = (typeof bulkActionKinds)[number];

/** The actions whose effect can be taken back afterwards. */
export const undoableActions: readonly BulkActionKind[] = ['archive', 'reactivate', 'grant_role', 'move'];

/** The accounts list's own filters: "select all N matching" sends these, never the ids. */
export const bulkFilterSchema = accountSearchSchema
  .pick({ q: true, status: true, orgId: true, affiliation: true, employeeType: true, emailDomain: true, role: true })
  .strict();
export type BulkFilter = z.infer<typeof bulkFilterSchema>;

export const maxBulkAccountIds = 5000;

export const createBulkActionSchema = z
  .strictObject({
    action: z.enum(bulkActionKinds),
    filter: bulkFilterSchema.optional(),
    accountIds: z.array(z.string().trim().min(1).max(64)).min(1).max(maxBulkAccountIds).optional(),
    /** The number of accounts the person saw and confirmed; a different count now is `selection_changed`. */
    expectedCount: z.number().int().min(0).max(10_000_000),
    /** Required above the tenant's change threshold. */
    confirm: z.boolean().optional(),
    /** grant_role: the role, by key or label. */
    role: z.string().trim().min(1).max(100).optional(),
    /** grant_role: where the role is held (default: each account's own organization); move: the destination. */
    orgId: z.string().trim().min(1).max(64).optional(),
    /** enroll: the section, or the learning path (each course's next open section). */
    sectionId: z.string().trim().min(1).max(64).optional(),
    learningPathId: z.string().trim().min(1).max(64).optional(),
    /** enroll: past a full section or a closed window (needs enrollments.force), with a reason of ten characters or more. */
    force: z.boolean().optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .superRefine((input, ctx) => {
    if ((input.filter === undefined) === (input.accountIds === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['filter'], message: 'Send either a filter or a list of account ids.' });
    }
    if (input.action === 'grant_role' && !input.role) {
      ctx.addIssue({ code: 'custom', path: ['role'], message: 'Choose the role to give.' });
    }
    if (input.action === 'move' && !input.orgId) {
      ctx.addIssue({ code: 'custom', path: ['orgId'], message: 'Choose the organization to move the accounts to.' });
    }
    if (input.action === 'enroll' && !input.sectionId === !input.learningPathId) {
      ctx.addIssue({ code: 'custom', path: ['sectionId'], message: 'Choose a section or a learning path (one of them).' });
    }
  });
export type CreateBulkActionInput = z.infer<typeof createBulkActionSchema>;

export const bulkActionStatuses = ['queued', 'selecting', 'running', 'completed', 'failed', 'undoing', 'undone'] as const;
export type BulkActionStatus = (typeof bulkActionStatuses)[number];

export const bulkCountsSchema = z.object({
  succeeded: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  undone: z.number().int(),
  notUndone: z.number().int(),
});
export type BulkCounts = z.infer<typeof bulkCountsSchema>;

export const bulkActionSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  action: z.enum(bulkActionKinds),
  status: z.enum(bulkActionStatuses),
  params: z.object({ role: z.string().optional(), orgId: z.string().optional(), orgName: z.string().optional() }),
  selection: z.object({ filter: bulkFilterSchema.optional(), accountIds: z.number().int().optional() }),
  expectedCount: z.number().int(),
  /** Accounts selected once the job ran (the ids given, or the filter's matches then). */
  total: z.number().int(),
  /** Accounts done so far (succeeded, failed or skipped). */
  processed: z.number().int(),
  counts: bulkCountsSchema,
  undoable: z.boolean(),
  requestedBy: z.object({ id: z.string().nullable(), label: z.string() }),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  undoneAt: z.string().nullable(),
});
export type BulkAction = z.infer<typeof bulkActionSchema>;

export const bulkItemOutcomes = ['pending', 'succeeded', 'failed', 'skipped'] as const;

export const bulkResultsQuerySchema = z.strictObject({
  outcome: z.enum(bulkItemOutcomes).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(200).optional(),
});

export const bulkResultSchema = z.object({
  accountId: z.string(),
  label: z.string(),
  outcome: z.enum(bulkItemOutcomes),
  reason: z.string().nullable(),
  message: z.string().nullable(),
  undo: z.object({ done: z.boolean(), reason: z.string().nullable(), message: z.string() }).nullable(),
});
export type BulkResult = z.infer<typeof bulkResultSchema>;
export const bulkResultsPageSchema = z.object({ items: z.array(bulkResultSchema), nextCursor: z.string().nullable() });

export const bulkActionListSchema = z.object({ items: z.array(bulkActionSchema) });

export const exportFormats = ['csv', 'xlsx'] as const;
/** An Excel export holds at most this many accounts (the writer keeps the workbook in memory); CSV has no limit. */
export const maxXlsxAccounts = 100_000;
/** GET /api/accounts/export: the list's filters and the file's format. */
export const accountExportQuerySchema = bulkFilterSchema.extend({ format: z.enum(exportFormats).optional() }).strict();
export const bulkExportQuerySchema = z.strictObject({ format: z.enum(exportFormats).optional() });

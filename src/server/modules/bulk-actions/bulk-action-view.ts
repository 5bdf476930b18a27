import type { BulkAction, BulkActionKind, BulkActionStatus, BulkCounts, BulkResult } from '../../../common/schemas/bulk-actions.ts';
import { undoableActions } from '../../../common/schemas/bulk-actions.ts';
import type { BulkActionItemRow, BulkActionRow } from '../../db/schema.ts';

export const emptyCounts: BulkCounts = { succeeded: 0, failed: 0, skipped: 0, undone: 0, notUndone: 0 };

export function countsOf(row: BulkActionRow): BulkCounts {
  return { ...emptyCounts, ...(JSON.parse(row.counts) as Partial<BulkCounts>) };
}

export function toBulkAction(row: BulkActionRow): BulkAction {
  const counts = countsOf(row);
  const params = JSON.parse(row.params) as Record<string, string>;
  const selection = JSON.parse(row.selection) as { filter?: BulkAction['selection']['filter']; accountIds?: string[] };
  const action = row.action as BulkActionKind;
  return {
    id: row.id,
    tenantId: row.tenantId,
    action,
    status: row.status as BulkActionStatus,
    params: {
      ...(params.role ? { role: params.role } : {}),
      ...(params.orgId ? { orgId: params.orgId } : {}),
      ...(params.orgName ? { orgName: params.orgName } : {}),
    },
    selection: selection.filter ? { filter: selection.filter } : { accountIds: selection.accountIds?.length ?? 0 },
    expectedCount: row.expectedCount,
    total: row.total,
    processed: counts.succeeded + counts.failed + counts.skipped,
    counts,
    undoable: undoableActions.includes(action) && row.status === 'completed' && counts.succeeded > 0,
    requestedBy: { id: row.requestedBy, label: row.requestedByLabel },
    error: row.error,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    undoneAt: row.undoneAt,
  };
}

export function toBulkResult(row: BulkActionItemRow): BulkResult {
  const undo = row.undo ? (JSON.parse(row.undo) as { done: boolean; reason?: string; message: string }) : null;
  return {
    accountId: row.accountId,
    label: row.label,
    outcome: row.outcome as BulkResult['outcome'],
    reason: row.reason,
    message: row.message,
    undo: undo ? { done: undo.done, reason: undo.reason ?? null, message: undo.message } : null,
  };
}

/** How a selected account is named in the results: enough to recognise it, kept even if it moves away. */
export const itemLabel = (a: { firstName: string; lastName: string; email: string }) => `${a.firstName} ${a.lastName} <${a.email}>`;

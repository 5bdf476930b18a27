import type { ImportRowResult } from '../../db/schema.ts';

/*
 * How a committed row reads. A commit moves the import's watermark (`committed_through`) past each
 * batch and writes only the rows whose applied outcome is not what the preview planned (a row that went
 * stale, a seat refused) or that keep what an undo needs (the values an update replaced). Every other
 * row up to the watermark is applied exactly as planned, so it is read that way instead of rewritten.
 */

/** Whether a row stored as pending is in fact applied, being at or under the import's watermark. */
export function appliedByWatermark(row: Pick<ImportRowResult, 'applied' | 'line'>, committedThrough: number): boolean {
  return row.applied === 0 && row.line <= committedThrough;
}

/** The row as applied: its planned outcome, and the plan's message said in the past tense. */
export function asApplied(row: ImportRowResult, committedThrough: number): ImportRowResult {
  if (!appliedByWatermark(row, committedThrough)) return row;
  return { ...row, applied: 1, outcome: row.planned, message: appliedMessage(row.message) };
}

/** The plan said what a row would do ("Creates …"); once applied, it says what it did ("Created …"). */
export function appliedMessage(planned: string | null): string | null {
  if (!planned) return planned;
  return planned.replace(/^(Creates|Updates|Archives|Reactivates) /, (verb) => `${verb.slice(0, -2)}d `);
}

/** What a commit decided for one row. */
export interface AppliedRow {
  line: number;
  outcome: string;
  reason: string | null;
  message: string | null;
  accountId: string | null;
  previous: string | null;
}

/** Whether the applied row says something the plan did not, and so must be written out. */
export function differsFromPlan(applied: AppliedRow, planned: ImportRowResult): boolean {
  return (
    applied.outcome !== planned.planned ||
    applied.reason !== planned.reason ||
    applied.accountId !== planned.accountId ||
    applied.previous !== null ||
    applied.message !== appliedMessage(planned.message)
  );
}

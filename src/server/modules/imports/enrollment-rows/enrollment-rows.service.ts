import { ErrorCodes } from '../../../../common/error-codes.ts';
import type { EnrollmentResult } from '../../../../common/schemas/enrollment.ts';
import type { ImportTemplate } from '../../../../common/schemas/import-templates.ts';
import type { Db, Executor } from '../../../db/connection.ts';
import type { ImportRow, ImportRowResult } from '../../../db/schema.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Clock } from '../../../platform/clock.ts';
import { AppError } from '../../../platform/errors.ts';
import type { AccountBatchService } from '../../accounts/account-batch.service.ts';
import type { EnrollmentPreviewService } from '../../enrollment/enrollment-preview.service.ts';
import type { EnrollmentsService, EnrollmentTarget } from '../../enrollment/enrollments.service.ts';
import type { ImportsRepository, UndoNote } from '../imports.repository.ts';
import type { HeaderMapping } from '../planning/header-check.ts';
import type { JobProgress } from '../job-progress.ts';
import { undoInBatches } from '../undo-loop.ts';
import type { SourceRow } from '../reading/index.ts';
import type { AppliedRow } from '../row-results.ts';
import { failureMessage, type EnrollmentRowValues, type EnrollmentUndo } from './enrollment-row-words.ts';
import { EnrollmentRowsPlanner } from './plan-enrollment-rows.ts';

/** What the import engine asks of a template kind other than accounts: plan a batch, apply a batch, undo. */
export interface ImportKindRows {
  planner(
    imp: ImportRow,
    actor: Actor,
    template: ImportTemplate,
    mapping: HeaderMapping,
    today: string,
  ): (rows: SourceRow[]) => Promise<ImportRowResult[]>;
  applyBatch(trx: Executor, imp: ImportRow, actor: Actor, rows: ImportRowResult[]): Promise<AppliedRow[]>;
  rollbackImport(imp: ImportRow, actor: Actor, job: JobProgress): Promise<EnrollmentRollbackSummary>;
}

export interface EnrollmentRollbackSummary {
  withdrawn: number;
  skipped: number;
  outOfScope: number;
}

const undoBatch = 200;
const undoNote = 'The import that enrolled this person was rolled back.';

/**
 * The enrollments import (template kind `enrollments`) inside the import engine: the engine reads the
 * file, keeps the plan, the watermark, the log and its email; this says what each row does. A commit
 * enrolls through EnrollmentsService.enrollMany — the very rules of POST /api/enrollments (reach,
 * capacity, waitlist, window, force and its audited reason) — and a rollback withdraws what the import
 * placed, through the same withdraw as the API, so the waitlist moves up and is told.
 */
export class EnrollmentRowsService implements ImportKindRows {
  constructor(
    private readonly db: Db,
    private readonly repo: ImportsRepository,
    private readonly accounts: AccountBatchService,
    private readonly preview: EnrollmentPreviewService,
    private readonly enrollments: EnrollmentsService,
    private readonly clock: Clock,
  ) {}

  planner(imp: ImportRow, actor: Actor, template: ImportTemplate, mapping: HeaderMapping, today: string) {
    const planner = new EnrollmentRowsPlanner(this.db, this.accounts, this.preview, imp, actor, template, mapping, today);
    return (rows: SourceRow[]) => planner.planBatch(rows);
  }

  /**
   * Applies one batch in the engine's transaction. Rows naming the same target with the same force and
   * reason are enrolled together, in file order (one section lock and count per group).
   */
  async applyBatch(trx: Executor, _imp: ImportRow, actor: Actor, rows: ImportRowResult[]): Promise<AppliedRow[]> {
    const results = new Map<number, AppliedRow>();
    const done = (row: ImportRowResult, outcome: string, extra: Partial<AppliedRow> = {}) =>
      results.set(row.line, {
        line: row.line,
        outcome,
        reason: row.reason,
        message: row.message,
        accountId: row.accountId,
        previous: null,
        ...extra,
      });
    const groups = new Map<string, { values: EnrollmentRowValues; rows: ImportRowResult[] }>();
    for (const row of rows) {
      if (row.planned !== 'enrolled' && row.planned !== 'waitlisted') {
        done(row, row.planned);
        continue;
      }
      const values = JSON.parse(row.values as string) as EnrollmentRowValues;
      const target = 'sectionId' in values ? values.sectionId : values.learningPathId;
      const key = JSON.stringify([target, values.force, values.reason]);
      const group = groups.get(key) ?? { values, rows: [] };
      group.rows.push(row);
      groups.set(key, group);
    }
    for (const { values, rows: group } of groups.values()) {
      const target: EnrollmentTarget = 'sectionId' in values ? { sectionId: values.sectionId } : { learningPathId: values.learningPathId };
      const kind = 'sectionId' in values ? 'section' : 'path';
      let placed: Map<string, EnrollmentResult>;
      try {
        const outcome = await this.enrollments.enrollMany(
          actor,
          group.map((r) => r.accountId as string),
          target,
          { force: values.force, reason: values.reason, unreachable: 'fail', trx },
        );
        placed = new Map(outcome.results.map((r) => [r.accountId, r]));
      } catch (error) {
        // The target went out of reach, or force was taken away, since the preview: every row of it fails.
        if (!(error instanceof AppError)) throw error;
        const reason = error.code === ErrorCodes.forbidden && values.force ? 'force_not_allowed' : error.code;
        for (const row of group) done(row, 'failed', { reason, message: `${values.code}: ${error.message}` });
        continue;
      }
      for (const row of group) {
        const result = placed.get(row.accountId as string);
        if (!result) done(row, 'failed', { reason: ErrorCodes.notFound, message: failureMessage(ErrorCodes.notFound, values.code) });
        else if (result.status === 'failed' && result.reason === ErrorCodes.alreadyEnrolled)
          done(row, 'unchanged', {
            reason: ErrorCodes.alreadyEnrolled,
            message: `Already enrolled or waitlisted in ${values.code}; nothing changed.`,
          });
        else if (result.status === 'failed')
          done(row, 'failed', { reason: result.reason, message: failureMessage(result.reason ?? '', values.code) });
        else {
          const undo: EnrollmentUndo = { kind, enrollmentId: result.enrollmentId as string };
          const where = kind === 'path' ? `the learning path ${values.code}` : values.code;
          done(row, result.status, {
            reason: result.reason,
            message:
              result.status === 'enrolled'
                ? `Enrolled in ${where}${result.reason === 'forced' ? ' (forced)' : ''}.`
                : kind === 'path'
                  ? `Enrolled in ${where}, waitlisted where a section is full.`
                  : `Waitlisted for ${where}: the section is full.`,
            previous: JSON.stringify(undo),
          });
        }
      }
    }
    return rows.map((r) => results.get(r.line) as AppliedRow);
  }

  /**
   * Withdraws what the import placed, newest row first, each through the API's withdraw (the rollback's
   * requester's reach applies, and the waitlist moves up). A place completed or withdrawn since is left
   * as it is, and its row says so. Rows are marked as they are handled, so an interrupted rollback resumes.
   */
  async rollbackImport(imp: ImportRow, actor: Actor, job: JobProgress): Promise<EnrollmentRollbackSummary> {
    const summary: EnrollmentRollbackSummary = {
      withdrawn: 0,
      skipped: 0,
      outOfScope: 0,
      ...(imp.rollback ? (JSON.parse(imp.rollback) as Partial<EnrollmentRollbackSummary>) : {}),
    };
    // Each row is withdrawn in its own transaction (the API's withdraw); the batch's notes are saved after.
    return undoInBatches({ db: this.db, repo: this.repo, clock: this.clock }, imp, job, summary, undoBatch, async (rows, save) => {
      const notes = new Map<number, UndoNote>();
      for (const row of rows) notes.set(row.line, await this.undoRow(actor, row, summary));
      await inTransaction(this.db, (trx) => save(trx, notes));
    });
  }

  private async undoRow(actor: Actor, row: ImportRowResult, summary: EnrollmentRollbackSummary): Promise<UndoNote> {
    const undo = row.previous ? (JSON.parse(row.previous) as EnrollmentUndo) : undefined;
    if (!undo) {
      summary.skipped += 1;
      return { message: 'Not rolled back: nothing records what this row enrolled.' };
    }
    try {
      if (undo.kind === 'path') await this.enrollments.withdrawPath(actor, undo.enrollmentId, undoNote);
      else await this.enrollments.withdraw(actor, undo.enrollmentId, undoNote);
      summary.withdrawn += 1;
      return { message: 'Rolled back: withdrawn.' };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === ErrorCodes.invalidState) {
        summary.skipped += 1;
        return { message: 'Not rolled back: the enrollment was completed or withdrawn after the import.' };
      }
      summary.outOfScope += 1;
      return { reason: 'out_of_scope', message: 'Not rolled back: this enrollment is now outside your organizations.' };
    }
  }
}

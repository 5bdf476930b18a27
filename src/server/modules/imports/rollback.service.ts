import type { Db, Executor } from '../../db/connection.ts';
import type { AccountUpdate, ImportRow, ImportRowResult } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AccountBatchService } from '../accounts/account-batch.service.ts';
import type { AccountWithOrg } from '../accounts/account-record.ts';
import type { ImportsRepository } from './imports.repository.ts';
import type { JobProgress } from './planning/plan.service.ts';

export interface RollbackSummary {
  removed: number;
  archived: number;
  restored: number;
  skipped: number;
}

const batchSize = 500;

/**
 * Undoes an applied import, newest row first. Accounts it created are removed when nothing has
 * touched them since, otherwise archived; fields and statuses it changed are restored only when the
 * account is still exactly as the import left it. Everything else is reported, never overwritten.
 * Rows are marked as they are undone, so an interrupted rollback resumes where it stopped.
 */
export class RollbackService {
  constructor(
    private readonly db: Db,
    private readonly repo: ImportsRepository,
    private readonly batch: AccountBatchService,
    private readonly clock: Clock,
  ) {}

  async rollbackImport(imp: ImportRow, actor: Actor, job: JobProgress): Promise<RollbackSummary> {
    const summary: RollbackSummary = imp.rollback
      ? (JSON.parse(imp.rollback) as RollbackSummary)
      : { removed: 0, archived: 0, restored: 0, skipped: 0 };
    for (;;) {
      const rows = await this.repo.rowsToUndo(this.db, imp.id, batchSize);
      if (rows.length === 0) break;
      await inTransaction(this.db, async (trx) => {
        const accounts = await this.batch.getMany(
          trx,
          rows.map((r) => r.accountId as string),
        );
        const notes = new Map<number, string>();
        for (const row of rows) notes.set(row.line, await this.undoRow(trx, actor, row, accounts.get(row.accountId as string), summary));
        await this.repo.markUndone(
          trx,
          imp.id,
          rows.map((r) => r.line),
          notes,
        );
        await this.repo.update(trx, imp.id, { rollback: JSON.stringify(summary) });
      });
      await job.reportProgress({ phase: 'rollback', ...summary });
      if (job.signal.aborted) return summary;
    }
    await this.repo.update(this.db, imp.id, {
      status: 'rolled_back',
      rolledBackAt: this.clock.now().toISOString(),
      rollback: JSON.stringify(summary),
    });
    return summary;
  }

  private async undoRow(
    db: Executor,
    actor: Actor,
    row: ImportRowResult,
    account: AccountWithOrg | undefined,
    summary: RollbackSummary,
  ): Promise<string> {
    if (!account) {
      summary.skipped += 1;
      return 'Rolled back: the account no longer exists.';
    }
    if (row.outcome === 'created') {
      // Version 1 means no one has edited, archived or moved it since the import made it.
      if (account.version === 1) {
        await this.batch.deleteAccount(db, actor, account);
        summary.removed += 1;
        return 'Rolled back: the account was removed.';
      }
      if (account.status !== 'archived') {
        await this.batch.applyChanges(db, actor, [
          { account, changes: { status: 'archived', archivedAt: this.clock.now().toISOString() }, orgPath: account.orgPath },
        ]);
      }
      summary.archived += 1;
      return 'Rolled back: the account had changed since the import, so it was archived instead of removed.';
    }
    const previous = JSON.parse(row.previous ?? '{}') as AccountUpdate & { version?: number; roleId?: string | null };
    if (previous.version !== account.version) {
      summary.skipped += 1;
      return 'Not rolled back: the account changed after the import; review it by hand.';
    }
    const { version: _version, roleId: _roleId, ...columns } = previous;
    await this.batch.applyChanges(db, actor, [{ account, changes: columns, orgPath: account.orgPath }]);
    summary.restored += 1;
    return 'Rolled back: the previous values were restored.';
  }
}

import { Permissions, type Permission } from '../../../common/permissions.ts';
import type { Db, Executor } from '../../db/connection.ts';
import type { AccountUpdate, ImportRow, ImportRowResult } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../platform/clock.ts';
import { can, type Actor } from '../../platform/actor.ts';
import type { AccountBatchService } from '../accounts/account-batch.service.ts';
import { beyondReachReason } from '../accounts/account-reach.ts';
import type { AccountWithOrg } from '../accounts/account-record.ts';
import type { WelcomeService } from '../onboarding/welcome.service.ts';
import type { Assignment, RolesService } from '../roles/roles.service.ts';
import type { ImportsRepository, UndoNote } from './imports.repository.ts';
import type { JobProgress } from './job-progress.ts';
import { templateKind } from './template-kind.ts';
import { undoInBatches } from './undo-loop.ts';
import type { EnrollmentRollbackSummary, ImportKindRows } from './enrollment-rows/enrollment-rows.service.ts';

export interface RollbackSummary {
  removed: number;
  archived: number;
  restored: number;
  skipped: number;
  /** Accounts left as they are because they now lie outside the reach of the person rolling back. */
  outOfScope: number;
}

const batchSize = 500;
const outOfScopeNote: UndoNote = {
  reason: 'out_of_scope',
  message: 'Not rolled back: this account is now outside your organizations.',
};
const welcomeWithdrawn = 'Not sent: the import that created this account was rolled back.';

/** Removing or archiving an account, or changing its status back, is lifecycle; restoring fields is a write. */
function permissionToUndo(row: ImportRowResult): Permission {
  if (row.outcome !== 'updated') return Permissions.accountsLifecycle;
  const previous = JSON.parse(row.previous ?? '{}') as { status?: unknown };
  return previous.status === undefined ? Permissions.accountsWrite : Permissions.accountsLifecycle;
}

/**
 * Undoes the rows an import applied, newest first, whether the import completed, failed or was
 * cancelled partway. Accounts it created are removed when nothing has touched them since, otherwise
 * archived, and their welcomes not yet sent are cancelled; fields and statuses it changed are restored
 * only when the account is still exactly as the import left it. Every account is checked against the
 * reach of the person rolling back *as it is now*: one moved out of their organizations since, or
 * holding a role beyond them, is left alone and its row says so. Rows are marked as they are undone,
 * so an interrupted rollback resumes where it stopped. The import ends `rolled_back` either way; its
 * rows tell which accounts stayed.
 */
export class RollbackService {
  private enrollmentRows: ImportKindRows | undefined;

  constructor(
    private readonly db: Db,
    private readonly repo: ImportsRepository,
    private readonly batch: AccountBatchService,
    private readonly roles: RolesService,
    private readonly welcomes: WelcomeService,
    private readonly clock: Clock,
  ) {}

  /** An `enrollments` import is undone there (set once the container built it). */
  useEnrollmentRows(rows: ImportKindRows): void {
    this.enrollmentRows = rows;
  }

  async rollbackImport(imp: ImportRow, actor: Actor, job: JobProgress): Promise<RollbackSummary | EnrollmentRollbackSummary> {
    if (templateKind(imp) === 'enrollments') {
      if (!this.enrollmentRows) throw new Error('enrollments imports are not wired');
      return this.enrollmentRows.rollbackImport(imp, actor, job);
    }
    const summary: RollbackSummary = {
      removed: 0,
      archived: 0,
      restored: 0,
      skipped: 0,
      outOfScope: 0,
      ...(imp.rollback ? (JSON.parse(imp.rollback) as Partial<RollbackSummary>) : {}),
    };
    return undoInBatches({ db: this.db, repo: this.repo, clock: this.clock }, imp, job, summary, batchSize, (rows, save) =>
      inTransaction(this.db, async (trx) => {
        const ids = rows.map((r) => r.accountId as string);
        const accounts = await this.batch.getMany(trx, ids);
        const held = await this.roles.assignmentsOf(trx, ids);
        const inReach = (row: ImportRowResult, account: AccountWithOrg) =>
          this.reaches(actor, permissionToUndo(row), account, held.get(account.id) ?? []);
        // The welcomes of every account this batch removes or archives, taken back in one go (before the
        // removal, which deletes the links that key them).
        const removing = rows.flatMap((r) => {
          const account = r.outcome === 'created' ? accounts.get(r.accountId as string) : undefined;
          return account && inReach(r, account) ? [account.id] : [];
        });
        await this.welcomes.withdraw(trx, removing, welcomeWithdrawn);
        const notes = new Map<number, UndoNote>();
        for (const row of rows) {
          const account = accounts.get(row.accountId as string);
          const note = !account
            ? this.gone(summary)
            : !inReach(row, account)
              ? this.outOfScope(summary)
              : await this.undoRow(trx, actor, row, account, summary);
          notes.set(row.line, note);
        }
        await save(trx, notes);
      }),
    );
  }

  private gone(summary: RollbackSummary): UndoNote {
    summary.skipped += 1;
    return { message: 'Rolled back: the account no longer exists.' };
  }

  private outOfScope(summary: RollbackSummary): UndoNote {
    summary.outOfScope += 1;
    return outOfScopeNote;
  }

  private async undoRow(
    db: Executor,
    actor: Actor,
    row: ImportRowResult,
    account: AccountWithOrg,
    summary: RollbackSummary,
  ): Promise<UndoNote> {
    const previous = row.outcome === 'created' ? undefined : (JSON.parse(row.previous ?? '{}') as AccountUpdate & { version?: number });
    if (!previous) {
      // Version 1 means no one has edited, archived or moved it since the import made it.
      if (account.version === 1) {
        await this.batch.deleteAccount(db, actor, account);
        summary.removed += 1;
        return { message: 'Rolled back: the account was removed.' };
      }
      if (account.status !== 'archived') {
        await this.batch.applyChanges(db, actor, [
          { account, changes: { status: 'archived', archivedAt: this.clock.now().toISOString() }, orgPath: account.orgPath },
        ]);
      }
      summary.archived += 1;
      return { message: 'Rolled back: the account had changed since the import, so it was archived instead of removed.' };
    }
    if (previous.version !== account.version) {
      summary.skipped += 1;
      return { message: 'Not rolled back: the account changed after the import; review it by hand.' };
    }
    const { version: _version, roleId: _roleId, ...columns } = previous as typeof previous & { roleId?: string | null };
    await this.batch.applyChanges(db, actor, [{ account, changes: columns, orgPath: account.orgPath }]);
    summary.restored += 1;
    return { message: 'Rolled back: the previous values were restored.' };
  }

  /** The actor's reach now: over the account's organization and over every role the account holds. */
  private reaches(actor: Actor, permission: Permission, account: AccountWithOrg, held: readonly Assignment[]): boolean {
    return can(actor, permission, account.orgPath) && beyondReachReason(actor, permission, account, held) === null;
  }
}

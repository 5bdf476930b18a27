import type { BulkFilter, BulkCounts } from '../../../common/schemas/bulk-actions.ts';
import type { Db, Executor } from '../../db/connection.ts';
import type { BulkActionItemRow, BulkActionRow } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { JobContext } from '../../jobs/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { can, type Actor } from '../../platform/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { AccountBatchService } from '../accounts/account-batch.service.ts';
import { beyondReachReason } from '../accounts/account-reach.ts';
import type { AccountWithOrg } from '../accounts/account-record.ts';
import type { AccountSearchService } from '../accounts/account-search.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import type { ActionContext, BulkActionHandler, ItemOutcome, UndoOutcome } from './actions/action-types.ts';
import { countsOf, itemLabel } from './bulk-action-view.ts';
import type { BulkActionsRepository } from './bulk-actions.repository.ts';

type Progress = { phase: 'select'; after: string | null; seq: number } | { phase: 'apply' | 'undo'; seq: number };
const selectPageSize = 2000;

/**
 * Runs a bulk action in the background: records the selection (the list's query, page by page), then
 * applies the action a batch at a time, one transaction per batch with its checkpoint, so a restarted
 * job neither repeats nor skips an account. Every account is checked against the reach of the person
 * acting *now*. Undo walks the accounts that succeeded the same way, with the reach of whoever asks for it.
 */
export class BulkRunService {
  constructor(
    private readonly db: Db,
    private readonly repo: BulkActionsRepository,
    private readonly handlers: Readonly<Record<string, BulkActionHandler>>,
    private readonly search: AccountSearchService,
    private readonly batch: AccountBatchService,
    private readonly roles: RolesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async run(row: BulkActionRow, actor: Actor, job: JobContext<unknown>): Promise<BulkCounts> {
    const handler = this.handlerOf(row);
    let progress = (job.job.progress as Progress | null) ?? null;
    const selection = JSON.parse(row.selection) as { filter?: BulkFilter };
    if (!progress) {
      await this.repo.update(this.db, row.id, { status: selection.filter ? 'selecting' : 'running', startedAt: this.now() });
      progress = selection.filter ? { phase: 'select', after: null, seq: 0 } : { phase: 'apply', seq: 0 };
    }
    if (progress.phase === 'select') {
      const selected = await this.select(row, actor, selection.filter as BulkFilter, progress, job);
      if (selected === null) return countsOf((await this.repo.get(this.db, row.id)) as BulkActionRow);
      progress = { phase: 'apply', seq: 0 };
    }
    const context = this.contextOf(row);
    let counts = countsOf((await this.repo.get(this.db, row.id)) as BulkActionRow);
    for (let seq = progress.seq; ;) {
      job.signal.throwIfAborted();
      const items = await this.repo.items(this.db, row.id, { afterSeq: seq, limit: handler.batchSize });
      if (items.length === 0) break;
      const results = handler.ownTransactions ? await this.applyBatch(this.db, actor, handler, items, context) : undefined;
      await inTransaction(this.db, async (trx) => {
        const outcomes = results ?? (await this.applyBatch(trx, actor, handler, items, context));
        const written = items.map((item) => withOutcome(item, outcomes.get(item.accountId)));
        await this.repo.replaceItems(trx, row.id, written);
        counts = tally(counts, written);
        seq = items.at(-1)?.seq ?? seq;
        await this.repo.update(trx, row.id, { counts: JSON.stringify(counts) });
        await job.reportProgress({ phase: 'apply', seq }, trx);
      });
    }
    await inTransaction(this.db, async (trx) => {
      await this.repo.update(trx, row.id, { status: 'completed', finishedAt: this.now(), counts: JSON.stringify(counts) });
      await this.audit.record(trx, actor, this.event(row, 'bulk_action.completed', counts));
    });
    return counts;
  }

  /** Takes back what succeeded; accounts now outside the reach of `actor` (who asked for the undo) are left alone. */
  async undo(row: BulkActionRow, actor: Actor, job: JobContext<unknown>): Promise<BulkCounts> {
    const handler = this.handlerOf(row);
    if (!handler.undo) return countsOf(row);
    const context = this.contextOf(row);
    let counts = countsOf(row);
    let seq = ((job.job.progress as Progress | null) ?? { seq: 0 }).seq;
    for (;;) {
      job.signal.throwIfAborted();
      const items = await this.repo.items(this.db, row.id, {
        afterSeq: seq,
        limit: handler.batchSize,
        outcome: 'succeeded',
        notUndone: true,
      });
      if (items.length === 0) break;
      await inTransaction(this.db, async (trx) => {
        const accounts = await this.batch.getMany(
          trx,
          items.map((i) => i.accountId),
        );
        const held = await this.roles.assignmentsOf(trx, [...accounts.keys()]);
        const notes = new Map<string, UndoOutcome>();
        const targets: { account: AccountWithOrg; previous: Record<string, unknown> }[] = [];
        for (const item of items) {
          const account = accounts.get(item.accountId);
          const refusal = this.refusal(actor, handler, row.tenantId, account, held.get(item.accountId) ?? []);
          if (refusal || !account)
            notes.set(item.accountId, {
              done: false,
              reason: refusal?.reason ?? 'not_found',
              message: `Not undone: ${refusal?.message ?? 'the account no longer exists.'}`,
            });
          else targets.push({ account, previous: JSON.parse(item.previous ?? '{}') as Record<string, unknown> });
        }
        const undone = targets.length ? await handler.undo?.(trx, actor, targets, context) : undefined;
        for (const [id, note] of undone ?? []) notes.set(id, note);
        const written = items.map((item) => ({
          ...item,
          undo: JSON.stringify(notes.get(item.accountId) ?? { done: false, message: 'Not undone.' }),
        }));
        await this.repo.replaceItems(trx, row.id, written);
        const done = written.filter((w) => notes.get(w.accountId)?.done).length;
        counts = { ...counts, undone: counts.undone + done, notUndone: counts.notUndone + written.length - done };
        seq = items.at(-1)?.seq ?? seq;
        await this.repo.update(trx, row.id, { counts: JSON.stringify(counts) });
        await job.reportProgress({ phase: 'undo', seq }, trx);
      });
    }
    await inTransaction(this.db, async (trx) => {
      await this.repo.update(trx, row.id, { status: 'undone', undoneAt: this.now(), counts: JSON.stringify(counts) });
      await this.audit.record(trx, actor, this.event(row, 'bulk_action.undone', counts));
    });
    return counts;
  }

  /** Records the filter's matches now; null when the selection grew past what was confirmed (the action then fails). */
  private async select(
    row: BulkActionRow,
    actor: Actor,
    filter: BulkFilter,
    start: { after: string | null; seq: number },
    job: JobContext<unknown>,
  ): Promise<number | null> {
    let { after, seq } = start;
    for (;;) {
      job.signal.throwIfAborted();
      const page = await this.search.selectPage(actor, filter, after, selectPageSize);
      if (seq + page.items.length > row.expectedCount) {
        const message = `The selection grew past the ${row.expectedCount} accounts confirmed since it was sent; nothing was changed. Check the list and try again.`;
        await inTransaction(this.db, async (trx) => {
          await this.repo.update(trx, row.id, { status: 'failed', error: message, finishedAt: this.now() });
          await job.reportProgress({ phase: 'select', after, seq }, trx);
        });
        return null;
      }
      const items: BulkActionItemRow[] = page.items.map((account, i) => ({
        bulkActionId: row.id,
        seq: seq + i + 1,
        accountId: account.id,
        label: itemLabel(account),
        outcome: 'pending',
        reason: null,
        message: null,
        previous: null,
        undo: null,
      }));
      seq += items.length;
      after = page.next;
      await inTransaction(this.db, async (trx) => {
        await this.repo.insertItems(trx, items);
        await this.repo.update(trx, row.id, page.next ? { total: seq } : { total: seq, status: 'running' });
        await job.reportProgress(page.next ? { phase: 'select', after, seq } : { phase: 'apply', seq: 0 }, trx);
      });
      if (!page.next) return seq;
    }
  }

  /** Each account as it is now: gone, outside the actor's reach, or handed to the action. */
  private async applyBatch(
    db: Executor,
    actor: Actor,
    handler: BulkActionHandler,
    items: readonly BulkActionItemRow[],
    context: ActionContext,
  ): Promise<Map<string, ItemOutcome>> {
    const accounts = await this.batch.getMany(
      db,
      items.map((i) => i.accountId),
    );
    const held = await this.roles.assignmentsOf(db, [...accounts.keys()]);
    const out = new Map<string, ItemOutcome>();
    const targets: AccountWithOrg[] = [];
    for (const item of items) {
      const account = accounts.get(item.accountId);
      const refusal = this.refusal(actor, handler, context.tenantId, account, held.get(item.accountId) ?? []);
      if (refusal) out.set(item.accountId, { outcome: 'failed', ...refusal });
      else if (account) targets.push(account);
    }
    for (const [id, outcome] of targets.length ? await handler.apply(db, actor, targets, context) : []) out.set(id, outcome);
    return out;
  }

  /** Why the actor may not act on this account now, or null. Unknown and unreachable accounts read alike. */
  private refusal(
    actor: Actor,
    handler: BulkActionHandler,
    tenantId: string,
    account: AccountWithOrg | undefined,
    held: Parameters<typeof beyondReachReason>[3],
  ): { reason: string; message: string } | null {
    if (!account || account.tenantId !== tenantId || !can(actor, handler.permission, account.orgPath)) {
      return { reason: 'out_of_scope', message: 'This account is not in your organizations (or no longer exists).' };
    }
    if (!handler.changesAccounts) return null;
    const beyond = beyondReachReason(actor, handler.permission, account, held);
    return beyond ? { reason: 'account_beyond_reach', message: beyond } : null;
  }

  private handlerOf(row: BulkActionRow): BulkActionHandler {
    const handler = this.handlers[row.action];
    if (!handler) throw new Error(`No handler for bulk action "${row.action}"`);
    return handler;
  }

  private contextOf(row: BulkActionRow): ActionContext {
    return { bulkActionId: row.id, tenantId: row.tenantId, params: JSON.parse(row.params) as Record<string, string> };
  }

  private event(row: BulkActionRow, action: string, counts: BulkCounts) {
    return {
      action,
      targetType: 'bulk_action',
      targetId: row.id,
      tenantId: row.tenantId,
      orgPath: `/${row.tenantId}/`,
      after: { action: row.action, ...counts },
    };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function withOutcome(item: BulkActionItemRow, outcome: ItemOutcome | undefined): BulkActionItemRow {
  const o = outcome ?? { outcome: 'failed' as const, reason: 'internal_error', message: 'The action gave no answer for this account.' };
  return {
    ...item,
    outcome: o.outcome,
    reason: o.reason ?? null,
    message: o.message,
    previous: o.previous ? JSON.stringify(o.previous) : null,
  };
}

function tally(counts: BulkCounts, items: readonly BulkActionItemRow[]): BulkCounts {
  const next = { ...counts };
  for (const item of items)
    if (item.outcome === 'succeeded' || item.outcome === 'failed' || item.outcome === 'skipped') next[item.outcome] += 1;
  return next;
}

import { Permissions } from '../../../../common/permissions.ts';
import type { AccountBulkWrites } from '../../accounts/account-bulk-writes.service.ts';
import { changedSince, type BulkActionHandler, type ItemOutcome, type SeatGate, type UndoOutcome } from './action-types.ts';

/** Reactivate archived accounts (to invited when they never set a password). Undo archives them again. */
export function reactivateAction(writes: AccountBulkWrites, seats: SeatGate): BulkActionHandler {
  return {
    permission: Permissions.accountsLifecycle,
    batchSize: 500,
    changesAccounts: true,
    prepare: async () => ({}),
    async apply(trx, actor, accounts, context) {
      const out = new Map<string, ItemOutcome>();
      const archived = accounts.filter((a) => a.status === 'archived');
      for (const account of accounts) {
        if (account.status !== 'archived') out.set(account.id, { outcome: 'skipped', message: `Not archived (${account.status}).` });
      }
      const refused = await seats.refuseOverLimit(trx, archived);
      for (const [id, message] of refused) out.set(id, { outcome: 'failed', reason: 'seat_limit', message });
      const targets = archived.filter((a) => !refused.has(a.id));
      const changed = await writes.reactivate(trx, actor, targets, { bulkActionId: context.bulkActionId });
      for (const account of targets) {
        const now = changed.get(account.id);
        out.set(
          account.id,
          now
            ? { outcome: 'succeeded', message: `Reactivated (${now.status}).`, previous: { status: 'archived', version: now.version } }
            : { outcome: 'failed', reason: 'conflict', message: 'The account changed while the action ran; try again.' },
        );
      }
      return out;
    },
    async undo(trx, actor, items, context) {
      const out = new Map<string, UndoOutcome>();
      const targets = items.filter(({ account, previous }) => account.status !== 'archived' && account.version === previous.version);
      const chosen = new Set(targets.map((t) => t.account.id));
      for (const { account } of items) if (!chosen.has(account.id)) out.set(account.id, changedSince);
      const changed = await writes.archive(
        trx,
        actor,
        targets.map((t) => t.account),
        { bulkActionId: context.bulkActionId, kind: 'undo' },
      );
      for (const { account } of targets)
        out.set(account.id, changed.has(account.id) ? { done: true, message: 'Undone: archived again.' } : changedSince);
      return out;
    },
  };
}

import { Permissions } from '../../../../common/permissions.ts';
import type { AccountBulkWrites } from '../../accounts/account-bulk-writes.service.ts';
import { changedSince, type BulkActionHandler, type ItemOutcome, type UndoOutcome } from './action-types.ts';

/** Archive: the accounts stop signing in and free their seats. Undo reactivates those still as archived as it left them. */
export function archiveAction(writes: AccountBulkWrites): BulkActionHandler {
  return {
    permission: Permissions.accountsLifecycle,
    batchSize: 2000,
    changesAccounts: true,
    prepare: async () => ({}),
    async apply(trx, actor, accounts, context) {
      const out = new Map<string, ItemOutcome>();
      const targets = [];
      for (const account of accounts) {
        if (account.id === actor.accountId)
          out.set(account.id, { outcome: 'failed', reason: 'invalid_state', message: 'You cannot archive your own account.' });
        else if (account.status === 'archived') out.set(account.id, { outcome: 'skipped', message: 'Already archived.' });
        else targets.push(account);
      }
      const changed = await writes.archive(trx, actor, targets, { bulkActionId: context.bulkActionId });
      for (const account of targets) {
        const version = changed.get(account.id);
        out.set(
          account.id,
          version === undefined
            ? { outcome: 'failed', reason: 'conflict', message: 'The account changed while the action ran; try again.' }
            : { outcome: 'succeeded', message: 'Archived.', previous: { status: account.status, version } },
        );
      }
      return out;
    },
    async undo(trx, actor, items, context) {
      const out = new Map<string, UndoOutcome>();
      const targets = items.filter(({ account, previous }) => account.status === 'archived' && account.version === previous.version);
      const chosen = new Set(targets.map((t) => t.account.id));
      for (const { account } of items) if (!chosen.has(account.id)) out.set(account.id, changedSince);
      const changed = await writes.reactivate(
        trx,
        actor,
        targets.map((t) => t.account),
        { bulkActionId: context.bulkActionId, kind: 'undo' },
      );
      for (const { account } of targets) {
        const now = changed.get(account.id);
        out.set(account.id, now ? { done: true, message: `Undone: ${now.status} again.` } : changedSince);
      }
      return out;
    },
  };
}

import { Permissions } from '../../../../common/permissions.ts';
import { fieldError } from '../../../platform/errors.ts';
import { can } from '../../../platform/actor.ts';
import type { AccountBulkWrites } from '../../accounts/account-bulk-writes.service.ts';
import type { OrganizationsService } from '../../organizations/organizations.service.ts';
import { changedSince, type BulkActionHandler, type ItemOutcome, type UndoOutcome } from './action-types.ts';

/**
 * Move to another organization (the actor must reach it). Roles held away from the new home are taken
 * away, as a move by hand does; undo moves the account back but does not give those roles again.
 */
export function moveAction(writes: AccountBulkWrites, orgs: OrganizationsService): BulkActionHandler {
  return {
    permission: Permissions.accountsWrite,
    batchSize: 500,
    changesAccounts: true,
    async prepare(db, actor, tenantId, input) {
      const destination = await orgs.requireOrganization(db, actor, input.orgId as string, Permissions.accountsWrite);
      if (destination.tenantId !== tenantId) throw fieldError('orgId', 'Accounts cannot move to another tenant.');
      return { orgId: destination.id, orgName: destination.name };
    },
    async apply(trx, actor, accounts, context) {
      const out = new Map<string, ItemOutcome>();
      const [destination] = await orgs.getManyByIds(trx, [context.params.orgId as string]);
      for (const account of accounts) {
        if (!destination || !can(actor, Permissions.accountsWrite, destination.path)) {
          out.set(account.id, {
            outcome: 'failed',
            reason: 'out_of_scope',
            message: 'The destination is no longer in your organizations.',
          });
        } else if (account.orgId === destination.id) {
          out.set(account.id, { outcome: 'skipped', message: `Already in ${destination.name}.` });
        } else {
          const version = await writes.move(trx, actor, account, destination, { bulkActionId: context.bulkActionId });
          out.set(
            account.id,
            version === null
              ? { outcome: 'failed', reason: 'conflict', message: 'The account changed while the action ran; try again.' }
              : { outcome: 'succeeded', message: `Moved to ${destination.name}.`, previous: { orgId: account.orgId, version } },
          );
        }
      }
      return out;
    },
    async undo(trx, actor, items, context) {
      const out = new Map<string, UndoOutcome>();
      const origins = await orgs.getManyByIds(trx, [...new Set(items.map((i) => String(i.previous.orgId)))]);
      const byId = new Map(origins.map((o) => [o.id, o]));
      for (const { account, previous } of items) {
        const origin = byId.get(String(previous.orgId));
        if (account.version !== previous.version) out.set(account.id, changedSince);
        else if (!origin || !can(actor, Permissions.accountsWrite, origin.path)) {
          out.set(account.id, {
            done: false,
            reason: 'out_of_scope',
            message: 'Not undone: its former organization is outside your organizations.',
          });
        } else {
          const moved = await writes.move(trx, actor, account, origin, { bulkActionId: context.bulkActionId, kind: 'undo' });
          out.set(account.id, moved === null ? changedSince : { done: true, message: `Undone: back in ${origin.name}.` });
        }
      }
      return out;
    },
  };
}

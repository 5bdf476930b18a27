import { Permissions } from '../../../../common/permissions.ts';
import { fieldError } from '../../../platform/errors.ts';
import { can } from '../../../platform/actor.ts';
import type { AccountBulkWrites } from '../../accounts/account-bulk-writes.service.ts';
import type { AccountWithOrg } from '../../accounts/account-record.ts';
import type { OrganizationRow } from '../../../db/schema.ts';
import type { OrganizationsService } from '../../organizations/organizations.service.ts';
import { changedSince, type BulkActionHandler, type ItemOutcome, type SeatGate, type UndoOutcome } from './action-types.ts';

/**
 * Move to another organization (the actor must reach it). Roles held away from the new home are taken
 * away, as a move by hand does; undo moves the account back but does not give those roles again. An
 * account holding a seat takes one under each blocking contract it enters: past its seats the account
 * fails `seat_limit` and stays where it is (so does its undo, moving back into a contract now full).
 */
export function moveAction(writes: AccountBulkWrites, orgs: OrganizationsService, seats: SeatGate): BulkActionHandler {
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
      if (!destination || !can(actor, Permissions.accountsWrite, destination.path)) {
        for (const account of accounts) {
          out.set(account.id, {
            outcome: 'failed',
            reason: 'out_of_scope',
            message: 'The destination is no longer in your organizations.',
          });
        }
        return out;
      }
      const movers = accounts.filter((a) => a.orgId !== destination.id);
      const refused = await seats.refuseMoves(
        trx,
        movers.map((account) => ({ account, to: destination.path })),
      );
      const moved: { account: AccountWithOrg; to: OrganizationRow }[] = [];
      for (const account of accounts) {
        const refusal = refused.get(account.id);
        if (account.orgId === destination.id) {
          out.set(account.id, { outcome: 'skipped', message: `Already in ${destination.name}.` });
        } else if (refusal) {
          out.set(account.id, { outcome: 'failed', reason: 'seat_limit', message: refusal.message });
        } else {
          const version = await writes.move(trx, actor, account, destination, { bulkActionId: context.bulkActionId });
          if (version !== null) moved.push({ account, to: destination });
          out.set(
            account.id,
            version === null
              ? { outcome: 'failed', reason: 'conflict', message: 'The account changed while the action ran; try again.' }
              : { outcome: 'succeeded', message: `Moved to ${destination.name}.`, previous: { orgId: account.orgId, version } },
          );
        }
      }
      await writes.seatsMoved(trx, moved);
      return out;
    },
    async undo(trx, actor, items, context) {
      const out = new Map<string, UndoOutcome>();
      const origins = await orgs.getManyByIds(trx, [...new Set(items.map((i) => String(i.previous.orgId)))]);
      const byId = new Map(origins.map((o) => [o.id, o]));
      const back: { account: AccountWithOrg; to: OrganizationRow }[] = [];
      for (const { account, previous } of items) {
        const origin = byId.get(String(previous.orgId));
        if (account.version !== previous.version) out.set(account.id, changedSince);
        else if (!origin || !can(actor, Permissions.accountsWrite, origin.path)) {
          out.set(account.id, {
            done: false,
            reason: 'out_of_scope',
            message: 'Not undone: its former organization is outside your organizations.',
          });
        } else back.push({ account, to: origin });
      }
      const refused = await seats.refuseMoves(
        trx,
        back.map(({ account, to }) => ({ account, to: to.path })),
      );
      const moved: typeof back = [];
      for (const { account, to } of back) {
        const refusal = refused.get(account.id);
        if (refusal) {
          out.set(account.id, { done: false, reason: 'seat_limit', message: `Not undone: ${refusal.message}` });
          continue;
        }
        const version = await writes.move(trx, actor, account, to, { bulkActionId: context.bulkActionId, kind: 'undo' });
        if (version !== null) moved.push({ account, to });
        out.set(account.id, version === null ? changedSince : { done: true, message: `Undone: back in ${to.name}.` });
      }
      await writes.seatsMoved(trx, moved);
      return out;
    },
  };
}

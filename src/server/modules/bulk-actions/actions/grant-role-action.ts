import { ErrorCodes } from '../../../../common/error-codes.ts';
import { Permissions } from '../../../../common/permissions.ts';
import type { Executor } from '../../../db/connection.ts';
import type { OrganizationRow } from '../../../db/schema.ts';
import { AppError, fieldError, forbidden } from '../../../platform/errors.ts';
import { mayGrantRole, type Actor } from '../../../platform/actor.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import type { OrganizationsService } from '../../organizations/organizations.service.ts';
import type { RolesService } from '../../roles/roles.service.ts';
import type { ActionParams, BulkActionHandler, ItemOutcome, UndoOutcome } from './action-types.ts';

/**
 * Give a role, at one organization (`orgId`) or at each account's own. Each grant passes the same rules
 * as one given by hand (who may give it, where it is held, per-organization limits). Undo takes back
 * the grants this action made that still exist.
 */
export function grantRoleAction(roles: RolesService, orgs: OrganizationsService, audit: AuditService): BulkActionHandler {
  return {
    permission: Permissions.accountsWrite,
    batchSize: 500,
    changesAccounts: true,
    async prepare(db, actor, tenantId, input): Promise<ActionParams> {
      const role = await roles.findRole(db, tenantId, input.role as string);
      if (!role) throw fieldError('role', `There is no role "${input.role}" in this catalog.`);
      if (input.orgId) {
        const org = await orgs.requireOrganization(db, actor, input.orgId, Permissions.accountsWrite);
        if (org.tenantId !== tenantId) throw fieldError('orgId', 'Choose an organization of this tenant.');
        await roles.requireGrantableRole(db, tenantId, role.key, org);
        if (!mayGrantRole(actor, role.key, org.path))
          throw forbidden(`You may not give the role "${role.label}".`, ErrorCodes.roleNotAllowed);
        return { role: role.key, orgId: org.id, orgName: org.name };
      }
      return { role: role.key };
    },
    async apply(trx, actor, accounts, context) {
      const out = new Map<string, ItemOutcome>();
      const role = await roles.findRole(trx, context.tenantId, context.params.role as string);
      const placeIds = [...new Set(accounts.map((a) => context.params.orgId ?? a.orgId))];
      const places = new Map((await orgs.getManyByIds(trx, placeIds)).map((o) => [o.id, o]));
      const held = await roles.assignmentsOf(
        trx,
        accounts.map((a) => a.id),
      );
      for (const account of accounts) {
        const place = places.get(context.params.orgId ?? account.orgId) as OrganizationRow;
        if (!role || role.retiredAt) {
          out.set(account.id, { outcome: 'failed', reason: 'role_not_allowed', message: 'The role no longer exists or is retired.' });
          continue;
        }
        if ((held.get(account.id) ?? []).some((a) => a.roleKey === role.key && a.orgId === place.id)) {
          out.set(account.id, { outcome: 'skipped', message: `Already holds ${role.label} at ${place.name}.` });
          continue;
        }
        out.set(account.id, await grantOne(trx, actor, roles, audit, { account, role, place, bulkActionId: context.bulkActionId }));
      }
      return out;
    },
    async undo(trx, actor, items, context) {
      const out = new Map<string, UndoOutcome>();
      const held = await roles.assignmentsOf(
        trx,
        items.map((i) => i.account.id),
      );
      for (const { account, previous } of items) {
        const grant = (held.get(account.id) ?? []).find((a) => a.grantId === previous.grantId);
        if (!grant) {
          out.set(account.id, { done: true, message: 'Undone: the role had already been taken away.' });
          continue;
        }
        await roles.revoke(trx, actor, context.tenantId, [grant], `undo of bulk action ${context.bulkActionId}`);
        out.set(account.id, { done: true, message: `Undone: ${grant.roleLabel} taken away.` });
      }
      return out;
    },
  };
}

async function grantOne(
  trx: Executor,
  actor: Actor,
  roles: RolesService,
  audit: AuditService,
  input: {
    account: { id: string; tenantId: string };
    role: import('../../../db/schema.ts').RoleRow;
    place: OrganizationRow;
    bulkActionId: string;
  },
): Promise<ItemOutcome> {
  const { account, role, place } = input;
  try {
    await roles.requireGrantableRole(trx, account.tenantId, role.key, place);
    if (!mayGrantRole(actor, role.key, place.path)) {
      return { outcome: 'failed', reason: 'role_not_allowed', message: `You may not give the role "${role.label}".` };
    }
    await roles.checkLimit(trx, role, place);
  } catch (error) {
    if (error instanceof AppError) return { outcome: 'failed', reason: error.code, message: error.message };
    throw error;
  }
  const granted = await roles.grantMany(trx, actor, [{ tenantId: account.tenantId, accountId: account.id, role, org: place }], {
    audited: false,
  });
  await audit.record(trx, actor, {
    action: 'role.granted',
    targetType: 'account',
    targetId: account.id,
    tenantId: account.tenantId,
    orgPath: place.path,
    after: { role: role.key, orgId: place.id, bulkActionId: input.bulkActionId },
  });
  return { outcome: 'succeeded', message: `Given ${role.label} at ${place.name}.`, previous: { grantId: granted[0] } };
}

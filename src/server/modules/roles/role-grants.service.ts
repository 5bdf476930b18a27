import { ErrorCodes } from '../../../common/error-codes.ts';
import { Permissions } from '../../../common/permissions.ts';
import type { GrantResult } from '../../../common/schemas/roles.ts';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import { conflict, fieldError, forbidden, notFound } from '../../platform/errors.ts';
import { mayGrantRole, type Actor } from '../../platform/actor.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { RolesService } from './roles.service.ts';

/** Giving a role to an account on its profile, and taking it away: both under the giver's `mayGrant`, audited. */
export class RoleGrantsService {
  constructor(
    private readonly db: Db,
    private readonly accounts: AccountsService,
    private readonly orgs: OrganizationsService,
    private readonly roles: RolesService,
  ) {}

  async grantToAccount(actor: Actor, accountId: string, input: { role: string; orgId: string }): Promise<GrantResult> {
    return inTransaction(this.db, async (trx) => {
      const account = await this.accounts.requireAccount(trx, actor, accountId, Permissions.accountsWrite);
      const org = await this.orgs.requireOrganization(trx, actor, input.orgId, Permissions.accountsWrite);
      if (org.tenantId !== account.tenantId) throw fieldError('orgId', 'A role is given at an organization of the account’s own tenant.');
      const role = await this.roles.checkGrant(trx, actor, org.tenantId, input.role, org);
      const { grantId, warning } = await this.roles.grantRole(trx, actor, { tenantId: org.tenantId, accountId: account.id, role, org });
      return { id: grantId, role: role.key, orgId: org.id, warnings: warning ? [warning] : [] };
    });
  }

  async revokeFromAccount(actor: Actor, accountId: string, grantId: string): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const account = await this.accounts.requireAccount(trx, actor, accountId, Permissions.accountsWrite);
      const grant = await this.roles.getAssignment(trx, grantId);
      if (!grant || grant.accountId !== account.id) throw notFound('The role grant');
      const [org] = await this.orgs.getManyByIds(trx, [grant.orgId]);
      const role = await this.roles.getRoleById(trx, grant.tenantId, grant.roleId);
      if (!org || !role) throw notFound('The role grant');
      if (account.id === actor.accountId)
        throw conflict(ErrorCodes.invalidState, 'You cannot take away your own role; ask another administrator.');
      if (!mayGrantRole(actor, role.key, org.path)) {
        throw forbidden(`You may not take away the role "${role.label}".`, ErrorCodes.roleNotAllowed);
      }
      await this.roles.revokeRole(trx, actor, grant, role, org);
    });
  }
}

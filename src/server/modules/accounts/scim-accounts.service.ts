import { Permissions } from '../../../common/permissions.ts';
import type { Account } from '../../../common/schemas/accounts.ts';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError, fieldError, invalidState, notFound, preconditionFailed } from '../../platform/errors.ts';
import { can, reach, type Actor } from '../../platform/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CredentialsService } from '../auth/credentials.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { TenantSettingsService } from '../tenants/tenant-settings.service.ts';
import type { AccountFilter } from './account-filter.ts';
import { emailKey, usernameKey } from './account-keys.ts';
import type { AccountWithOrg } from './account-record.ts';
import { auditFields, toAccount } from './account-view.ts';
import type { AccountsRepository } from './accounts.repository.ts';
import type { AccountsService } from './accounts.service.ts';

/** An account as SCIM shows it: the contract's account, its version (the ETag) and the provider's id. */
export interface ScimAccount {
  account: Account;
  version: number;
  scimExternalId: string | null;
}

/** What a SCIM User sets on an account, already mapped from SCIM's attribute names. */
export interface ScimAccountInput {
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  active: boolean;
  scimExternalId: string | null;
  /** The enterprise extension's employeeNumber. */
  externalId: string | null;
  department: string | null;
  jobTitle: string | null;
  /** The enterprise extension's organization or division: an organization's id or name inside the caller's reach. */
  organization: string | null;
  /** Only on create: a temporary password (the person changes it at first sign-in), as tenants that use them require. */
  password?: string;
}

/**
 * Accounts as an identity provider manages them over SCIM. Changes go through AccountsService (the same
 * rules, reach checks and audit as the REST API); what is SCIM's own lives here: the provider's id, the
 * filtered listing, and DELETE, which hides the account from SCIM and archives it unless the tenant erases.
 */
export class ScimAccountsService {
  constructor(
    private readonly db: Db,
    private readonly repo: AccountsRepository,
    private readonly accounts: AccountsService,
    private readonly orgs: OrganizationsService,
    private readonly credentials: CredentialsService,
    private readonly settings: TenantSettingsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** An account of the token's tenant, in reach, that SCIM has not deleted. */
  async get(actor: Actor, tenantId: string, id: string): Promise<ScimAccount> {
    const row = await this.accounts.requireAccount(this.db, actor, id, Permissions.accountsRead);
    if (row.scimDeletedAt || row.tenantId !== tenantId) throw notFound('The account');
    return this.scimView(row);
  }

  /** The accounts in reach matching `filter`, `offset` skipped, at most `limit` (SCIM's startIndex − 1 and count). */
  async list(
    actor: Actor,
    tenantId: string,
    filter: AccountFilter | undefined,
    offset: number,
    limit: number,
  ): Promise<{ items: ScimAccount[]; total: number }> {
    const roots = reach(actor, Permissions.accountsRead);
    if (roots !== 'all' && roots.length === 0) return { items: [], total: 0 };
    const { rows, total } = await this.repo.filteredPage(this.db, { tenantId, roots, filter, offset, limit });
    return { items: rows.map((r) => this.scimView(r)), total };
  }

  async create(actor: Actor, tenantId: string, landingOrgId: string, input: ScimAccountInput): Promise<ScimAccount> {
    const orgId = input.organization ? await this.organizationNamed(actor, tenantId, input.organization) : landingOrgId;
    let created: Account;
    try {
      created = await this.accounts.createAccount(
        actor,
        {
          orgId,
          email: input.email,
          firstName: input.firstName,
          lastName: input.lastName,
          ...(usernameKey(input.username) === emailKey(input.email) ? {} : { username: input.username }),
          externalId: input.externalId,
          department: input.department,
          jobTitle: input.jobTitle,
          ...(input.password ? { password: input.password } : {}),
        },
        { scimExternalId: input.scimExternalId },
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // A person SCIM deleted (archived, hidden) and the provider now creates again: the same account comes
      // back. Looked for only when the create is refused, so a new user costs no lookup of its own.
      const earlier = await this.accounts.findByEmail(this.db, tenantId, input.email);
      if (!earlier?.scimDeletedAt || !can(actor, Permissions.accountsLifecycle, earlier.orgPath)) throw error;
      await this.restore(actor, tenantId, earlier.id);
      return this.replace(actor, tenantId, earlier.id, input);
    }
    if (!input.active) {
      await this.accounts.archiveAccount(actor, created.id);
      return this.get(actor, tenantId, created.id);
    }
    // A new row is at its first version; reading it back would cost a query per provisioned user.
    const { warnings: _warnings, ...account } = created;
    return { account, version: 1, scimExternalId: input.scimExternalId };
  }

  /** PUT and PATCH: the whole SCIM view of the account becomes `input`; `expectedVersion` is the client's If-Match. */
  async replace(
    actor: Actor,
    tenantId: string,
    id: string,
    input: ScimAccountInput,
    expectedVersion?: number,
    /** The user as the caller has just read it (PATCH), so it is not read twice; the write still checks its version. */
    read?: ScimAccount,
  ): Promise<ScimAccount> {
    const current = read ?? (await this.get(actor, tenantId, id));
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw preconditionFailed('The user changed since it was read: read it again, then change it.');
    }
    const movesTo = input.organization && !namesOrg(current.account, input.organization) ? input.organization : null;
    const orgId = movesTo ? await this.organizationNamed(actor, tenantId, movesTo) : undefined;
    const updated = await this.accounts.updateAccountRecord(
      actor,
      id,
      {
        email: input.email,
        firstName: input.firstName,
        lastName: input.lastName,
        // Usernames compare case-insensitively: a provider re-sending one in other case changes nothing.
        ...(usernameKey(input.username) === usernameKey(current.account.username) ? {} : { username: input.username }),
        externalId: input.externalId,
        department: input.department,
        jobTitle: input.jobTitle,
        ...(orgId ? { orgId } : {}),
      },
      { expectedVersion: current.version, scimExternalId: input.scimExternalId },
    );
    const status = current.account.status;
    const archives = !input.active && (status === 'active' || status === 'invited');
    const reactivates = input.active && status === 'archived';
    if (archives) await this.accounts.archiveAccount(actor, id);
    if (reactivates) await this.accounts.reactivateAccount(actor, id);
    // Without a change of status the record the update gave back is the user as it stands: no third read.
    return archives || reactivates ? this.get(actor, tenantId, id) : this.scimView(updated);
  }

  /**
   * SCIM DELETE: the account is archived (its access ends) and SCIM no longer finds it, as providers
   * check; the tenant may choose erasure instead. Either way the change is audited.
   */
  async remove(actor: Actor, tenantId: string, id: string, expectedVersion?: number): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const current = await this.accounts.requireAccount(trx, actor, id, Permissions.accountsLifecycle);
      if (current.scimDeletedAt || current.tenantId !== tenantId) throw notFound('The account');
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw preconditionFailed('The user changed since it was read: read it again, then delete it.');
      }
      if (current.id === actor.accountId) throw invalidState('A SCIM token cannot delete the account it acts as.');
      const erase = (await this.settings.settingsOf(trx, current.tenantId)).scimDelete === 'erase';
      const now = this.clock.now().toISOString();
      await this.credentials.endAllAccess(trx, id);
      if (erase) await this.repo.deleteById(trx, id);
      else
        await this.repo.update(trx, id, { status: 'archived', archivedAt: current.archivedAt ?? now, scimDeletedAt: now, updatedAt: now });
      await this.audit.record(trx, actor, {
        action: erase ? 'account.deleted' : 'account.scim_deleted',
        targetType: 'account',
        targetId: id,
        tenantId: current.tenantId,
        orgPath: current.orgPath,
        before: erase ? auditFields(current) : { status: current.status },
        after: erase ? null : { status: 'archived', hiddenFromScim: true },
      });
    });
  }

  /** Shows a SCIM-deleted account to SCIM again (still archived until the provider says it is active), audited. */
  private async restore(actor: Actor, tenantId: string, id: string): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const current = await this.accounts.requireAccount(trx, actor, id, Permissions.accountsLifecycle);
      if (!current.scimDeletedAt || current.tenantId !== tenantId) throw notFound('The account');
      await this.repo.update(trx, id, { scimDeletedAt: null, updatedAt: this.clock.now().toISOString() });
      await this.audit.record(trx, actor, {
        action: 'account.scim_restored',
        targetType: 'account',
        targetId: id,
        tenantId: current.tenantId,
        orgPath: current.orgPath,
        before: { hiddenFromScim: true },
        after: { hiddenFromScim: false },
      });
    });
  }

  /** An organization of the tenant named by id or by name (case-insensitive) where the actor may create accounts. */
  private async organizationNamed(actor: Actor, tenantId: string, ref: string): Promise<string> {
    const all = await this.orgs.listAllInTenant(this.db, tenantId);
    const wanted = ref.trim().toLowerCase();
    const inReach = all.filter((o) => can(actor, Permissions.accountsWrite, o.path));
    const byId = inReach.find((o) => o.id === ref.trim());
    if (byId) return byId.id;
    const named = inReach.filter((o) => o.name.trim().toLowerCase() === wanted);
    if (named.length === 1 && named[0]) return named[0].id;
    if (named.length > 1) throw fieldError('organization', `Several organizations within reach are named "${ref}": send its id instead.`);
    throw fieldError('organization', `There is no organization "${ref}" within this token’s reach.`);
  }

  private scimView(row: AccountWithOrg): ScimAccount {
    // SCIM users carry no roles, so no role lookup per row.
    return { account: toAccount(row, []), version: row.version, scimExternalId: row.scimExternalId ?? null };
  }
}

/** True when the enterprise organization names the account's current home (by id or name): no move. */
function namesOrg(account: Account, ref: string): boolean {
  const wanted = ref.trim();
  return wanted === account.orgId || wanted.toLowerCase() === account.orgName.trim().toLowerCase();
}

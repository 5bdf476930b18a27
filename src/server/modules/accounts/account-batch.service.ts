import type { Executor } from '../../db/connection.ts';
import type { AccountUpdate, RoleRow } from '../../db/schema.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AuditEntry, AuditService } from '../audit/audit.service.ts';
import type { CredentialsService } from '../auth/credentials.service.ts';
import type { WelcomeContext, WelcomeService } from '../onboarding/welcome.service.ts';
import { commonAncestorPath } from '../organizations/org-paths.ts';
import type { RolesService } from '../roles/roles.service.ts';
import { newAccountRow } from './account-columns.ts';
import { auditFields } from './account-view.ts';
import type { AccountsRepository, AccountWithOrg } from './accounts.repository.ts';

export interface NewImportedAccount {
  id: string;
  /** The line of the import's file that creates it. */
  line: number;
  tenantId: string;
  org: { id: string; path: string; name: string };
  fields: {
    firstName: string;
    lastName: string;
    email: string;
    username?: string;
    externalId?: string;
    affiliation?: string;
    employeeType?: string;
    dateHire?: string;
    dateTransfer?: string;
    jobTitle?: string;
    department?: string;
    trainingManager?: boolean;
    supervisor?: boolean;
  };
  status: 'active' | 'invited' | 'archived';
  passwordHash?: string;
  /** The temporary password itself, only when the tenant lets the welcome email carry it. */
  temporaryPasswordForEmail?: string;
  role?: RoleRow;
}

export interface AccountChange {
  account: AccountWithOrg;
  /** Column values to set (already diffed against the account). */
  changes: AccountUpdate;
  /** Where the account will sit afterwards (its org path), for the audit trail. */
  orgPath: string;
  role?: { role: RoleRow; org: { id: string; path: string } };
}

/** The import a batch of new accounts comes from, as its audit event names it. */
export interface ImportOrigin {
  importId: string;
  fileName: string;
}

/**
 * Writes many accounts at once for imports and bulk actions. The rules (scope, roles, duplicates)
 * were checked by the caller's plan; this keeps the writes shaped exactly as single edits shape them.
 * Changes are audited one event per account (with their values before and after); creations one event
 * per batch, each account keeping its import and line in its own row (see insertAccounts).
 */
export class AccountBatchService {
  constructor(
    private readonly repo: AccountsRepository,
    private readonly roles: RolesService,
    private readonly credentials: CredentialsService,
    private readonly audit: AuditService,
    private readonly welcomes: WelcomeService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async findByEmails(db: Executor, tenantId: string, emailKeys: string[]): Promise<Map<string, AccountWithOrg>> {
    const rows = await this.repo.getManyByEmailKeys(db, tenantId, [...new Set(emailKeys)]);
    return new Map(rows.map((r) => [r.emailKey, r]));
  }

  /** Accounts by external id (an enrollments import's UserID): every holder of each id, to tell an ambiguous one. */
  async findByExternalIds(db: Executor, tenantId: string, externalIds: string[]): Promise<Map<string, AccountWithOrg[]>> {
    const found = new Map<string, AccountWithOrg[]>();
    for (const row of await this.repo.getManyByExternalIds(db, tenantId, [...new Set(externalIds)])) {
      const key = row.externalId as string;
      found.set(key, [...(found.get(key) ?? []), row]);
    }
    return found;
  }

  /** Which of these email keys are taken in the tenant (no account is read). */
  async takenEmails(db: Executor, tenantId: string, emailKeys: string[]): Promise<Set<string>> {
    return this.repo.takenEmailKeys(db, tenantId, [...new Set(emailKeys)]);
  }

  async getMany(db: Executor, ids: string[]): Promise<Map<string, AccountWithOrg>> {
    const rows = await this.repo.getManyByIds(db, [...new Set(ids)]);
    return new Map(rows.map((r) => [r.id, r]));
  }

  /**
   * Inserts new accounts and queues their welcomes in the same transaction: a temporary-password
   * welcome for those given a password, an activation link for invited ones, nothing for archived ones.
   * Each account records who created it from which import and line, so the batch is audited as one
   * `import.accounts_created` event rather than an event per account (an event is a row in four B-trees
   * with a copy of every field); an account's history shows its creation from those columns.
   */
  async insertAccounts(
    db: Executor,
    actor: Actor,
    items: NewImportedAccount[],
    welcome: WelcomeContext,
    origin: ImportOrigin,
  ): Promise<void> {
    if (items.length === 0) return;
    const now = this.clock.now().toISOString();
    const rows = items.map((item) =>
      newAccountRow({
        id: item.id,
        tenantId: item.tenantId,
        orgId: item.org.id,
        fields: item.fields,
        status: item.status,
        origin: { createdBy: actor.accountId, importId: origin.importId, importLine: item.line },
        now,
      }),
    );
    await this.repo.insertMany(db, rows);
    const withPasswords = items.filter((i) => i.passwordHash).map((i) => ({ accountId: i.id, passwordHash: i.passwordHash as string }));
    await this.credentials.setTemporaryPasswords(db, withPasswords, items[0]?.tenantId);
    await this.roles.grantMany(
      db,
      actor,
      items.filter((i) => i.role).map((i) => ({ tenantId: i.tenantId, accountId: i.id, role: i.role as RoleRow, org: i.org })),
      { audited: false },
    );
    await this.audit.record(db, actor, importCreationsEntry(items, origin));
    const target = (i: NewImportedAccount) => ({
      accountId: i.id,
      email: i.fields.email.trim(),
      username: i.fields.username ?? i.fields.email.trim(),
      firstName: i.fields.firstName,
      lastName: i.fields.lastName,
      orgName: i.org.name,
      ...(i.temporaryPasswordForEmail ? { temporaryPassword: i.temporaryPasswordForEmail } : {}),
    });
    await this.welcomes.sendPasswordWelcomes(db, items.filter((i) => i.passwordHash && i.status !== 'archived').map(target), welcome);
    await this.welcomes.sendActivationLinks(db, items.filter((i) => i.status === 'invited').map(target), welcome);
  }

  /**
   * Applies each change only if the account is still at the version the plan saw; returns the ids
   * that had changed meanwhile (left untouched, for the caller to report).
   */
  async applyChanges(db: Executor, actor: Actor, items: AccountChange[]): Promise<Set<string>> {
    const stale = new Set<string>();
    const now = this.clock.now().toISOString();
    const entries: AuditEntry[] = [];
    for (const item of items) {
      const { account, changes } = item;
      if (Object.keys(changes).length > 0) {
        const ok = await this.repo.update(db, account.id, { ...changes, updatedAt: now }, account.version);
        if (!ok) {
          stale.add(account.id);
          continue;
        }
        if (changes.status === 'archived') await this.credentials.endAllAccess(db, account.id);
        const action =
          changes.status === 'archived'
            ? 'account.archived'
            : changes.status && account.status === 'archived'
              ? 'account.reactivated'
              : 'account.updated';
        const before = Object.fromEntries(Object.keys(changes).map((k) => [k, (account as Record<string, unknown>)[k]]));
        entries.push({
          action,
          targetType: 'account',
          targetId: account.id,
          tenantId: account.tenantId,
          orgPath: item.orgPath,
          before: auditFields(before),
          after: auditFields(changes as Record<string, unknown>),
        });
      }
      if (item.role)
        await this.roles.grantRole(db, actor, {
          tenantId: account.tenantId,
          accountId: account.id,
          role: item.role.role,
          org: item.role.org,
        });
    }
    await this.audit.recordMany(db, actor, entries);
    return stale;
  }

  /** Removes an account an import created (rollback), audited. */
  async deleteAccount(db: Executor, actor: Actor, account: AccountWithOrg): Promise<void> {
    await this.credentials.endAllAccess(db, account.id);
    await this.repo.deleteById(db, account.id);
    await this.audit.record(db, actor, {
      action: 'account.deleted',
      targetType: 'account',
      targetId: account.id,
      tenantId: account.tenantId,
      orgPath: account.orgPath,
      // Its history showed its creation from the row removed here: the event keeps where it came from.
      before: { ...auditFields(account), ...importOriginOf(account) },
    });
  }
}

/** Who created an imported account, from which import and line, and when (nothing for other accounts). */
function importOriginOf(account: AccountWithOrg): Record<string, unknown> {
  if (!account.createdByImportId) return {};
  return {
    createdBy: account.createdBy,
    createdByImportId: account.createdByImportId,
    createdByImportLine: account.createdByImportLine,
    createdAt: account.createdAt,
  };
}

/**
 * The one event for a batch's creations: about the import, readable where the batch's accounts are
 * (the narrowest organization holding them all, so whoever reaches every account of it reads it).
 */
function importCreationsEntry(items: readonly NewImportedAccount[], origin: ImportOrigin): AuditEntry {
  let firstLine = Infinity;
  let lastLine = 0;
  for (const { line } of items) {
    firstLine = Math.min(firstLine, line);
    lastLine = Math.max(lastLine, line);
  }
  return {
    action: 'import.accounts_created',
    targetType: 'import',
    targetId: origin.importId,
    tenantId: items[0]?.tenantId ?? null,
    orgPath: commonAncestorPath(items.map((i) => i.org.path)),
    after: { importId: origin.importId, fileName: origin.fileName, firstLine, lastLine, count: items.length },
  };
}

import type { ImportMode, ReasonCode, RowOutcome } from '../../../../common/schemas/imports.ts';
import type { AccountUpdate, OrganizationRow, RoleRow } from '../../../db/schema.ts';
import { accountColumns } from '../../accounts/account-columns.ts';
import type { AccountToCompare } from '../../accounts/account-record.ts';
import { nameKey, soundKey } from '../../accounts/account-keys.ts';
import type { RowValues } from './row-values.ts';
import { roleNameKey } from '../../../../common/role-names.ts';

/** What planning knows about the import's place and the tenant, loaded once per job. */
export interface PlanContext {
  mode: ImportMode;
  importOrg: OrganizationRow;
  /** Organizations inside the import's subtree, by lowercased name. */
  orgsByName: Map<string, OrganizationRow[]>;
  /** Lowercased names of every organization in the tenant, to tell "outside" from "unknown". */
  tenantOrgNames: Set<string>;
  /** Roles by key and by label, folded by roleNameKey (case, dashes and spaces do not matter). */
  rolesByName: Map<string, RoleRow>;
  mayGrant(roleKey: string, orgPath: string): boolean;
  mayChangeUsernames: boolean;
  /** Why the uploader may not change this account (a role of it, a "roleId:orgId" key, lies beyond their reach), or null. */
  beyondReach(account: AccountToCompare, held: ReadonlySet<string>, outcome: RowOutcome): string | null;
  temporaryPasswordProblems(password: string, identity: { email?: string; username?: string }): string[];
  /** The tenant gives new accounts a temporary password (its onboarding mode), so a new row needs one. */
  passwordRequired: boolean;
  /** Holders of a role at an organization: existing plus those planned so far in this file. */
  roleHolders: Map<string, number>;
  countRoleHolders(roleId: string, orgId: string): number;
  /** Each field's column as the file's header names it, for messages ("Updates Ana Lopez: Job Title"). */
  columnNames?: ReadonlyMap<string, string>;
}

export interface PlannedRow {
  planned: RowOutcome;
  reason: ReasonCode | null;
  message: string;
  accountId: string | null;
  expectedVersion: number | null;
  orgId: string | null;
  roleId: string | null;
  changes: AccountUpdate | null;
}

const fail = (reason: ReasonCode, message: string): PlannedRow => ({
  planned: 'failed',
  reason,
  message,
  accountId: null,
  expectedVersion: null,
  orgId: null,
  roleId: null,
  changes: null,
});

/**
 * A changed field, said as the column the person wrote: the file's header when known, or else the field in
 * words ("externalId" → "External id", "orgId" → "Organization").
 */
function columnName(ctx: PlanContext, field: string): string {
  const fromFile = ctx.columnNames?.get(field === 'orgId' ? 'organization' : field);
  if (fromFile) return fromFile;
  if (field === 'orgId') return 'Organization';
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const fullName = (v: { firstName?: string; lastName?: string }) => `${v.firstName ?? ''} ${v.lastName ?? ''}`.trim();

/**
 * Decides what one valid row will do. Pure: every lookup it needs is in the context or passed in,
 * so the same rules run in the preview and again, row by row, at commit.
 */
export function decideRow(
  values: RowValues,
  existing: AccountToCompare | undefined,
  existingRoleKeys: Set<string>,
  ctx: PlanContext,
): PlannedRow {
  const email = values.email as string;
  if (existing && !existing.orgPath.startsWith(ctx.importOrg.path)) {
    return fail('email_taken', `Email ${email} is already used by an account in another organization.`);
  }

  let target: OrganizationRow | undefined;
  if (values.organization) {
    const name = values.organization.toLowerCase();
    const matches = ctx.orgsByName.get(name) ?? [];
    if (matches.length === 0) {
      return ctx.tenantOrgNames.has(name)
        ? fail('out_of_scope', `Organization "${values.organization}" is outside ${ctx.importOrg.name}, where this import belongs.`)
        : fail('invalid_value', `There is no organization named "${values.organization}" inside ${ctx.importOrg.name}.`);
    }
    if (matches.length > 1)
      return fail('invalid_value', `More than one organization inside ${ctx.importOrg.name} is named "${values.organization}".`);
    target = matches[0];
  }
  const orgId = target?.id ?? existing?.orgId ?? ctx.importOrg.id;
  const orgPath = target?.path ?? existing?.orgPath ?? ctx.importOrg.path;

  let role: RoleRow | undefined;
  if (values.role) {
    role = ctx.rolesByName.get(roleNameKey(values.role));
    if (!role) return fail('invalid_value', `There is no role "${values.role}".`);
    if (role.retiredAt) return fail('role_not_allowed', `The role "${role.label}" is retired: nobody new can be given it.`);
    if (role.bulkCreatable !== 1)
      return fail('role_not_allowed', `The role "${role.label}" cannot be given by import; give it one account at a time.`);
    if (!ctx.mayGrant(role.key, orgPath)) return fail('role_not_allowed', `You may not give the role "${role.label}".`);
    if (existingRoleKeys.has(`${role.id}:${orgId}`)) role = undefined;
  }
  if (role && role.perOrgLimitMax !== null && role.perOrgLimitMode === 'block') {
    const held = ctx.countRoleHolders(role.id, orgId);
    if (held >= role.perOrgLimitMax)
      return fail(
        'role_limit',
        `${target?.name ?? (existing ? existing.orgName : ctx.importOrg.name)} already has ${held} ${role.label} accounts, the most allowed (${role.perOrgLimitMax}).`,
      );
  }
  if (values.username && (!existing || values.username.toLowerCase() !== existing.usernameKey) && !ctx.mayChangeUsernames) {
    return fail('invalid_value', 'Only a system administrator can set usernames; leave the username column empty.');
  }

  if (!existing) {
    // The archival tab of the guides lists people to archive: a typo there must never create an archived account.
    if (values.status === 'archived') return fail('not_found', 'no account with this email to archive');
    if (ctx.mode === 'update') return fail('not_found', `No account uses ${email}; this import only updates existing accounts.`);
    if (!values.password && ctx.passwordRequired) {
      return fail('missing_value', 'Password: this tenant gives new accounts a temporary password; fill in the Password column.');
    }
    if (values.password) {
      const problems = ctx.temporaryPasswordProblems(values.password, { email, username: values.username });
      if (problems.length) return fail('invalid_value', `Password: ${problems.join(' ')}`);
    }
    if (role) bumpHolders(ctx, role.id, orgId);
    const where = target?.name ?? ctx.importOrg.name;
    return {
      planned: 'created',
      reason: null,
      message: `Creates ${fullName(values)} (${email}) in ${where}.`,
      accountId: null,
      expectedVersion: null,
      orgId,
      roleId: role?.id ?? null,
      changes: null,
    };
  }

  const changes = diffAgainst(existing, values, orgId);
  const statusChange: RowOutcome | undefined =
    values.status === 'archived' && existing.status !== 'archived'
      ? 'archived'
      : values.status === 'active' && existing.status === 'archived'
        ? 'reactivated'
        : undefined;
  if (statusChange === 'archived') changes.status = 'archived';
  if (statusChange === 'reactivated') changes.status = 'active';
  // A returning account takes back a place under every role it still holds: each must have room.
  const returning = statusChange === 'reactivated' ? heldRoles(existingRoleKeys, ctx) : [];
  for (const held of returning) {
    if (held.role.perOrgLimitMax === null || held.role.perOrgLimitMode !== 'block') continue;
    const count = ctx.countRoleHolders(held.role.id, held.orgId);
    if (count >= held.role.perOrgLimitMax) {
      const place =
        held.orgId === existing.orgId
          ? existing.orgName
          : ([...ctx.orgsByName.values()].flat().find((o) => o.id === held.orgId)?.name ?? 'The organization where it is held');
      return fail(
        'role_limit',
        `${existing.firstName} ${existing.lastName} holds ${held.role.label}, and ${place} already has ${count} ${held.role.label} accounts, the most allowed (${held.role.perOrgLimitMax}); take the role away first or free a place.`,
      );
    }
  }
  const changed = hasAny(changes) || role !== undefined;
  if (ctx.mode === 'create' && changed) {
    return fail(
      'email_taken',
      `Email ${email} already has an account (${existing.firstName} ${existing.lastName}); this import only creates new accounts.`,
    );
  }
  if (role) bumpHolders(ctx, role.id, orgId);
  for (const held of returning) bumpHolders(ctx, held.role.id, held.orgId);
  const planned: RowOutcome = statusChange ?? (changed ? 'updated' : 'unchanged');
  const message =
    planned === 'unchanged'
      ? `No change to ${existing.firstName} ${existing.lastName}.`
      : planned === 'archived'
        ? `Archives ${existing.firstName} ${existing.lastName}.`
        : planned === 'reactivated'
          ? `Reactivates ${existing.firstName} ${existing.lastName}.`
          : `Updates ${existing.firstName} ${existing.lastName}: ${changedColumns(changes, role !== undefined, ctx)}.`;
  return {
    planned,
    reason: null,
    message,
    accountId: existing.id,
    expectedVersion: existing.version,
    orgId,
    roleId: role?.id ?? null,
    changes,
  };
}

/** Whether the row changes any column (no array of keys made for the common answer, no). */
function hasAny(changes: AccountUpdate): boolean {
  for (const key in changes) if (Object.hasOwn(changes, key)) return true;
  return false;
}

/** The changed columns as an update's message names them: derived keys and the status left out, the role last. */
function changedColumns(changes: AccountUpdate, roleToo: boolean, ctx: PlanContext): string {
  const what = Object.keys(changes).filter((k) => !k.endsWith('Key') && !k.endsWith('Sound') && k !== 'status');
  return [...what, ...(roleToo ? ['role'] : [])].map((f) => columnName(ctx, f)).join(', ');
}

/** The roles an account holds ("roleId:orgId" keys), with their catalog rows. */
function heldRoles(keys: Set<string>, ctx: PlanContext): Array<{ role: RoleRow; orgId: string }> {
  if (keys.size === 0) return [];
  const byId = new Map([...ctx.rolesByName.values()].map((r) => [r.id, r]));
  const held: Array<{ role: RoleRow; orgId: string }> = [];
  for (const key of keys) {
    const [roleId = '', orgId = ''] = key.split(':');
    const role = byId.get(roleId);
    if (role) held.push({ role, orgId });
  }
  return held;
}

function bumpHolders(ctx: PlanContext, roleId: string, orgId: string): void {
  const key = `${roleId}:${orgId}`;
  ctx.roleHolders.set(key, ctx.countRoleHolders(roleId, orgId) + 1);
}

/** A name's search key and sound key, remembered: a file repeats its first and last names many times over. */
const nameKeys = new Map<string, readonly [string, string]>();
const rememberedNames = 10_000;

function keysOfName(name: string): readonly [string, string] {
  let keys = nameKeys.get(name);
  if (!keys) {
    keys = [nameKey(name), soundKey(name)];
    if (nameKeys.size >= rememberedNames) nameKeys.clear();
    nameKeys.set(name, keys);
  }
  return keys;
}

/** Keeps `value` as the column's change when the row sets it and the account holds something else. */
function keepIfChanged(out: Record<string, unknown>, stored: Record<string, unknown>, column: string, value: unknown): void {
  if (value !== undefined && stored[column] !== value) out[column] = value;
}

/** Columns the row would change. Empty cells change nothing: a blank means "keep", not "erase". */
function diffAgainst(existing: AccountToCompare, values: RowValues, orgId: string): AccountUpdate {
  const stored = existing as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // Each column the row sets, in the order accountColumns writes them, kept where the account differs;
  // the name columns derived as accountColumns derives them, with the keys remembered.
  if (values.firstName !== undefined) {
    const [key, sound] = keysOfName(values.firstName);
    keepIfChanged(out, stored, 'firstName', values.firstName);
    keepIfChanged(out, stored, 'firstNameKey', key);
    keepIfChanged(out, stored, 'firstNameSound', sound);
  }
  if (values.lastName !== undefined) {
    const [key, sound] = keysOfName(values.lastName);
    keepIfChanged(out, stored, 'lastName', values.lastName);
    keepIfChanged(out, stored, 'lastNameKey', key);
    keepIfChanged(out, stored, 'lastNameSound', sound);
  }
  const rest = accountColumns({
    affiliation: values.affiliation,
    employeeType: values.employeeType,
    dateHire: values.dateHire,
    dateTransfer: values.dateTransfer,
    jobTitle: values.jobTitle,
    department: values.department,
    externalId: values.externalId,
    trainingManager: values.trainingManager,
    supervisor: values.supervisor,
  }) as Record<string, unknown>;
  for (const column in rest) keepIfChanged(out, stored, column, rest[column]);
  keepIfChanged(out, stored, 'orgId', orgId);
  if (values.username && values.username.toLowerCase() !== existing.usernameKey) {
    keepIfChanged(out, stored, 'username', values.username);
    keepIfChanged(out, stored, 'usernameKey', values.username.toLowerCase());
  }
  return out as AccountUpdate;
}

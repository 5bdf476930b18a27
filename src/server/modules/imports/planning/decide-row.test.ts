import assert from 'node:assert/strict';
import { roleNameKey } from '../../../../common/role-names.ts';
import { test } from 'node:test';
import type { OrganizationRow, RoleRow } from '../../../db/schema.ts';
// The stored account a row is matched with (decideRow reads only some of its columns).
import type { AccountWithOrg } from '../../accounts/account-record.ts';
import { decideRow, type PlanContext } from './decide-row.ts';
import type { RowValues } from './row-values.ts';

// A county (the import's organization) with one city inside it, in a tenant that also has a second county.
const org = (id: string, name: string, path: string): OrganizationRow => ({
  id,
  tenantId: 't1',
  parentId: null,
  name,
  kind: 'county',
  path,
  depth: path.split('/').length - 2,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
});
const fresno = org('o-fresno', 'Fresno County', '/t1/fresno/');
const clovis = org('o-clovis', 'Clovis', '/t1/fresno/clovis/');
const kern = org('o-kern', 'Kern County', '/t1/kern/');

const role = (key: string, label: string, more: Partial<RoleRow> = {}): RoleRow => ({
  id: `r-${key}`,
  tenantId: 't1',
  key,
  label,
  orgKinds: '[]',
  permissions: '[]',
  mayGrant: '[]',
  mayInvite: '[]',
  bulkCreatable: 1,
  perOrgLimitMax: null,
  perOrgLimitMode: null,
  retiredAt: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...more,
});
const learner = role('learner', 'Learner');
const coordinator = role('coordinator', 'Coordinator', { perOrgLimitMax: 1, perOrgLimitMode: 'block' });
const admin = role('org_admin', 'Organization administrator', { bulkCreatable: 0 });

function context(overrides: Partial<PlanContext> = {}): PlanContext {
  const roleHolders = new Map<string, number>();
  return {
    mode: 'upsert',
    importOrg: fresno,
    orgsByName: new Map([
      ['fresno county', [fresno]],
      ['clovis', [clovis]],
    ]),
    tenantOrgNames: new Set(['fresno county', 'clovis', 'kern county']),
    // Keyed as the planner keys them: by key and by label, folded by roleNameKey.
    rolesByName: new Map(
      [learner, coordinator, admin].flatMap((r) => [[roleNameKey(r.key), r] as const, [roleNameKey(r.label), r] as const]),
    ),
    mayGrant: () => true,
    mayChangeUsernames: false,
    beyondReach: () => null,
    temporaryPasswordProblems: () => [],
    passwordRequired: false,
    roleHolders,
    countRoleHolders: (roleId, orgId) => roleHolders.get(`${roleId}:${orgId}`) ?? 0,
    ...overrides,
  };
}

function existing(more: Partial<AccountWithOrg> = {}): AccountWithOrg {
  return {
    id: 'a-ana',
    tenantId: 't1',
    orgId: fresno.id,
    orgName: fresno.name,
    orgPath: fresno.path,
    username: 'ana@example.org',
    usernameKey: 'ana@example.org',
    email: 'ana@example.org',
    emailKey: 'ana@example.org',
    emailDomain: 'example.org',
    firstName: 'Ana',
    lastName: 'Lopez',
    firstNameKey: 'ana',
    lastNameKey: 'lopez',
    firstNameSound: 'AN',
    lastNameSound: 'LPS',
    status: 'active',
    affiliation: null,
    employeeType: null,
    dateHire: null,
    dateTransfer: null,
    jobTitle: null,
    department: null,
    externalId: null,
    trainingManager: 0,
    supervisor: 0,
    isGlobalAdmin: 0,
    extra: '{}',
    defaultGroupId: null,
    scimExternalId: null,
    scimDeletedAt: null,
    createdBy: null,
    createdByImportId: null,
    createdByImportLine: null,
    lastActivityAt: null,
    archivedAt: null,
    version: 3,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...more,
  };
}

const ana: RowValues = { firstName: 'Ana', lastName: 'Lopez', email: 'ana@example.org' };
const noRoles = new Set<string>();

test('a new email is created in the import organization', () => {
  const row = decideRow(ana, undefined, noRoles, context());
  assert.equal(row.planned, 'created');
  assert.equal(row.orgId, fresno.id);
  assert.equal(row.message, 'Creates Ana Lopez (ana@example.org) in Fresno County.');
});

test('a new row names its organization inside the import subtree', () => {
  const row = decideRow({ ...ana, organization: 'CLOVIS' }, undefined, noRoles, context());
  assert.equal(row.planned, 'created');
  assert.equal(row.orgId, clovis.id);
});

test('an organization of the tenant outside the import subtree is out of scope', () => {
  const row = decideRow({ ...ana, organization: 'Kern County' }, undefined, noRoles, context());
  assert.deepEqual([row.planned, row.reason], ['failed', 'out_of_scope']);
});

test('an organization nobody has heard of is an invalid value', () => {
  const row = decideRow({ ...ana, organization: 'Atlantis' }, undefined, noRoles, context());
  assert.deepEqual([row.planned, row.reason], ['failed', 'invalid_value']);
  assert.match(row.message, /no organization named "Atlantis"/);
});

test('two organizations of the same name inside the subtree make the row ambiguous', () => {
  const ctx = context({ orgsByName: new Map([['clovis', [clovis, { ...clovis, id: 'o-clovis-2' }]]]) });
  const row = decideRow({ ...ana, organization: 'Clovis' }, undefined, noRoles, ctx);
  assert.deepEqual([row.planned, row.reason], ['failed', 'invalid_value']);
  assert.match(row.message, /More than one organization/);
});

test('an email used by an account outside the import subtree is taken', () => {
  const row = decideRow(ana, existing({ orgId: kern.id, orgPath: kern.path }), noRoles, context());
  assert.deepEqual([row.planned, row.reason], ['failed', 'email_taken']);
});

test('an unknown role is an invalid value', () => {
  const row = decideRow({ ...ana, role: 'Wizard' }, undefined, noRoles, context());
  assert.deepEqual([row.planned, row.reason], ['failed', 'invalid_value']);
});

test('a role that may not be given in bulk is refused', () => {
  const row = decideRow({ ...ana, role: 'org_admin' }, undefined, noRoles, context());
  assert.deepEqual([row.planned, row.reason], ['failed', 'role_not_allowed']);
  assert.match(row.message, /one account at a time/);
});

test('a role the importing person may not give is refused', () => {
  const row = decideRow({ ...ana, role: 'Learner' }, undefined, noRoles, context({ mayGrant: () => false }));
  assert.deepEqual([row.planned, row.reason], ['failed', 'role_not_allowed']);
});

test('a blocking role limit counts the holders planned earlier in the same file', () => {
  const ctx = context();
  const first = decideRow({ ...ana, role: 'coordinator' }, undefined, noRoles, ctx);
  assert.equal(first.roleId, coordinator.id);
  const second = decideRow({ ...ana, email: 'ben@example.org', role: 'coordinator' }, undefined, noRoles, ctx);
  assert.deepEqual([second.planned, second.reason], ['failed', 'role_limit']);
});

test('only those who may change usernames may set one', () => {
  const refused = decideRow({ ...ana, username: 'ana.l' }, undefined, noRoles, context());
  assert.deepEqual([refused.planned, refused.reason], ['failed', 'invalid_value']);
  const allowed = decideRow({ ...ana, username: 'ana.l' }, undefined, noRoles, context({ mayChangeUsernames: true }));
  assert.equal(allowed.planned, 'created');
});

test('an update-only import fails a row for an email nobody uses', () => {
  const row = decideRow(ana, undefined, noRoles, context({ mode: 'update' }));
  assert.deepEqual([row.planned, row.reason], ['failed', 'not_found']);
});

test('a new account needs a password when the tenant gives temporary ones', () => {
  const row = decideRow(ana, undefined, noRoles, context({ passwordRequired: true }));
  assert.deepEqual([row.planned, row.reason], ['failed', 'missing_value']);
});

for (const mode of ['create', 'upsert', 'update'] as const) {
  test(`Status=Archived for an email no account has fails not_found in ${mode} mode, creating nothing`, () => {
    const row = decideRow({ ...ana, status: 'archived' }, undefined, noRoles, context({ mode, passwordRequired: true }));
    assert.equal(row.planned, 'failed');
    assert.equal(row.reason, 'not_found');
    assert.equal(row.message, 'no account with this email to archive');
  });
}

test('a weak temporary password fails the row with the policy words', () => {
  const ctx = context({ temporaryPasswordProblems: () => ['Use at least 10 characters.'] });
  const row = decideRow({ ...ana, password: 'short' }, undefined, noRoles, ctx);
  assert.deepEqual([row.planned, row.reason, row.message], ['failed', 'invalid_value', 'Password: Use at least 10 characters.']);
});

test('a row that matches the account changes nothing', () => {
  const row = decideRow(ana, existing(), noRoles, context());
  assert.equal(row.planned, 'unchanged');
  assert.deepEqual(row.changes, {});
  assert.equal(row.expectedVersion, 3);
});

test('an empty cell keeps the stored value instead of erasing it', () => {
  const row = decideRow({ email: 'ana@example.org' }, existing({ jobTitle: 'Nurse' }), noRoles, context());
  assert.equal(row.planned, 'unchanged');
});

test('a changed cell updates the account and names the column', () => {
  const row = decideRow({ ...ana, jobTitle: 'Nurse' }, existing(), noRoles, context());
  assert.equal(row.planned, 'updated');
  assert.deepEqual(row.changes, { jobTitle: 'Nurse' });
  assert.equal(row.message, 'Updates Ana Lopez: Job title.');
});

test('a changed cell is named by the column as the file’s header writes it', () => {
  const ctx = context({
    columnNames: new Map([
      ['jobTitle', 'Position'],
      ['externalId', 'UserID'],
    ]),
  });
  const row = decideRow({ ...ana, jobTitle: 'Nurse', externalId: 'E-7' }, existing(), noRoles, ctx);
  assert.equal(row.message, 'Updates Ana Lopez: Position, UserID.');
});

test('a changed name updates its search keys too, but the message names only the name', () => {
  const row = decideRow({ ...ana, lastName: 'Lopes' }, existing(), noRoles, context());
  assert.equal(row.planned, 'updated');
  assert.equal(row.changes?.lastName, 'Lopes');
  assert.equal(row.changes?.lastNameKey, 'lopes');
  assert.equal(row.message, 'Updates Ana Lopez: Last name.');
});

test('moving an account to another organization inside the subtree is an update', () => {
  const row = decideRow({ ...ana, organization: 'Clovis' }, existing(), noRoles, context());
  assert.equal(row.planned, 'updated');
  assert.deepEqual(row.changes, { orgId: clovis.id });
});

test('status Archived archives an active account', () => {
  const row = decideRow({ ...ana, status: 'archived' }, existing(), noRoles, context());
  assert.equal(row.planned, 'archived');
  assert.equal(row.changes?.status, 'archived');
});

test('status Active reactivates an archived account', () => {
  const row = decideRow({ ...ana, status: 'active' }, existing({ status: 'archived' }), noRoles, context());
  assert.equal(row.planned, 'reactivated');
  assert.equal(row.changes?.status, 'active');
});

test('reactivating an account whose role is full where it holds it fails role_limit; with room, it takes the place', () => {
  const holds = new Set([`${coordinator.id}:${fresno.id}`]);
  const full = context();
  full.roleHolders.set(`${coordinator.id}:${fresno.id}`, 1);
  const refused = decideRow({ ...ana, status: 'active' }, existing({ status: 'archived' }), holds, full);
  assert.deepEqual([refused.planned, refused.reason], ['failed', 'role_limit']);
  assert.match(refused.message, /Ana Lopez holds Coordinator, and Fresno County already has 1 Coordinator accounts/);

  const room = context();
  const back = decideRow({ ...ana, status: 'active' }, existing({ status: 'archived' }), holds, room);
  assert.equal(back.planned, 'reactivated');
  const next = decideRow({ ...ana, email: 'ben@example.org', role: 'coordinator' }, undefined, noRoles, room);
  assert.deepEqual([next.planned, next.reason], ['failed', 'role_limit'], 'the returning holder took the one place');
});

test('a role the account already holds there is not given again', () => {
  const row = decideRow({ ...ana, role: 'learner' }, existing(), new Set([`${learner.id}:${fresno.id}`]), context());
  assert.equal(row.planned, 'unchanged');
  assert.equal(row.roleId, null);
});

test('a new role for an existing account is an update naming the role', () => {
  const row = decideRow({ ...ana, role: 'learner' }, existing(), noRoles, context());
  assert.equal(row.planned, 'updated');
  assert.equal(row.roleId, learner.id);
  assert.equal(row.message, 'Updates Ana Lopez: Role.');
});

test('a create-only import fails a row that would change an existing account', () => {
  const row = decideRow({ ...ana, jobTitle: 'Nurse' }, existing(), noRoles, context({ mode: 'create' }));
  assert.deepEqual([row.planned, row.reason], ['failed', 'email_taken']);
});

test('a create-only import leaves an identical existing account unchanged', () => {
  const row = decideRow(ana, existing(), noRoles, context({ mode: 'create' }));
  assert.equal(row.planned, 'unchanged');
});

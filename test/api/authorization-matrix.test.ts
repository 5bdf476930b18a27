import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session, type TestContext } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, uniqueSuffix, type AccountRef, type OrgRef } from '../support/factories.ts';

type Who = 'global' | 'adminA' | 'adminB' | 'learner' | 'none';
const everyone: Who[] = ['global', 'adminA', 'adminB', 'learner', 'none'];

interface World {
  state: OrgRef;
  countyA: OrgRef;
  countyB: OrgRef;
  inA: AccountRef;
  inB: AccountRef;
  learner: AccountRef;
  sessions: Record<Who, Session | undefined>;
  /** Records the rows below make and use: a group and an invitation in county A, a grant, a revocable invitation. */
  groupA: string;
  invitationA: string;
  grantId?: string;
  revocable?: string;
  /** A section offered by county A (enrollment rows), and inA's live enrollment in it. */
  sectionA?: string;
  enrollmentA?: string;
  /** An account request naming county A. */
  requestA: string;
  emptyOrg?: string;
  moveTarget?: string;
  /** Accounts in county A now, and a bulk action county A's admin asked for. */
  countA?: number;
  bulkA?: string;
}

interface Row {
  name: string;
  request: (w: World) => { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; body?: unknown };
  expect: Record<Who, number>;
  /** Puts the target back in the state the call needs, before each caller tries it. */
  prepare?: (c: TestContext, w: World) => Promise<void>;
}

const asRoot = async (c: TestContext, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
  const response = await c.call(method, url, { as: c.root, body });
  assert.ok(response.statusCode < 300, `${method} ${url}: ${response.statusCode} ${response.body}`);
  return response;
};

/** Account inA holds the learner role at county A exactly when `held`; the grant's id is kept. */
const learnerGrant = (held: boolean) => async (c: TestContext, w: World) => {
  const account = (await asRoot(c, 'GET', `/api/accounts/${w.inA.id}`)).json();
  const grant = account.roles.find((r: { key: string }) => r.key === 'learner');
  if (held && !grant)
    w.grantId = (await asRoot(c, 'POST', `/api/accounts/${w.inA.id}/roles`, { role: 'learner', orgId: w.countyA.id })).json().id;
  else if (held) w.grantId = grant.grantId;
  else if (grant) await asRoot(c, 'DELETE', `/api/accounts/${w.inA.id}/roles/${grant.grantId}`);
};

/** How many accounts county A holds now (rows above create some), and one bulk action of county A's admin. */
const bulkWorld = async (c: TestContext, w: World) => {
  w.countA = (await asRoot(c, 'GET', `/api/accounts?orgId=${w.countyA.id}&count=exact&limit=1`)).json().total;
  if (w.bulkA) return;
  const adminA = w.sessions.adminA as Session;
  const response = await c.call('POST', '/api/bulk-actions', {
    as: adminA,
    body: { action: 'export', filter: { orgId: w.countyA.id }, expectedCount: w.countA },
  });
  assert.equal(response.statusCode, 202, response.body);
  w.bulkA = response.json().id;
};

const membership = (member: boolean) => async (c: TestContext, w: World) => {
  const group = (await asRoot(c, 'GET', `/api/groups/${w.groupA}`)).json();
  const isMember = group.members.some((m: { id: string }) => m.id === w.inA.id);
  if (member && !isMember) await asRoot(c, 'POST', `/api/groups/${w.groupA}/members`, { accountId: w.inA.id });
  if (!member && isMember) await asRoot(c, 'DELETE', `/api/groups/${w.groupA}/members/${w.inA.id}`);
};

const ensureStatus = (status: 'active' | 'archived') => async (c: TestContext, w: World) => {
  const current = await c.call('GET', `/api/accounts/${w.inB.id}`, { as: c.root });
  if (current.json().status === status) return;
  const action = status === 'archived' ? 'archive' : 'reactivate';
  const response = await c.call('POST', `/api/accounts/${w.inB.id}/${action}`, { as: c.root });
  assert.equal(response.statusCode, 200, response.body);
};

/** Who may do what: every endpoint of the foundation against every kind of caller. */
const matrix: Row[] = [
  {
    name: 'health',
    request: () => ({ method: 'GET', url: '/api/health' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 200, none: 200 },
  },
  {
    name: 'readiness',
    request: () => ({ method: 'GET', url: '/api/health/ready' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 200, none: 200 },
  },
  {
    // From this machine and not through a proxy (inject's loopback address), whoever asks; a session is
    // neither needed nor enough elsewhere (test/api/operations.test.ts covers remote callers and the token).
    name: 'metrics from loopback',
    request: () => ({ method: 'GET', url: '/metrics' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 200, none: 200 },
  },
  {
    name: 'who am I',
    request: () => ({ method: 'GET', url: '/api/auth/me' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 200, none: 401 },
  },
  {
    name: 'list organizations',
    request: () => ({ method: 'GET', url: '/api/orgs' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 403, none: 401 },
  },
  {
    name: 'create a tenant',
    request: () => ({ method: 'POST', url: '/api/orgs', body: { name: `Tenant ${uniqueSuffix()}`, kind: 'state' } }),
    expect: { global: 201, adminA: 403, adminB: 403, learner: 403, none: 401 },
  },
  {
    name: 'create a child of county A',
    request: (w) => ({ method: 'POST', url: '/api/orgs', body: { name: `Site ${uniqueSuffix()}`, kind: 'site', parentId: w.countyA.id } }),
    expect: { global: 201, adminA: 201, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'read county A',
    request: (w) => ({ method: 'GET', url: `/api/orgs/${w.countyA.id}` }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'rename county B',
    request: (w) => ({ method: 'PATCH', url: `/api/orgs/${w.countyB.id}`, body: { name: `County B ${uniqueSuffix()}` } }),
    expect: { global: 200, adminA: 404, adminB: 200, learner: 404, none: 401 },
  },
  {
    name: 'search accounts',
    request: () => ({ method: 'GET', url: '/api/accounts' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 403, none: 401 },
  },
  {
    name: 'create an account in county A',
    request: (w) => ({
      method: 'POST',
      url: '/api/accounts',
      body: { orgId: w.countyA.id, firstName: 'New', lastName: 'Person', email: `new-${uniqueSuffix()}@example.org` },
    }),
    expect: { global: 201, adminA: 201, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'read an account in county A',
    request: (w) => ({ method: 'GET', url: `/api/accounts/${w.inA.id}` }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'read one’s own account',
    request: (w) => ({ method: 'GET', url: `/api/accounts/${w.learner.id}` }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 200, none: 401 },
  },
  {
    name: 'edit an account in county A',
    request: (w) => ({ method: 'PATCH', url: `/api/accounts/${w.inA.id}`, body: { jobTitle: `Title ${uniqueSuffix()}` } }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'edit one’s own account',
    request: (w) => ({ method: 'PATCH', url: `/api/accounts/${w.learner.id}`, body: { jobTitle: 'Mine' } }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 403, none: 401 },
  },
  {
    name: 'archive an account in county B',
    prepare: ensureStatus('active'),
    request: (w) => ({ method: 'POST', url: `/api/accounts/${w.inB.id}/archive` }),
    expect: { global: 200, adminA: 404, adminB: 200, learner: 404, none: 401 },
  },
  {
    name: 'reactivate an account in county B',
    prepare: ensureStatus('archived'),
    request: (w) => ({ method: 'POST', url: `/api/accounts/${w.inB.id}/reactivate` }),
    expect: { global: 200, adminA: 404, adminB: 200, learner: 404, none: 401 },
  },
  {
    name: 'duplicate check',
    request: (w) => ({ method: 'GET', url: `/api/accounts/duplicates?email=${encodeURIComponent(w.inA.email)}` }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 403, none: 401 },
  },
  {
    name: 'read the audit log',
    request: () => ({ method: 'GET', url: '/api/audit' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 403, none: 401 },
  },
  {
    name: 'create an API token',
    request: () => ({ method: 'POST', url: '/api/tokens', body: { name: 'script' } }),
    expect: { global: 201, adminA: 201, adminB: 201, learner: 201, none: 401 },
  },
  {
    name: 'read the role catalog',
    request: () => ({ method: 'GET', url: '/api/roles' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 200, none: 401 },
  },
  {
    name: 'add a role to the catalog',
    request: (w) => ({ method: 'POST', url: '/api/roles', body: { label: `Role ${uniqueSuffix()}`, tenantId: w.state.id } }),
    expect: { global: 201, adminA: 403, adminB: 403, learner: 403, none: 401 },
  },
  {
    name: 'change a role',
    request: (w) => ({ method: 'PATCH', url: `/api/roles/learner?tenantId=${w.state.id}`, body: { bulkCreatable: true } }),
    expect: { global: 200, adminA: 403, adminB: 403, learner: 403, none: 401 },
  },
  {
    name: 'remove an unused role',
    prepare: async (c, w) => {
      const roles = (await asRoot(c, 'GET', `/api/roles?tenantId=${w.state.id}`)).json().items;
      if (!roles.some((r: { key: string }) => r.key === 'temporary')) {
        await asRoot(c, 'POST', '/api/roles', { key: 'temporary', label: 'Temporary', tenantId: w.state.id });
      }
    },
    request: (w) => ({ method: 'DELETE', url: `/api/roles/temporary?tenantId=${w.state.id}` }),
    expect: { global: 204, adminA: 403, adminB: 403, learner: 403, none: 401 },
  },
  {
    name: 'give a role to an account in county A',
    prepare: learnerGrant(false),
    request: (w) => ({ method: 'POST', url: `/api/accounts/${w.inA.id}/roles`, body: { role: 'Learner', orgId: w.countyA.id } }),
    expect: { global: 201, adminA: 201, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'take a role from an account in county A',
    prepare: learnerGrant(true),
    request: (w) => ({ method: 'DELETE', url: `/api/accounts/${w.inA.id}/roles/${w.grantId}` }),
    expect: { global: 204, adminA: 204, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'list groups',
    request: () => ({ method: 'GET', url: '/api/groups' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 403, none: 401 },
  },
  {
    name: 'create a group in county A',
    request: (w) => ({ method: 'POST', url: '/api/groups', body: { orgId: w.countyA.id, name: `Group ${uniqueSuffix()}` } }),
    expect: { global: 201, adminA: 201, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'add a member to a group in county A',
    prepare: membership(false),
    request: (w) => ({ method: 'POST', url: `/api/groups/${w.groupA}/members`, body: { accountId: w.inA.id } }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'remove a member from a group in county A',
    prepare: membership(true),
    request: (w) => ({ method: 'DELETE', url: `/api/groups/${w.groupA}/members/${w.inA.id}` }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'set the default group of an account in county A',
    prepare: async (c, w) => void (await asRoot(c, 'PATCH', `/api/accounts/${w.inA.id}`, { defaultGroupId: null })),
    request: (w) => ({ method: 'PATCH', url: `/api/accounts/${w.inA.id}`, body: { defaultGroupId: w.groupA } }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'invite someone into county A',
    request: (w) => ({
      method: 'POST',
      url: '/api/invitations',
      body: { email: `invitee-${uniqueSuffix()}@example.org`, orgId: w.countyA.id, role: 'learner' },
    }),
    expect: { global: 201, adminA: 201, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'list invitations',
    request: () => ({ method: 'GET', url: '/api/invitations' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 403, none: 401 },
  },
  {
    name: 'resend an invitation in county A',
    request: (w) => ({ method: 'POST', url: `/api/invitations/${w.invitationA}/resend` }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'revoke an invitation in county A',
    prepare: async (c, w) => {
      const body = { email: `revocable-${uniqueSuffix()}@example.org`, orgId: w.countyA.id, role: 'learner' };
      w.revocable = (await asRoot(c, 'POST', '/api/invitations', body)).json().id;
    },
    request: (w) => ({ method: 'POST', url: `/api/invitations/${w.revocable}/revoke` }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'read an unknown registration link',
    request: () => ({ method: 'GET', url: '/api/registration/not-a-real-link' }),
    expect: { global: 404, adminA: 404, adminB: 404, learner: 404, none: 404 },
  },
  {
    name: 'bulk export of county A by its filter',
    prepare: bulkWorld,
    request: (w) => ({
      method: 'POST',
      url: '/api/bulk-actions',
      body: { action: 'export', filter: { orgId: w.countyA.id }, expectedCount: w.countA },
    }),
    expect: { global: 202, adminA: 202, adminB: 404, learner: 403, none: 401 },
  },
  {
    name: 'bulk archive by ids (an id out of reach fails on its own row when the job runs)',
    request: (w) => ({
      method: 'POST',
      url: '/api/bulk-actions',
      body: { action: 'archive', accountIds: [w.inB.id], expectedCount: 1, confirm: true },
    }),
    expect: { global: 202, adminA: 202, adminB: 202, learner: 403, none: 401 },
  },
  {
    name: 'list bulk actions',
    request: () => ({ method: 'GET', url: '/api/bulk-actions' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 200, none: 401 },
  },
  {
    name: 'read a bulk action of county A’s admin',
    prepare: bulkWorld,
    request: (w) => ({ method: 'GET', url: `/api/bulk-actions/${w.bulkA}` }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'read a bulk action’s results',
    prepare: bulkWorld,
    request: (w) => ({ method: 'GET', url: `/api/bulk-actions/${w.bulkA}/results?outcome=failed` }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'undo a bulk export (never undoable)',
    prepare: bulkWorld,
    request: (w) => ({ method: 'POST', url: `/api/bulk-actions/${w.bulkA}/undo` }),
    expect: { global: 409, adminA: 409, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'set a seat contract for county A',
    request: (w) => ({
      method: 'POST',
      url: '/api/seat-contracts',
      body: { orgId: w.countyA.id, seats: 100_000, startsOn: '2026-01-01', endsOn: '2099-12-31', warnAt: 99, mode: 'warn' },
    }),
    expect: { global: 201, adminA: 403, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'read the seats of county A',
    request: (w) => ({ method: 'GET', url: `/api/seats?orgId=${w.countyA.id}` }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'list seat contracts',
    request: () => ({ method: 'GET', url: '/api/seat-contracts' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 403, none: 401 },
  },
  {
    name: 'list the inactive accounts of county A',
    request: (w) => ({ method: 'GET', url: `/api/accounts/inactive?orgId=${w.countyA.id}` }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 403, none: 401 },
  },
  {
    name: 'export the accounts of county A',
    request: (w) => ({ method: 'GET', url: `/api/accounts/export?orgId=${w.countyA.id}` }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 403, none: 401 },
  },
  {
    name: 'download an export bulk action of county A’s admin (not yet run: 409)',
    prepare: bulkWorld,
    request: (w) => ({ method: 'GET', url: `/api/bulk-actions/${w.bulkA}/export` }),
    expect: { global: 409, adminA: 409, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'list own API tokens',
    request: () => ({ method: 'GET', url: '/api/tokens' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 200, none: 401 },
  },
  {
    name: 'create a course offered by county A',
    request: (w) => ({
      method: 'POST',
      url: '/api/courses',
      body: { orgId: w.countyA.id, code: `C-${uniqueSuffix()}`, title: 'Orientation' },
    }),
    expect: { global: 201, adminA: 201, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'list courses',
    request: () => ({ method: 'GET', url: '/api/courses' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 403, none: 401 },
  },
  {
    name: 'read a section of county A',
    request: (w) => ({ method: 'GET', url: `/api/sections/${w.sectionA}` }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'change a section of county A',
    request: (w) => ({ method: 'PATCH', url: `/api/sections/${w.sectionA}`, body: { capacity: 5 } }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'list learning paths',
    request: () => ({ method: 'GET', url: '/api/learning-paths' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 403, none: 401 },
  },
  {
    name: 'enroll an account of county A',
    request: (w) => ({ method: 'POST', url: '/api/enrollments', body: { accountIds: [w.inA.id], sectionId: w.sectionA } }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 403, none: 401 },
  },
  {
    name: 'force an enrollment (top organization only)',
    request: (w) => ({
      method: 'POST',
      url: '/api/enrollments',
      body: { accountIds: [w.inA.id], sectionId: w.sectionA, force: true, reason: 'Approved by the county' },
    }),
    expect: { global: 200, adminA: 403, adminB: 404, learner: 403, none: 401 },
  },
  {
    name: 'withdraw an enrollment in county A',
    prepare: async (c, w) => {
      const body = { accountIds: [w.inA.id], sectionId: w.sectionA };
      const result = (await asRoot(c, 'POST', '/api/enrollments', body)).json().results[0];
      w.enrollmentA = result.enrollmentId;
    },
    request: (w) => ({ method: 'POST', url: `/api/enrollments/${w.enrollmentA}/withdraw` }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'read a section’s roster',
    request: (w) => ({ method: 'GET', url: `/api/sections/${w.sectionA}/roster` }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'read an account’s enrollments',
    request: (w) => ({ method: 'GET', url: `/api/accounts/${w.inA.id}/enrollments` }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'what archiving an account would withdraw',
    request: (w) => ({ method: 'GET', url: `/api/accounts/${w.inA.id}/archive-effect` }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'ask for an account on the public form',
    request: (w) => ({
      method: 'POST',
      url: '/api/public/account-requests',
      body: { tenant: w.state.id, firstName: 'Pat', lastName: 'Public', email: `asker-${uniqueSuffix()}@example.org` },
    }),
    expect: { global: 202, adminA: 202, adminB: 202, learner: 202, none: 202 },
  },
  {
    name: 'list account requests',
    request: () => ({ method: 'GET', url: '/api/account-requests' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 403, none: 401 },
  },
  {
    name: 'account request counts',
    request: () => ({ method: 'GET', url: '/api/account-requests/stats' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 403, none: 401 },
  },
  {
    name: 'read a request naming county A',
    request: (w) => ({ method: 'GET', url: `/api/account-requests/${w.requestA}` }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'note on a request naming county A',
    request: (w) => ({ method: 'POST', url: `/api/account-requests/${w.requestA}/reply`, body: { body: 'Checking.', note: true } }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'tag a request naming county A',
    request: (w) => ({ method: 'POST', url: `/api/account-requests/${w.requestA}/tags`, body: { tags: ['checked'] } }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'hand a request naming county A to an account of county B',
    request: (w) => ({ method: 'POST', url: `/api/account-requests/${w.requestA}/redirect`, body: { accountId: w.inB.id } }),
    expect: { global: 400, adminA: 400, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'list response templates',
    request: () => ({ method: 'GET', url: '/api/response-templates' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 403, none: 401 },
  },
  {
    name: 'add a response template',
    request: () => ({
      method: 'POST',
      url: '/api/response-templates',
      body: { label: `Reply ${uniqueSuffix()}`, subject: 'Hello', body: 'Hello {{firstName}}' },
    }),
    expect: { global: 201, adminA: 403, adminB: 403, learner: 403, none: 401 },
  },
  {
    name: 'create a SCIM token landing users in county A',
    request: (w) => ({ method: 'POST', url: '/api/scim/tokens', body: { name: 'IdP', orgId: w.countyA.id } }),
    expect: { global: 201, adminA: 201, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'list own SCIM tokens',
    request: () => ({ method: 'GET', url: '/api/scim/tokens' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 200, none: 401 },
  },
  {
    name: 'send a password reset link to an account in county B',
    prepare: ensureStatus('active'),
    request: (w) => ({ method: 'POST', url: `/api/accounts/${w.inB.id}/password-reset` }),
    expect: { global: 200, adminA: 404, adminB: 200, learner: 404, none: 401 },
  },
  {
    name: 'give an account in county B a temporary password',
    prepare: ensureStatus('active'),
    request: (w) => ({ method: 'POST', url: `/api/accounts/${w.inB.id}/temporary-password` }),
    expect: { global: 200, adminA: 404, adminB: 200, learner: 404, none: 401 },
  },
  {
    name: 'list mail (county administrators: their county’s)',
    request: () => ({ method: 'GET', url: '/api/mail' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 403, none: 401 },
  },
  {
    name: 'remove an empty organization in county A',
    prepare: async (c, w) => {
      w.emptyOrg = (
        await asRoot(c, 'POST', '/api/orgs', { name: `Empty ${uniqueSuffix()}`, kind: 'site', parentId: w.countyA.id })
      ).json().id;
    },
    request: (w) => ({ method: 'DELETE', url: `/api/orgs/${w.emptyOrg}` }),
    expect: { global: 204, adminA: 204, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'move an organization of county A under another of county A',
    prepare: async (c, w) => {
      const site = (name: string) =>
        asRoot(c, 'POST', '/api/orgs', { name: `${name} ${uniqueSuffix()}`, kind: 'site', parentId: w.countyA.id });
      w.emptyOrg = (await site('Mover')).json().id;
      w.moveTarget = (await site('Target')).json().id;
    },
    request: (w) => ({ method: 'POST', url: `/api/orgs/${w.emptyOrg}/move`, body: { parentId: w.moveTarget } }),
    expect: { global: 200, adminA: 200, adminB: 404, learner: 404, none: 401 },
  },
  {
    name: 'list one’s own sessions',
    request: () => ({ method: 'GET', url: '/api/auth/sessions' }),
    expect: { global: 200, adminA: 200, adminB: 200, learner: 200, none: 401 },
  },
];

type ScimWho = 'global' | 'adminA' | 'adminB' | 'none';

/** SCIM endpoints against the SCIM tokens of each caller (a token acts with its creator's reach). */
const scimMatrix: Array<{
  name: string;
  request: (w: World) => { method: 'GET' | 'PUT' | 'PATCH'; url: string; body?: unknown };
  expect: Record<ScimWho, number>;
}> = [
  {
    name: 'SCIM: list users',
    request: () => ({ method: 'GET', url: '/scim/v2/Users' }),
    expect: { global: 200, adminA: 200, adminB: 200, none: 401 },
  },
  {
    name: 'SCIM: read a user in county A',
    request: (w) => ({ method: 'GET', url: `/scim/v2/Users/${w.inA.id}` }),
    expect: { global: 200, adminA: 200, adminB: 404, none: 401 },
  },
  {
    name: 'SCIM: change a user in county A',
    request: (w) => ({
      method: 'PATCH',
      url: `/scim/v2/Users/${w.inA.id}`,
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'title', value: `T ${uniqueSuffix()}` }],
      },
    }),
    expect: { global: 200, adminA: 200, adminB: 404, none: 401 },
  },
  {
    name: 'SCIM: read a group in county A',
    request: (w) => ({ method: 'GET', url: `/scim/v2/Groups/${w.groupA}` }),
    expect: { global: 200, adminA: 200, adminB: 404, none: 401 },
  },
  {
    name: 'SCIM: rename a group in county A',
    request: (w) => ({
      method: 'PATCH',
      url: `/scim/v2/Groups/${w.groupA}`,
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'displayName', value: `G ${uniqueSuffix()}` }],
      },
    }),
    expect: { global: 200, adminA: 200, adminB: 404, none: 401 },
  },
  {
    name: 'SCIM: service provider config',
    request: () => ({ method: 'GET', url: '/scim/v2/ServiceProviderConfig' }),
    expect: { global: 200, adminA: 200, adminB: 200, none: 401 },
  },
];

describeEachDatabase('endpoint × role', (ctx) => {
  let w: World;

  before(async () => {
    const c: TestContext = ctx();
    const state = await createOrg(c, `State ${uniqueSuffix()}`);
    const countyA = await createOrg(c, 'County A', state);
    const countyB = await createOrg(c, 'County B', state);
    const adminA = await signedInAdmin(c, countyA);
    const adminB = await signedInAdmin(c, countyB);
    const learner = await signedInAdmin(c, countyA, 'learner');
    const group = await asRoot(c, 'POST', '/api/groups', { orgId: countyA.id, name: 'County A group' });
    const invitation = await asRoot(c, 'POST', '/api/invitations', {
      email: `invited-${uniqueSuffix()}@example.org`,
      orgId: countyA.id,
      role: 'learner',
    });
    await c.app.inject({
      method: 'POST',
      url: '/api/public/account-requests',
      remoteAddress: '10.99.0.1',
      payload: { tenant: state.id, firstName: 'Ann', lastName: 'Asker', email: `asks-a-${uniqueSuffix()}@example.org`, orgId: countyA.id },
    });
    const requests = await asRoot(c, 'GET', '/api/account-requests?q=asks-a-');
    w = {
      requestA: requests.json().items[0].id,
      groupA: group.json().id,
      invitationA: invitation.json().id,
      state,
      countyA,
      countyB,
      inA: await createAccount(c, { orgId: countyA.id }),
      inB: await createAccount(c, { orgId: countyB.id, password: 'Temporary-pass-9' }),
      learner: learner.account,
      sessions: { global: c.root, adminA: adminA.session, adminB: adminB.session, learner: learner.session, none: undefined },
    };
    const course = await asRoot(c, 'POST', '/api/courses', { orgId: countyA.id, code: `C-${uniqueSuffix()}`, title: 'County A course' });
    w.sectionA = (
      await asRoot(c, 'POST', `/api/courses/${course.json().id}/sections`, { code: `S-${uniqueSuffix()}`, capacity: 3 })
    ).json().id;
  });

  for (const row of matrix) {
    test(row.name, async () => {
      const got: Partial<Record<Who, number>> = {};
      for (const who of everyone) {
        await row.prepare?.(ctx(), w);
        const { method, url, body } = row.request(w);
        const response = await ctx().call(method, url, { as: w.sessions[who], body });
        got[who] = response.statusCode;
        if (response.statusCode >= 400) {
          assert.match(response.json().error.code, /^[a-z_]+$/, `${who}: error responses carry a code`);
        }
      }
      assert.deepEqual(got, row.expect);
    });
  }

  test('SCIM endpoint × SCIM token', async () => {
    const c = ctx();
    const tokenOf = async (session: Session | undefined, org: OrgRef) => {
      const made = await c.call('POST', '/api/scim/tokens', { as: session, body: { name: 'matrix', orgId: org.id } });
      assert.equal(made.statusCode, 201, made.body);
      return made.json().token as string;
    };
    const tokens: Record<ScimWho, string | undefined> = {
      global: await tokenOf(w.sessions.global, w.state),
      adminA: await tokenOf(w.sessions.adminA, w.countyA),
      adminB: await tokenOf(w.sessions.adminB, w.countyB),
      none: undefined,
    };
    for (const row of scimMatrix) {
      const got: Partial<Record<ScimWho, number>> = {};
      for (const who of ['global', 'adminA', 'adminB', 'none'] as const) {
        const { method, url, body } = row.request(w);
        const token = tokens[who];
        const response = await c.app.inject({
          method,
          url,
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/scim+json' } : {}) },
          ...(body ? { payload: JSON.stringify(body) } : {}),
        });
        got[who] = response.statusCode;
        if (response.statusCode >= 400)
          assert.deepEqual(response.json().schemas, ['urn:ietf:params:scim:api:messages:2.0:Error'], `${row.name} as ${who}`);
      }
      assert.deepEqual(got, row.expect, row.name);
    }
    const listedByB = (
      await c.app.inject({ method: 'GET', url: '/scim/v2/Users?count=1000', headers: { authorization: `Bearer ${tokens.adminB}` } })
    ).json();
    const ids = listedByB.Resources.map((u: { id: string }) => u.id);
    assert.ok(ids.includes(w.inB.id));
    assert.ok(!ids.includes(w.inA.id), 'county B’s token lists nothing of county A');
  });

  test('a county admin’s lists hold nothing from the other county', async () => {
    const accounts = await ctx().call('GET', '/api/accounts?limit=500', { as: w.sessions.adminB });
    const ids = accounts.json().items.map((a: { id: string }) => a.id);
    assert.ok(ids.includes(w.inB.id));
    assert.ok(!ids.includes(w.inA.id));
    const orgs = await ctx().call('GET', '/api/orgs', { as: w.sessions.adminB });
    assert.deepEqual(
      orgs.json().items.map((o: { id: string }) => o.id),
      [w.countyB.id],
    );
    const audit = await ctx().call('GET', '/api/audit?limit=500', { as: w.sessions.adminB });
    const targets = new Set(audit.json().items.map((e: { targetId: string }) => e.targetId));
    assert.ok(targets.has(w.inB.id));
    assert.ok(!targets.has(w.inA.id));
  });

  test('an out-of-scope organization filter answers 404, not an empty list', async () => {
    const response = await ctx().call('GET', `/api/accounts?orgId=${w.countyA.id}`, { as: w.sessions.adminB });
    assert.equal(response.statusCode, 404);
  });

  test('an API token acts with its creator’s reach', async () => {
    const created = await ctx().call('POST', '/api/tokens', { as: w.sessions.adminB, body: { name: 'sync' } });
    const bearer = { bearer: created.json().token as string };
    assert.equal((await ctx().call('GET', `/api/accounts/${w.inB.id}`, { as: bearer })).statusCode, 200);
    assert.equal((await ctx().call('GET', `/api/accounts/${w.inA.id}`, { as: bearer })).statusCode, 404);
    await ctx().call('POST', `/api/tokens/${created.json().id}/revoke`, { as: w.sessions.adminB });
    const revoked = await ctx().call('GET', `/api/accounts/${w.inB.id}`, { as: bearer });
    assert.equal(revoked.statusCode, 401);
  });
});

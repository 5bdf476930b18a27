import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Permissions } from '../../common/permissions.ts';
import { can, mayGrantRole, reach, type Actor, type Grant } from './actor.ts';

const grant = (orgPath: string, permissions: string[], mayGrant: string[] = []): Grant => ({
  roleKey: 'admin',
  orgId: orgPath.split('/').at(-2) as string,
  orgPath,
  permissions: new Set(permissions),
  mayGrant,
});
const actor = (grants: Grant[]): Actor => ({ accountId: 'a', label: 'a', tenantId: 't', isGlobalAdmin: false, grants, source: 'api' });

test('a grant reaches its organization and everything below, nothing beside or above', () => {
  const a = actor([grant('/t/county/', [Permissions.accountsRead])]);
  assert.equal(can(a, Permissions.accountsRead, '/t/county/'), true);
  assert.equal(can(a, Permissions.accountsRead, '/t/county/site/'), true);
  assert.equal(can(a, Permissions.accountsRead, '/t/'), false);
  assert.equal(can(a, Permissions.accountsRead, '/t/county2/'), false);
  assert.equal(can(a, Permissions.accountsWrite, '/t/county/'), false);
});

test('reach drops subtrees already covered by a wider grant', () => {
  const a = actor([
    grant('/t/county/site/', [Permissions.accountsRead]),
    grant('/t/county/', [Permissions.accountsRead]),
    grant('/t/other/', []),
  ]);
  assert.deepEqual(reach(a, Permissions.accountsRead), ['/t/county/']);
  assert.deepEqual(reach({ ...a, isGlobalAdmin: true }, Permissions.accountsRead), 'all');
});

test('roles are granted only inside the subtree of a role that may grant them', () => {
  const a = actor([grant('/t/county/', [], ['learner'])]);
  assert.equal(mayGrantRole(a, 'learner', '/t/county/site/'), true);
  assert.equal(mayGrantRole(a, 'admin', '/t/county/'), false);
  assert.equal(mayGrantRole(a, 'learner', '/t/'), false);
});

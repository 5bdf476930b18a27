import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Permissions } from '../../../common/permissions.ts';
import type { Actor } from '../../platform/actor.ts';
import { beyondReachReason, rolesLostOnMove } from './account-reach.ts';

const countyAdmin: Actor = {
  accountId: 'c',
  label: 'county admin',
  tenantId: 't',
  isGlobalAdmin: false,
  source: 'api',
  grants: [{ roleKey: 'admin', orgId: 'county', orgPath: '/t/county/', permissions: new Set([Permissions.accountsWrite]), mayGrant: [] }],
};
const globalAdmin: Actor = { ...countyAdmin, isGlobalAdmin: true, grants: [] };
const role = (orgName: string, orgPath: string) => ({ roleLabel: 'Administrator', orgName, orgPath });
const plain = { isGlobalAdmin: 0 };

test('an account whose roles all lie in the actor’s reach may be changed', () => {
  assert.equal(beyondReachReason(countyAdmin, Permissions.accountsWrite, plain, []), null);
  assert.equal(beyondReachReason(countyAdmin, Permissions.accountsWrite, plain, [role('Site', '/t/county/site/')]), null);
  assert.equal(beyondReachReason(countyAdmin, Permissions.accountsWrite, plain, [role('County', '/t/county/')]), null);
});

test('one role above or beside the actor’s reach refuses the change, naming where it is held', () => {
  assert.equal(
    beyondReachReason(countyAdmin, Permissions.accountsWrite, plain, [role('Site', '/t/county/site/'), role('Statewide', '/t/')]),
    'This account holds a role at Statewide, outside your organizations; ask an administrator there.',
  );
  assert.match(beyondReachReason(countyAdmin, Permissions.accountsWrite, plain, [role('Kern', '/t/kern/')]) ?? '', /at Kern/);
  // A role inside the reach, but for a permission the actor does not hold there, counts as outside.
  assert.notEqual(beyondReachReason(countyAdmin, Permissions.accountsLifecycle, plain, [role('Site', '/t/county/site/')]), null);
});

test('a global administrator’s account is changed only by a global administrator', () => {
  assert.match(beyondReachReason(countyAdmin, Permissions.accountsWrite, { isGlobalAdmin: 1 }, []) ?? '', /global administrator/);
  assert.equal(beyondReachReason(globalAdmin, Permissions.accountsWrite, { isGlobalAdmin: 1 }, [role('Statewide', '/t/')]), null);
});

test('a move keeps the roles above and inside the new home and loses the ones beside it', () => {
  const held = [role('State', '/t/'), role('County', '/t/county/'), role('Old site', '/t/county/old/'), role('Other county', '/t/kern/')];
  assert.deepEqual(
    rolesLostOnMove(held, '/t/county/new/').map((r) => r.orgName),
    ['Old site', 'Other county'],
  );
  assert.deepEqual(
    rolesLostOnMove(held, '/t/').map((r) => r.orgName),
    [],
    'moving up to the state keeps roles inside it',
  );
});

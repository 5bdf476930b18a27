import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { importHeader, importRows, planImport } from '../support/imports.ts';

// Issue #12, finding 4: an account is only as reachable as its widest role. A county administrator
// must not edit, archive, reactivate or re-invite a state administrator who happens to live in the county.
describeEachDatabase('accounts that hold a wider role', (ctx) => {
  let state: OrgRef;
  let county: OrgRef;
  let site: OrgRef;
  let countyAdmin: Session;

  /** An account holding `admin` at the state, then moved (by the root administrator) into the county's site. */
  async function stateAdminInSite(email: string, password?: string): Promise<string> {
    const created = await ctx().call('POST', '/api/accounts', {
      as: ctx().root,
      body: { orgId: state.id, firstName: 'Sam', lastName: 'Statewide', email, role: 'admin', ...(password ? { password } : {}) },
    });
    assert.equal(created.statusCode, 201, created.body);
    const moved = await ctx().call('PATCH', `/api/accounts/${created.json().id}`, { as: ctx().root, body: { orgId: site.id } });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.deepEqual(
      moved.json().roles.map((r: { key: string; orgId: string }) => [r.key, r.orgId]),
      [['admin', state.id]],
      'a role held above the new home survives the move',
    );
    return created.json().id as string;
  }

  const refusedAsBeyondReach = (response: { statusCode: number; json(): { error: { code: string; message: string } } }) => {
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().error.code, 'account_beyond_reach');
    assert.equal(
      response.json().error.message,
      'This account holds a role at Takeover State, outside your organizations; ask an administrator there.',
    );
  };

  before(async () => {
    state = await createOrg(ctx(), 'Takeover State');
    county = await createOrg(ctx(), 'Fresno County', state);
    site = await createOrg(ctx(), 'Lincoln High', county, 'site');
    countyAdmin = (await signedInAdmin(ctx(), county)).session;
  });

  test('the county admin can read the account but not change its email, archive or reactivate it', async () => {
    const sam = await stateAdminInSite('sam@state.gov', 'Temp-pass-for-sam-1');
    const read = await ctx().call('GET', `/api/accounts/${sam}`, { as: countyAdmin });
    assert.equal(read.statusCode, 200, 'reading stays allowed: the home organization is in reach');
    refusedAsBeyondReach(await ctx().call('PATCH', `/api/accounts/${sam}`, { as: countyAdmin, body: { email: 'mine@county.gov' } }));
    refusedAsBeyondReach(await ctx().call('POST', `/api/accounts/${sam}/archive`, { as: countyAdmin }));
    assert.equal((await ctx().call('POST', `/api/accounts/${sam}/archive`, { as: ctx().root })).statusCode, 200);
    refusedAsBeyondReach(await ctx().call('POST', `/api/accounts/${sam}/reactivate`, { as: countyAdmin }));
    const after = await ctx().call('GET', `/api/accounts/${sam}`, { as: ctx().root });
    assert.equal(after.json().email, 'sam@state.gov');
    assert.equal(after.json().status, 'archived');
  });

  test('the county admin cannot send a new activation link to an invited state administrator', async () => {
    const ivy = await stateAdminInSite('ivy@state.gov');
    refusedAsBeyondReach(await ctx().call('POST', `/api/accounts/${ivy}/send-activation`, { as: countyAdmin }));
  });

  test('the county admin cannot move the account either', async () => {
    const max = await stateAdminInSite('max@state.gov', 'Temp-pass-for-max-1');
    refusedAsBeyondReach(await ctx().call('PATCH', `/api/accounts/${max}`, { as: countyAdmin, body: { orgId: county.id } }));
  });

  test('an import by the county admin fails the row of such an account as out of scope', async () => {
    await stateAdminInSite('lee@state.gov', 'Temp-pass-for-lee-1');
    const planned = await planImport(
      ctx(),
      countyAdmin,
      county.id,
      `${importHeader}\n,Statewide,Sam,lee@state.gov,Archived,,Changed,,,,\n`,
    );
    assert.equal(planned.counts.failed, 1);
    const [row] = await importRows(ctx(), countyAdmin, planned.id);
    assert.equal(row?.reason, 'out_of_scope');
    assert.match(row?.message ?? '', /holds a role at Takeover State/);
  });

  test('the county admin still edits the accounts that lie wholly in their reach', async () => {
    const learner = await ctx().call('POST', '/api/accounts', {
      as: countyAdmin,
      body: { orgId: site.id, firstName: 'Lou', lastName: 'Learner', email: 'lou@lincoln.edu', role: 'learner' },
    });
    assert.equal(learner.statusCode, 201, learner.body);
    const edited = await ctx().call('PATCH', `/api/accounts/${learner.json().id}`, {
      as: countyAdmin,
      body: { email: 'lou2@lincoln.edu' },
    });
    assert.equal(edited.statusCode, 200, edited.body);
  });
});

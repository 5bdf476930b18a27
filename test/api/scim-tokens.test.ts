import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { errorUrn, scim, scimToken, scimUser } from '../support/scim.ts';

describeEachDatabase('SCIM tokens', (ctx) => {
  let state: OrgRef;
  let countyA: OrgRef;
  let countyB: OrgRef;
  let adminA: Session;
  let adminB: Session;

  before(async () => {
    state = await createOrg(ctx(), 'Token State');
    countyA = await createOrg(ctx(), 'County A', state);
    countyB = await createOrg(ctx(), 'County B', state);
    adminA = (await signedInAdmin(ctx(), countyA)).session;
    adminB = (await signedInAdmin(ctx(), countyB)).session;
  });

  test('a county admin makes a SCIM token landing in their county, lists it (no secret) and it is audited', async () => {
    const created = await ctx().call('POST', '/api/scim/tokens', { as: adminA, body: { name: 'Entra ID', orgId: countyA.id } });
    assert.equal(created.statusCode, 201, created.body);
    assert.match(created.json().token, /^rgscim_/);
    assert.equal(created.json().landingOrgName, 'County A');
    const list = (await ctx().call('GET', '/api/scim/tokens', { as: adminA })).json();
    assert.deepEqual(
      list.items.map((t: { name: string; token?: string }) => [t.name, t.token]),
      [['Entra ID', undefined]],
    );
    const apiTokens = (await ctx().call('GET', '/api/tokens', { as: adminA })).json();
    assert.equal(apiTokens.items.length, 0, 'SCIM tokens are not listed with API tokens');
    const audit = (await ctx().call('GET', `/api/audit?targetId=${created.json().id}`, { as: ctx().root })).json();
    assert.equal(audit.items[0].action, 'token.created');
    assert.equal(audit.items[0].after.kind, 'scim');
  });

  test('a token cannot land users outside its creator’s reach', async () => {
    const outside = await ctx().call('POST', '/api/scim/tokens', { as: adminA, body: { name: 'x', orgId: countyB.id } });
    assert.equal(outside.statusCode, 404, outside.body);
    const learner = await signedInAdmin(ctx(), countyA, 'learner');
    const refused = await ctx().call('POST', '/api/scim/tokens', { as: learner.session, body: { name: 'x', orgId: countyA.id } });
    assert.equal(refused.statusCode, 404, 'a learner reaches no organization to create accounts in');
  });

  test('a SCIM token works on /scim/v2 only, and an API token not there; without a token SCIM answers 401 in its shape', async () => {
    const { token } = await scimToken(ctx(), adminA, countyA);
    assert.equal((await scim(ctx(), token, 'GET', '/Users')).statusCode, 200);
    const onApi = await ctx().call('GET', '/api/accounts', { as: { bearer: token } });
    assert.equal(onApi.statusCode, 401, 'the REST API refuses a SCIM token');
    const apiToken = (await ctx().call('POST', '/api/tokens', { as: adminA, body: { name: 'script' } })).json().token as string;
    const onScim = await scim(ctx(), apiToken, 'GET', '/Users');
    assert.equal(onScim.statusCode, 401);
    assert.deepEqual(onScim.json().schemas, [errorUrn]);
    assert.equal(onScim.json().status, '401');
    const anonymous = await ctx().app.inject({ method: 'GET', url: '/scim/v2/Users' });
    assert.equal(anonymous.statusCode, 401);
    assert.match(String(anonymous.headers['content-type']), /^application\/scim\+json/);
    const cookie = await ctx().app.inject({ method: 'GET', url: '/scim/v2/Users', headers: { cookie: adminA.cookie ?? '' } });
    assert.equal(cookie.statusCode, 401, 'a console session is not a SCIM credential');
  });

  test('a revoked token stops at once; a token of an archived person stops too', async () => {
    const made = await scimToken(ctx(), adminA, countyA);
    const revoked = await ctx().call('POST', `/api/scim/tokens/${made.id}/revoke`, { as: adminA });
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.ok(revoked.json().revokedAt);
    assert.equal((await scim(ctx(), made.token, 'GET', '/Users')).statusCode, 401);
    const notMine = await ctx().call('POST', `/api/scim/tokens/${made.id}/revoke`, { as: adminB });
    assert.equal(notMine.statusCode, 404);

    const person = await createAccount(ctx(), { orgId: countyA.id, role: 'admin', password: 'Temp-pass-12345' });
    const session = await ctx().signIn(person.email, 'Temp-pass-12345');
    await ctx().call('POST', '/api/auth/change-password', {
      as: session,
      body: { currentPassword: 'Temp-pass-12345', newPassword: 'Chosen-pass-98765' },
    });
    const theirs = await scimToken(ctx(), session, countyA);
    assert.equal((await scim(ctx(), theirs.token, 'GET', '/Users')).statusCode, 200);
    const changed = await ctx().call('POST', '/api/auth/change-password', {
      as: session,
      body: { currentPassword: 'Chosen-pass-98765', newPassword: 'Another-pass-24680', keepApiTokens: true },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal((await scim(ctx(), theirs.token, 'GET', '/Users')).statusCode, 200, 'kept, as the person asked');
    const again = await ctx().call('POST', '/api/auth/change-password', {
      as: session,
      body: { currentPassword: 'Another-pass-24680', newPassword: 'Third-pass-13579' },
    });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal((await scim(ctx(), theirs.token, 'GET', '/Users')).statusCode, 401, 'a password change ends SCIM tokens too');
    const fresh = await scimToken(ctx(), session, countyA);
    assert.equal((await scim(ctx(), fresh.token, 'GET', '/Users')).statusCode, 200);
    await ctx().call('POST', `/api/accounts/${person.id}/archive`, { as: adminA });
    assert.equal((await scim(ctx(), fresh.token, 'GET', '/Users')).statusCode, 401);
  });

  test('scope: a county admin’s token neither sees nor touches the other county', async () => {
    const a = (await scimToken(ctx(), adminA, countyA)).token;
    const b = (await scimToken(ctx(), adminB, countyB)).token;
    const inB = (await scim(ctx(), b, 'POST', '/Users', scimUser('only-in-b@example.org'))).json();
    const inA = (await scim(ctx(), a, 'POST', '/Users', scimUser('only-in-a@example.org'))).json();
    assert.equal((await scim(ctx(), a, 'GET', `/Users/${inB.id}`)).statusCode, 404);
    assert.equal((await scim(ctx(), a, 'PUT', `/Users/${inB.id}`, scimUser('only-in-b@example.org'))).statusCode, 404);
    const patch = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    };
    assert.equal((await scim(ctx(), a, 'PATCH', `/Users/${inB.id}`, patch)).statusCode, 404);
    assert.equal((await scim(ctx(), a, 'DELETE', `/Users/${inB.id}`)).statusCode, 404);
    const listed = (await scim(ctx(), a, 'GET', '/Users?count=1000')).json();
    const ids = listed.Resources.map((u: { id: string }) => u.id);
    assert.ok(ids.includes(inA.id));
    assert.ok(!ids.includes(inB.id));
    const filtered = (await scim(ctx(), a, 'GET', '/Users?filter=userName%20eq%20%22only-in-b@example.org%22')).json();
    assert.equal(filtered.totalResults, 0);
    const taken = await scim(ctx(), a, 'POST', '/Users', scimUser('only-in-b@example.org'));
    assert.equal(taken.statusCode, 409, 'the email is taken in the tenant');
    assert.doesNotMatch(taken.json().detail, /County B/, 'without naming where');
    const groupB = (
      await scim(ctx(), b, 'POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'B team' })
    ).json();
    assert.equal((await scim(ctx(), a, 'GET', `/Groups/${groupB.id}`)).statusCode, 404);
    const groupsA = (await scim(ctx(), a, 'GET', '/Groups')).json();
    assert.ok(!groupsA.Resources.some((g: { id: string }) => g.id === groupB.id));
  });
});

describeEachDatabase(
  'SCIM rate limit',
  (ctx) => {
    test('each token has its own allowance per minute; past it SCIM answers 429 with Retry-After in its shape', async () => {
      const state = await createOrg(ctx(), 'Rate State');
      const admin = (await signedInAdmin(ctx(), state)).session;
      const first = (await scimToken(ctx(), admin, state)).token;
      const second = (await scimToken(ctx(), admin, state)).token;
      for (let i = 0; i < 5; i++) assert.equal((await scim(ctx(), first, 'GET', '/ServiceProviderConfig')).statusCode, 200);
      const refused = await scim(ctx(), first, 'GET', '/ServiceProviderConfig');
      assert.equal(refused.statusCode, 429, refused.body);
      assert.deepEqual(refused.json().schemas, [errorUrn]);
      assert.equal(refused.json().status, '429');
      assert.ok(Number(refused.headers['retry-after']) > 0);
      assert.equal((await scim(ctx(), second, 'GET', '/ServiceProviderConfig')).statusCode, 200, 'another token is not affected');
    });
  },
  { scimRequestsPerMinute: 5 },
);

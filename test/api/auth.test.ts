import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type AccountRef, type OrgRef } from '../support/factories.ts';

describeEachDatabase('sign-in, sessions and throttling', (ctx) => {
  let org: OrgRef;
  let person: AccountRef;
  let session: Session;

  before(async () => {
    org = await createOrg(ctx(), 'Auth Tenant');
    const admin = await signedInAdmin(ctx(), org);
    person = admin.account;
    session = admin.session;
  });

  test('a wrong password answers 401 invalid_credentials, the same as an unknown name', async () => {
    const wrong = await ctx().call('POST', '/api/auth/login', { body: { username: person.email, password: 'not-the-password' } });
    const unknown = await ctx().call('POST', '/api/auth/login', { body: { username: 'nobody@example.org', password: 'not-the-password' } });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(wrong.json(), unknown.json());
    assert.equal(wrong.json().error.code, 'invalid_credentials');
  });

  test('the session cookie is httpOnly and SameSite=Lax', async () => {
    const response = await ctx().call('POST', '/api/auth/login', { body: { username: person.email, password: person.password } });
    const cookie = String(response.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
  });

  test('the username may be given in any case and the session reports the account', async () => {
    const s = await ctx().signIn(person.email.toUpperCase(), person.password as string);
    const me = await ctx().call('GET', '/api/auth/me', { as: s });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().account.id, person.id);
    assert.ok(me.json().account.lastActivityAt, 'signing in counts as activity');
    assert.equal(me.json().scope[0].roleKey, 'admin');
  });

  test('logout ends the session', async () => {
    const s = await ctx().signIn(person.email, person.password as string);
    assert.equal((await ctx().call('POST', '/api/auth/logout', { as: s })).statusCode, 204);
    assert.equal((await ctx().call('GET', '/api/auth/me', { as: s })).statusCode, 401);
  });

  test('a tampered session cookie is not accepted', async () => {
    const forged = { cookie: `${session.cookie?.slice(0, -3)}abc` };
    assert.equal((await ctx().call('GET', '/api/auth/me', { as: forged })).statusCode, 401);
  });

  test('repeated wrong passwords lock the name with 429 and Retry-After, even for the right password', async () => {
    const victim = await createAccount(ctx(), { orgId: org.id, password: 'Temporary-pass-7' });
    const codes: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      codes.push((await ctx().call('POST', '/api/auth/login', { body: { username: victim.email, password: `wrong-${i}` } })).statusCode);
    }
    assert.deepEqual(codes, [401, 401, 401, 401, 401, 429]);
    const right = await ctx().call('POST', '/api/auth/login', { body: { username: victim.email, password: 'Temporary-pass-7' } });
    assert.equal(right.statusCode, 429);
    assert.equal(right.json().error.code, 'too_many_attempts');
    assert.ok(Number(right.headers['retry-after']) > 0);
  });

  test('an archived account cannot sign in and its sessions end', async () => {
    const a = await createAccount(ctx(), { orgId: org.id, password: 'Temporary-pass-8' });
    const s = await ctx().signIn(a.email, 'Temporary-pass-8');
    await ctx().call('POST', `/api/accounts/${a.id}/archive`, { as: ctx().root });
    assert.equal((await ctx().call('GET', '/api/auth/me', { as: s })).statusCode, 401);
    const again = await ctx().call('POST', '/api/auth/login', { body: { username: a.email, password: 'Temporary-pass-8' } });
    assert.equal(again.statusCode, 403);
    assert.equal(again.json().error.code, 'account_archived');
  });

  test('changing the password signs out the other sessions', async () => {
    const a = await createAccount(ctx(), { orgId: org.id, password: 'Temporary-pass-6' });
    const first = await ctx().signIn(a.email, 'Temporary-pass-6');
    const second = await ctx().signIn(a.email, 'Temporary-pass-6');
    const change = await ctx().call('POST', '/api/auth/change-password', {
      as: first,
      body: { currentPassword: 'Temporary-pass-6', newPassword: 'brand-new-passphrase' },
    });
    assert.equal(change.statusCode, 200, change.body);
    assert.equal((await ctx().call('GET', '/api/auth/me', { as: first })).statusCode, 200);
    assert.equal((await ctx().call('GET', '/api/auth/me', { as: second })).statusCode, 401);
  });

  test('the new password must differ from the username and from common passwords', async () => {
    const a = await createAccount(ctx(), { orgId: org.id, password: 'Temporary-pass-5' });
    const s = await ctx().signIn(a.email, 'Temporary-pass-5');
    for (const newPassword of [a.email, 'qwertyuiop', 'short']) {
      const response = await ctx().call('POST', '/api/auth/change-password', {
        as: s,
        body: { currentPassword: 'Temporary-pass-5', newPassword },
      });
      assert.equal(response.statusCode, 400, newPassword);
      assert.equal(response.json().error.code, 'weak_password');
    }
  });

  test('a cookie-authenticated write from another site is refused; bearer calls are not affected', async () => {
    const body = { name: 'From elsewhere', kind: 'site', parentId: org.id };
    const crossSite = await ctx().call('POST', '/api/orgs', {
      as: session,
      body,
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    assert.equal(crossSite.statusCode, 403);
    assert.equal(crossSite.json().error.code, 'csrf_rejected');
    const sameOrigin = await ctx().call('POST', '/api/orgs', {
      as: session,
      body,
      headers: { origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' },
    });
    assert.equal(sameOrigin.statusCode, 201, sameOrigin.body);
    const token = (await ctx().call('POST', '/api/tokens', { as: session, body: { name: 'ci' } })).json().token as string;
    const bearer = await ctx().call('GET', '/api/orgs', { as: { bearer: token }, headers: { origin: 'https://evil.example' } });
    assert.equal(bearer.statusCode, 200);
  });

  test('API tokens are stored only as hashes', async () => {
    const created = await ctx().call('POST', '/api/tokens', { as: session, body: { name: 'hash check' } });
    const token = created.json().token as string;
    const rows = await ctx().database.db.selectFrom('apiTokens').select(['tokenHash', 'prefix']).execute();
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => r.tokenHash !== token && !r.tokenHash.includes(token)));
    const list = await ctx().call('GET', '/api/tokens', { as: session });
    assert.ok(!list.body.includes(token));
  });
});

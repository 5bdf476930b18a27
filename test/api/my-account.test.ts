import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createOrg, signedInAdmin, type AccountRef } from '../support/factories.ts';
import { movableClock } from '../support/seams.ts';

const clock = movableClock();

describeEachDatabase(
  'my account: API tokens with an expiry, last use and revocation; sessions and signing out elsewhere',
  (ctx) => {
    let me: AccountRef;
    let session: Session;

    test('setup', async () => {
      const ohio = await createOrg(ctx(), 'Ohio');
      ({ session, account: me } = await signedInAdmin(ctx(), ohio));
    });

    test('a token made with an expiry works, records its last use, stops at its expiry, and is listed without its secret', async () => {
      const made = await ctx().call('POST', '/api/tokens', { as: session, body: { name: 'nightly sync', expiresInDays: 30 } });
      assert.equal(made.statusCode, 201, made.body);
      const { token, id, expiresAt, lastUsedAt } = made.json();
      assert.equal(lastUsedAt, null);
      const days = (Date.parse(expiresAt) - clock.now().getTime()) / 86_400_000;
      assert.ok(days > 29.9 && days <= 30, `expires in ${days} days`);

      assert.equal((await ctx().call('GET', '/api/orgs', { as: { bearer: token } })).statusCode, 200);
      const listed = (await ctx().call('GET', '/api/tokens', { as: session })).json().items.find((t: { id: string }) => t.id === id);
      assert.ok(listed.lastUsedAt, 'its use is recorded');
      assert.equal(listed.expiresAt, expiresAt);
      assert.equal(listed.token, undefined, 'the secret is shown only once');

      clock.advance(31 * 86_400);
      assert.equal((await ctx().call('GET', '/api/orgs', { as: { bearer: token } })).statusCode, 401, 'expired');
      clock.advance(-31 * 86_400);
    });

    test('a token without an expiry works until revoked; the revocation is audited', async () => {
      const { token, id, expiresAt } = (await ctx().call('POST', '/api/tokens', { as: session, body: { name: 'report' } })).json();
      assert.equal(expiresAt, null);
      assert.equal((await ctx().call('GET', '/api/orgs', { as: { bearer: token } })).statusCode, 200);
      assert.equal((await ctx().call('POST', `/api/tokens/${id}/revoke`, { as: session })).statusCode, 200);
      assert.equal((await ctx().call('GET', '/api/orgs', { as: { bearer: token } })).statusCode, 401);
      const audit = (await ctx().call('GET', `/api/audit?targetId=${id}`, { as: ctx().root })).json().items;
      assert.deepEqual(audit.map((e: { action: string }) => e.action).sort(), ['token.created', 'token.revoked']);
    });

    test('an expiry out of range is refused with a message', async () => {
      for (const expiresInDays of [0, 3651, 1.5, '30']) {
        const answer = await ctx().call('POST', '/api/tokens', { as: session, body: { name: 'x', expiresInDays } });
        assert.equal(answer.statusCode, 400, `${String(expiresInDays)}: ${answer.body}`);
      }
    });

    test('the person sees where they are signed in and signs out everywhere else; the current session stays', async () => {
      const elsewhere = await ctx().signIn(me.email, me.password ?? '');
      const listed = await ctx().call('GET', '/api/auth/sessions', { as: session });
      assert.equal(listed.statusCode, 200, listed.body);
      const items = listed.json().items as Array<{ current: boolean; userAgent: string | null }>;
      assert.ok(items.length >= 2);
      assert.equal(items.filter((s) => s.current).length, 1);
      assert.ok(!JSON.stringify(items).includes(String(session.cookie).split('=')[1] ?? 'none'), 'no secret in the list');

      const out = await ctx().call('POST', '/api/auth/sessions/sign-out-others', { as: session });
      assert.equal(out.statusCode, 200, out.body);
      assert.ok(out.json().ended >= 1);
      assert.equal((await ctx().call('GET', '/api/auth/me', { as: elsewhere })).statusCode, 401, 'the other session ended');
      assert.equal((await ctx().call('GET', '/api/auth/me', { as: session })).statusCode, 200, 'this one did not');
      const after = (await ctx().call('GET', '/api/auth/sessions', { as: session })).json().items;
      assert.equal(after.length, 1);
      const audit = (await ctx().call('GET', `/api/audit?personId=${me.id}&action=auth.signed_out_elsewhere`, { as: ctx().root })).json();
      assert.equal(audit.total, 1);
    });

    test('an API token may list the sessions but not sign its person out everywhere', async () => {
      const { token } = (await ctx().call('POST', '/api/tokens', { as: session, body: { name: 'script' } })).json();
      assert.equal((await ctx().call('GET', '/api/auth/sessions', { as: { bearer: token } })).statusCode, 200);
      const refused = await ctx().call('POST', '/api/auth/sessions/sign-out-others', { as: { bearer: token } });
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal((await ctx().call('GET', '/api/auth/me', { as: session })).statusCode, 200);
    });

    test('without signing in there are no sessions to list', async () => {
      assert.equal((await ctx().call('GET', '/api/auth/sessions')).statusCode, 401);
      assert.equal((await ctx().call('POST', '/api/auth/sessions/sign-out-others')).statusCode, 401);
    });
  },
  { overrides: { clock } },
);

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session, type TestContext } from '../support/context.ts';
import { createOrg, signedInAdmin, uniqueSuffix, type AccountRef, type OrgRef } from '../support/factories.ts';

/** A person with a chosen password, signed in, holding one API token. */
async function personWithToken(ctx: TestContext, org: OrgRef): Promise<{ account: AccountRef; session: Session; token: Session }> {
  const { account, session } = await signedInAdmin(ctx, org, 'learner');
  const created = await ctx.call('POST', '/api/tokens', { as: session, body: { name: 'script' } });
  assert.equal(created.statusCode, 201, created.body);
  const token = { bearer: created.json().token as string };
  assert.equal((await ctx.call('GET', '/api/auth/me', { as: token })).statusCode, 200, 'the token works to begin with');
  return { account, session, token };
}

const answers = async (ctx: TestContext, as: Session) => (await ctx.call('GET', '/api/auth/me', { as })).statusCode;

describeEachDatabase('API tokens end with the password they were made under', (ctx) => {
  let org: OrgRef;

  before(async () => {
    org = await createOrg(ctx(), `Revocation Tenant ${uniqueSuffix()}`);
  });

  test('a password reset ends the sessions and the API tokens', async () => {
    const { account, session, token } = await personWithToken(ctx(), org);
    assert.equal((await ctx().call('POST', '/api/auth/password-reset', { body: { username: account.email } })).statusCode, 202);
    await ctx().drainJobs();
    const message = (await ctx().services.outbox.messagesTo(ctx().database.db, account.email)).find((m) => m.kind === 'password_reset');
    const resetToken = /\/reset-password\/([\w-]+)/.exec(message?.bodyText ?? '')?.[1];
    assert.ok(resetToken, 'the reset message carries its link');
    const done = await ctx().call('POST', `/api/auth/password-reset/${resetToken}`, { body: { newPassword: 'Reset-and-revoked-77' } });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(await answers(ctx(), token), 401);
    assert.equal(await answers(ctx(), session), 401);
  });

  test('an administrator giving someone a new email address ends that person’s sessions and API tokens', async () => {
    const { account, session, token } = await personWithToken(ctx(), org);
    const changed = await ctx().call('PATCH', `/api/accounts/${account.id}`, {
      as: ctx().root,
      body: { email: `moved-${uniqueSuffix()}@example.org` },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(await answers(ctx(), token), 401);
    assert.equal(await answers(ctx(), session), 401);
  });

  test('an administrator changing only someone’s name leaves their access alone', async () => {
    const { account, token } = await personWithToken(ctx(), org);
    const changed = await ctx().call('PATCH', `/api/accounts/${account.id}`, { as: ctx().root, body: { firstName: 'Renamed' } });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(await answers(ctx(), token), 200);
  });

  test('changing your own password revokes your API tokens and other sessions, keeping the one in use', async () => {
    const { account, session, token } = await personWithToken(ctx(), org);
    const elsewhere = await ctx().signIn(account.email, account.password as string);
    const change = await ctx().call('POST', '/api/auth/change-password', {
      as: session,
      body: { currentPassword: account.password, newPassword: 'Changed-and-revoked-88' },
    });
    assert.equal(change.statusCode, 200, change.body);
    assert.equal(await answers(ctx(), token), 401);
    assert.equal(await answers(ctx(), elsewhere), 401);
    assert.equal(await answers(ctx(), session), 200);
  });

  test('changing your own password with keepApiTokens leaves the tokens working', async () => {
    const { account, session, token } = await personWithToken(ctx(), org);
    const change = await ctx().call('POST', '/api/auth/change-password', {
      as: session,
      body: { currentPassword: account.password, newPassword: 'Changed-but-kept-99', keepApiTokens: true },
    });
    assert.equal(change.statusCode, 200, change.body);
    assert.equal(await answers(ctx(), token), 200);
  });
});

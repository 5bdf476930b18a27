import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { describeEachDatabase, type Session, type TestContext } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type AccountRef, type OrgRef } from '../support/factories.ts';
import { SmtpSink } from '../support/smtp-sink.ts';

const sink = new SmtpSink();
await sink.start();
after(() => sink.stop());

const tokenOf = (url: string) => /\/reset-password\/([\w-]+)$/.exec(url)?.[1] ?? '';

async function auditActions(ctx: TestContext, accountId: string): Promise<Array<{ action: string; after: unknown }>> {
  const page = await ctx.call('GET', `/api/audit?targetId=${accountId}`, { as: ctx.root });
  return page.json().items;
}

/** A tenant, a county with an active person who forgot their password, a county administrator and one from elsewhere. */
async function setting(ctx: TestContext) {
  const ohio = await createOrg(ctx, 'Ohio');
  const franklin = await createOrg(ctx, 'Franklin County', ohio);
  const delaware = await createOrg(ctx, 'Delaware County', ohio);
  const countyAdmin = (await signedInAdmin(ctx, franklin)).session;
  const otherCounty = (await signedInAdmin(ctx, delaware)).session;
  const person = (await signedInAdmin(ctx, franklin, 'learner')).account;
  return { ohio, franklin, countyAdmin, otherCounty, person };
}

describeEachDatabase('password help by an administrator, mail held (no SMTP)', (ctx) => {
  let franklin: OrgRef;
  let countyAdmin: Session;
  let otherCounty: Session;
  let person: AccountRef;

  test('setup', async () => {
    ({ franklin, countyAdmin, otherCounty, person } = await setting(ctx()));
  });

  test('a reset link asked by the county administrator comes back in the answer, works once, and is audited without the link', async () => {
    const personSession = await ctx().signIn(person.email, person.password ?? '');
    const sent = await ctx().call('POST', `/api/accounts/${person.id}/password-reset`, { as: countyAdmin });
    assert.equal(sent.statusCode, 200, sent.body);
    const body = sent.json();
    assert.equal(body.delivery, 'held');
    assert.match(body.resetUrl, /\/reset-password\/[\w-]+$/);
    assert.ok(Date.parse(body.expiresAt) > Date.now());
    // Asking does not sign the person out: only using the link does.
    assert.equal((await ctx().call('GET', '/api/auth/me', { as: personSession })).statusCode, 200);

    const token = tokenOf(body.resetUrl);
    const newPassword = 'Back-in-again-2026';
    const reset = await ctx().call('POST', `/api/auth/password-reset/${token}`, { body: { newPassword } });
    assert.equal(reset.statusCode, 200, reset.body);
    assert.equal((await ctx().call('POST', `/api/auth/password-reset/${token}`, { body: { newPassword } })).statusCode, 410);
    await ctx().signIn(person.email, newPassword);
    person.password = newPassword;

    const events = await auditActions(ctx(), person.id);
    const event = events.find((e) => e.action === 'account.password_reset_sent');
    assert.ok(event, 'the request is audited');
    assert.doesNotMatch(JSON.stringify(events), new RegExp(token), 'the audit never holds the link');
  });

  test('a temporary password is shown once, signs the person out everywhere, and must be changed at sign-in', async () => {
    const before = await ctx().signIn(person.email, person.password ?? '');
    const set = await ctx().call('POST', `/api/accounts/${person.id}/temporary-password`, { as: countyAdmin });
    assert.equal(set.statusCode, 200, set.body);
    const { temporaryPassword, expiresAt } = set.json();
    assert.match(temporaryPassword, /^[\w]{4}(-[\w]{4}){3}$/);
    assert.ok(expiresAt, 'the tenant lets temporary passwords lapse');
    assert.equal((await ctx().call('GET', '/api/auth/me', { as: before })).statusCode, 401, 'the old session ended');

    const login = await ctx().call('POST', '/api/auth/login', { body: { username: person.email, password: temporaryPassword } });
    assert.equal(login.statusCode, 200, login.body);
    assert.equal(login.json().mustChangePassword, true);
    const session = { cookie: String(login.headers['set-cookie']).split(';')[0] };
    assert.equal((await ctx().call('GET', '/api/orgs', { as: session })).json().error.code, 'password_change_required');
    const changed = await ctx().call('POST', '/api/auth/change-password', {
      as: session,
      body: { currentPassword: temporaryPassword, newPassword: 'Mine-again-2026-x' },
    });
    assert.equal(changed.statusCode, 200, changed.body);

    const events = await auditActions(ctx(), person.id);
    assert.ok(events.some((e) => e.action === 'account.temporary_password_set'));
    assert.doesNotMatch(JSON.stringify(events), new RegExp(temporaryPassword), 'the audit never holds the password');
  });

  test('outside the administrator’s subtree both answer 404; without accounts.lifecycle 403; nothing is changed', async () => {
    for (const path of ['password-reset', 'temporary-password']) {
      const far = await ctx().call('POST', `/api/accounts/${person.id}/${path}`, { as: otherCounty });
      assert.equal(far.statusCode, 404, `${path}: ${far.body}`);
      const learner = await ctx().signIn(person.email, 'Mine-again-2026-x');
      const self = await ctx().call('POST', `/api/accounts/${person.id}/${path}`, { as: learner });
      assert.equal(self.statusCode, 403, `${path} as a learner: ${self.body}`);
      assert.equal((await ctx().call('POST', `/api/accounts/no-such-account/${path}`, { as: countyAdmin })).statusCode, 404);
    }
    await ctx().signIn(person.email, 'Mine-again-2026-x');
  });

  test('an account holding a role beyond the county administrator cannot be helped by them (403 account_beyond_reach)', async () => {
    const wide = await createAccount(ctx(), { orgId: franklin.id, password: 'Some-temp-pass-2' });
    const ohioId = (await ctx().call('GET', `/api/orgs/${franklin.id}`, { as: ctx().root })).json().parentId;
    const grant = await ctx().call('POST', `/api/accounts/${wide.id}/roles`, { as: ctx().root, body: { role: 'admin', orgId: ohioId } });
    assert.equal(grant.statusCode, 201, grant.body);
    for (const path of ['password-reset', 'temporary-password']) {
      const answer = await ctx().call('POST', `/api/accounts/${wide.id}/${path}`, { as: countyAdmin });
      assert.equal(answer.statusCode, 403, `${path}: ${answer.body}`);
      assert.equal(answer.json().error.code, 'account_beyond_reach');
    }
  });

  test('an invited account is pointed to its activation link and an archived one to reactivation (409)', async () => {
    const invited = await createAccount(ctx(), { orgId: franklin.id }, countyAdmin);
    for (const path of ['password-reset', 'temporary-password']) {
      const answer = await ctx().call('POST', `/api/accounts/${invited.id}/${path}`, { as: countyAdmin });
      assert.equal(answer.statusCode, 409);
      assert.match(answer.json().error.message, /activation link/);
    }
    const archived = await createAccount(ctx(), { orgId: franklin.id, password: 'Some-temp-pass-1' }, countyAdmin);
    await ctx().call('POST', `/api/accounts/${archived.id}/archive`, { as: countyAdmin });
    const answer = await ctx().call('POST', `/api/accounts/${archived.id}/temporary-password`, { as: countyAdmin });
    assert.equal(answer.statusCode, 409);
    assert.match(answer.json().error.message, /reactivate/);
  });
});

describeEachDatabase(
  'password help by an administrator, mail sent through SMTP',
  (ctx) => {
    test('the reset link is emailed and not handed to the administrator', async () => {
      const { countyAdmin, person } = await setting(ctx());
      const sent = await ctx().call('POST', `/api/accounts/${person.id}/password-reset`, { as: countyAdmin });
      assert.equal(sent.statusCode, 200, sent.body);
      assert.equal(sent.json().delivery, 'sent');
      assert.equal(sent.json().resetUrl, null);
      await ctx().drainJobs();
      const mail = sink.received.find((m) => m.to.includes(person.email) && /reset-password\//.test(m.text));
      assert.ok(mail, 'the person receives the link');
      const token = /\/reset-password\/([\w-]+)/.exec(mail.text)?.[1] ?? '';
      assert.equal((await ctx().call('GET', `/api/auth/password-reset/${token}`)).statusCode, 200);
    });
  },
  {
    get smtpUrl() {
      return sink.url;
    },
  },
);

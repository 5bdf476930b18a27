import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase, type Session, type TestContext } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { multipartBody } from '../support/multipart.ts';

const past = '2000-01-01T00:00:00.000Z';

/** The newest held message of `kind` to `email`, and the token of the link it carries. */
async function linkFrom(ctx: TestContext, email: string, kind: string, path: 'register' | 'reset-password') {
  await ctx.drainJobs();
  const message = (await ctx.services.outbox.messagesTo(ctx.database.db, email)).find((m) => m.kind === kind);
  assert.ok(message, `a ${kind} message to ${email}`);
  const match = new RegExp(`/${path}/([\\w-]+)`).exec(message.bodyText);
  assert.ok(match?.[1], `the ${kind} message carries a /${path}/ link`);
  return { message, token: match[1] };
}

const cookieOf = (response: { headers: Record<string, unknown> }): Session => {
  const setCookie = response.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return { cookie: String(first ?? '').split(';')[0] };
};

describeEachDatabase('onboarding: settings, activation links, registration', (ctx) => {
  let ohio: OrgRef;
  let franklin: OrgRef;
  let tenantAdmin: Session;

  test('setup: a tenant, a county and the tenant’s administrator', async () => {
    ohio = await createOrg(ctx(), 'Ohio');
    franklin = await createOrg(ctx(), 'Franklin County', ohio);
    tenantAdmin = (await signedInAdmin(ctx(), ohio)).session;
  });

  test('a tenant starts with activation links and a 60-day window; its administrators change that, others cannot', async () => {
    const initial = await ctx().call('GET', `/api/tenants/${ohio.id}/settings`, { as: tenantAdmin });
    assert.equal(initial.statusCode, 200, initial.body);
    assert.deepEqual(initial.json(), {
      tenantId: ohio.id,
      tenantName: 'Ohio',
      onboarding: 'activation_link',
      registrationWindowDays: 60,
      temporaryPasswordInEmail: false,
      notifyInviterOnAcceptance: true,
      passwordMinLength: 10,
      temporaryPasswordDays: 14,
      attestation: null,
      scimDelete: 'archive',
      bulkChangeThreshold: null,
      inactivityDays: null,
      inactivityArchive: false,
      inactivityNoticeDays: 7,
    });

    const bad = await ctx().call('PATCH', `/api/tenants/${ohio.id}/settings`, {
      as: tenantAdmin,
      body: { registrationWindowDays: 0, onboarding: 'carrier_pigeon' },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'validation_failed');

    const county = (await signedInAdmin(ctx(), franklin)).session;
    assert.equal(
      (await ctx().call('PATCH', `/api/tenants/${ohio.id}/settings`, { as: county, body: { registrationWindowDays: 30 } })).statusCode,
      403,
    );
    const elsewhere = await createOrg(ctx(), 'Texas');
    const otherAdmin = (await signedInAdmin(ctx(), elsewhere)).session;
    assert.equal((await ctx().call('GET', `/api/tenants/${ohio.id}/settings`, { as: otherAdmin })).statusCode, 404);
    assert.equal((await ctx().call('GET', '/api/tenants/no-such-tenant/settings', { as: ctx().root })).statusCode, 404);

    const changed = await ctx().call('PATCH', `/api/tenants/${ohio.id}/settings`, {
      as: tenantAdmin,
      body: { registrationWindowDays: 30 },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().registrationWindowDays, 30);
    assert.equal(changed.json().onboarding, 'activation_link', 'fields not sent keep their value');
  });

  test('an account made without a password is invited and emailed a single-use link; the person registers and is signed in', async () => {
    const account = await createAccount(ctx(), { orgId: franklin.id, firstName: 'Nia', lastName: 'Okafor' }, tenantAdmin);
    assert.equal(account.status, 'invited');
    const { message, token } = await linkFrom(ctx(), account.email, 'welcome_activation', 'register');
    assert.equal(message.subject, 'Activate your Ohio account');
    assert.match(message.bodyText, /An account has been created for you at Franklin County/);
    const shown = await ctx().call('GET', `/api/mail/${message.id}`, { as: ctx().root });
    assert.ok(shown.json().bodyHtml.includes(`<a href="http://localhost:3000/register/${token}">`), 'an HTML part with the link');

    const info = await ctx().call('GET', `/api/registration/${token}`);
    assert.equal(info.statusCode, 200, info.body);
    assert.equal(info.json().firstName, 'Nia');
    assert.equal(info.json().orgName, 'Franklin County');
    assert.equal(info.json().tenantName, 'Ohio');
    assert.ok(info.json().invitedBy, 'names who created the account');
    const daysLeft = (Date.parse(info.json().expiresAt) - Date.now()) / 86_400_000;
    assert.ok(daysLeft > 29.9 && daysLeft <= 30, `the tenant's 30-day window (${daysLeft})`);

    const weak = await ctx().call('POST', `/api/registration/${token}`, {
      body: { password: 'password123', firstName: 'Nia', lastName: 'Okafor' },
    });
    assert.equal(weak.statusCode, 400);
    assert.equal(weak.json().error.code, 'weak_password');
    assert.ok(weak.json().error.details.fields.password);

    const done = await ctx().call('POST', `/api/registration/${token}`, {
      body: { password: 'river-stone-lantern-9', firstName: 'Nia', lastName: 'Okafor-Hale' },
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().account.status, 'active');
    assert.equal(done.json().account.lastName, 'Okafor-Hale', 'the corrected name is kept');
    const me = await ctx().call('GET', '/api/auth/me', { as: cookieOf(done) });
    assert.equal(me.statusCode, 200, 'the registration signed the person in');
    assert.equal(me.json().mustChangePassword, false);

    const again = await ctx().call('POST', `/api/registration/${token}`, {
      body: { password: 'another-good-phrase-7', firstName: 'X', lastName: 'Y' },
    });
    assert.equal(again.statusCode, 410);
    assert.equal(again.json().error.code, 'invitation_used');
    assert.equal((await ctx().call('GET', `/api/registration/${token}`)).json().error.code, 'invitation_used');
    await ctx().signIn(account.email, 'river-stone-lantern-9');
    assert.equal((await ctx().call('GET', '/api/registration/not-a-real-link')).statusCode, 404);
  });

  test('an unused link expires with the window: the account shows expired, and a new link revives it while the old one stays dead', async () => {
    const account = await createAccount(ctx(), { orgId: franklin.id, firstName: 'Omar' }, tenantAdmin);
    const first = await linkFrom(ctx(), account.email, 'welcome_activation', 'register');
    await ctx().database.db.updateTable('oneTimeTokens').set({ expiresAt: past }).where('accountId', '=', account.id).execute();

    const expiredLink = await ctx().call('GET', `/api/registration/${first.token}`);
    assert.equal(expiredLink.statusCode, 410);
    assert.equal(expiredLink.json().error.code, 'invitation_expired');
    assert.match(expiredLink.json().error.message, /ask your administrator/i);

    await ctx().services.jobQueue.enqueue(ctx().database.db, { type: 'onboarding.expire-invitations', payload: null });
    await ctx().drainJobs();
    const expired = await ctx().call('GET', `/api/accounts/${account.id}`, { as: tenantAdmin });
    assert.equal(expired.json().status, 'expired');
    const listed = await ctx().call('GET', `/api/accounts?status=expired&orgId=${franklin.id}`, { as: tenantAdmin });
    assert.ok(
      listed.json().items.some((a: { id: string }) => a.id === account.id),
      'expired accounts can be found by status',
    );

    const resent = await ctx().call('POST', `/api/accounts/${account.id}/send-activation`, { as: tenantAdmin });
    assert.equal(resent.statusCode, 200, resent.body);
    assert.equal(resent.json().status, 'invited');
    assert.equal((await ctx().call('GET', `/api/accounts/${account.id}`, { as: tenantAdmin })).json().status, 'invited');
    await ctx().drainJobs();
    const messages = (await ctx().services.outbox.messagesTo(ctx().database.db, account.email)).filter(
      (m) => m.kind === 'welcome_activation',
    );
    assert.equal(messages.length, 2, 'a second welcome with the new link');
    const newest = /\/register\/([\w-]+)/.exec(messages[0]?.bodyText ?? '')?.[1];
    assert.ok(newest && newest !== first.token);
    assert.equal((await ctx().call('GET', `/api/registration/${first.token}`)).statusCode, 410, 'the old link stays dead');
    assert.equal((await ctx().call('GET', `/api/registration/${newest}`)).statusCode, 200);

    // The sweep leaves it alone now that its newest link is live.
    await ctx().services.activation.expireLapsedInvitations();
    assert.equal((await ctx().call('GET', `/api/accounts/${account.id}`, { as: tenantAdmin })).json().status, 'invited');

    const audit = await ctx().call('GET', `/api/audit?targetId=${account.id}`, { as: tenantAdmin });
    const actions = audit.json().items.map((e: { action: string }) => e.action);
    assert.ok(actions.includes('account.expired') && actions.includes('account.activation_sent'), actions.join(', '));
  });

  test('only invited or expired accounts get a new link, and only from someone who may manage them', async () => {
    const active = await createAccount(ctx(), { orgId: franklin.id, password: 'Temporary-pass-1' }, tenantAdmin);
    const refused = await ctx().call('POST', `/api/accounts/${active.id}/send-activation`, { as: tenantAdmin });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, 'invalid_state');
    const invited = await createAccount(ctx(), { orgId: franklin.id }, tenantAdmin);
    const outsider = (await signedInAdmin(ctx(), await createOrg(ctx(), 'Nevada'))).session;
    assert.equal((await ctx().call('POST', `/api/accounts/${invited.id}/send-activation`, { as: outsider })).statusCode, 404);
  });

  test('in temporary-password mode a password is required, and the welcome carries it only when the tenant allows', async () => {
    await ctx().call('PATCH', `/api/tenants/${ohio.id}/settings`, { as: tenantAdmin, body: { onboarding: 'temporary_password' } });
    const missing = await ctx().call('POST', '/api/accounts', {
      as: tenantAdmin,
      body: { orgId: franklin.id, firstName: 'Ada', lastName: 'Moss', email: 'ada.moss@example.org' },
    });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error.code, 'temporary_password_required');
    assert.ok(missing.json().error.details.fields.password);

    const quiet = await createAccount(ctx(), { orgId: franklin.id, password: 'Quiet-temp-pass-1' }, tenantAdmin);
    const [quietMail] = await ctx().services.outbox.messagesTo(ctx().database.db, quiet.email);
    assert.equal(quietMail?.kind, 'welcome_password');
    assert.ok(!quietMail?.bodyText.includes('Quiet-temp-pass-1'));

    await ctx().call('PATCH', `/api/tenants/${ohio.id}/settings`, { as: tenantAdmin, body: { temporaryPasswordInEmail: true } });
    const told = await createAccount(ctx(), { orgId: franklin.id, password: 'Told-temp-pass-1' }, tenantAdmin);
    const [toldMail] = await ctx().services.outbox.messagesTo(ctx().database.db, told.email);
    assert.match(toldMail?.bodyText ?? '', /Temporary password: Told-temp-pass-1/);
  });

  test('imports follow the mode: a row without a password fails in temporary-password mode, and gets a link in activation mode', async () => {
    const admin = await signedInAdmin(ctx(), ohio);
    const header = 'UserID,LastName,FirstName,Email,Status,Affiliation,EmployeeType,DateHire,Role,Password,Organization';
    const run = async (rows: string[]) => {
      const body = multipartBody(
        { orgId: franklin.id, template: 'accounts' },
        { name: 'people.csv', content: [header, ...rows].join('\r\n') },
      );
      const upload = await ctx().app.inject({
        method: 'POST',
        url: '/api/imports',
        payload: body.payload,
        headers: { cookie: admin.session.cookie as string, 'content-type': body.contentType },
      });
      assert.equal(upload.statusCode, 202, upload.body);
      await ctx().drainJobs();
      return upload.json().id as string;
    };
    const strict = await run([',Pine,Rey,rey.pine@example.org,,,,,,,', ',Ash,Lu,lu.ash@example.org,,,,,,Lu-temp-pass-1,']);
    const rows = await ctx().call('GET', `/api/imports/${strict}/rows`, { as: admin.session });
    const byLine = new Map(rows.json().items.map((r: { line: number }) => [r.line, r]));
    assert.deepEqual(
      [(byLine.get(2) as { outcome: string }).outcome, (byLine.get(2) as { reason: string }).reason],
      ['failed', 'missing_value'],
    );
    assert.match((byLine.get(2) as { message: string }).message, /temporary password/);
    assert.equal((byLine.get(3) as { outcome: string }).outcome, 'created');

    await ctx().call('PATCH', `/api/tenants/${ohio.id}/settings`, { as: tenantAdmin, body: { onboarding: 'activation_link' } });
    const open = await run([',Pine,Rey,rey.pine@example.org,,,,,,,']);
    assert.equal((await ctx().call('POST', `/api/imports/${open}/commit`, { as: admin.session })).statusCode, 202);
    const { token } = await linkFrom(ctx(), 'rey.pine@example.org', 'welcome_activation', 'register');
    const info = await ctx().call('GET', `/api/registration/${token}`);
    assert.equal(info.statusCode, 200);
    assert.equal(info.json().firstName, 'Rey');
  });
});

describeEachDatabase('onboarding: password reset', (ctx) => {
  let account: { id: string; email: string };
  const original = 'Original-pass-phrase-1';

  test('setup: a person who has chosen their password', async () => {
    const org = await createOrg(ctx(), 'Reset Tenant');
    const admin = await signedInAdmin(ctx(), org);
    account = admin.account;
    await ctx().call('POST', '/api/auth/change-password', {
      as: admin.session,
      body: { currentPassword: admin.account.password, newPassword: original },
    });
  });

  test('the answer is the same whether or not the name matches an account; only a real account gets mail', async () => {
    const known = await ctx().call('POST', '/api/auth/password-reset', {
      body: { username: account.email },
      headers: { 'x-forwarded-for': '10.0.0.1' },
    });
    const unknown = await ctx().call('POST', '/api/auth/password-reset', { body: { username: 'nobody@example.org' } });
    assert.equal(known.statusCode, 202);
    assert.equal(unknown.statusCode, 202);
    assert.deepEqual(known.json(), unknown.json());
    await ctx().drainJobs();
    assert.equal((await ctx().services.outbox.messagesTo(ctx().database.db, 'nobody@example.org')).length, 0);
    const { message } = await linkFrom(ctx(), account.email, 'password_reset', 'reset-password');
    assert.match(message.bodyText, /within 60 minutes/);
    const bad = await ctx().call('POST', '/api/auth/password-reset', { body: { username: '' } });
    assert.equal(bad.statusCode, 400);
  });

  test('the link sets a new password once, ends every session, and the old password stops working', async () => {
    const session = await ctx().signIn(account.email, original);
    await ctx().call('POST', '/api/auth/password-reset', { body: { username: account.email } });
    const { token } = await linkFrom(ctx(), account.email, 'password_reset', 'reset-password');
    const info = await ctx().call('GET', `/api/auth/password-reset/${token}`);
    assert.equal(info.statusCode, 200, info.body);
    assert.equal(info.json().username, account.email);

    const weak = await ctx().call('POST', `/api/auth/password-reset/${token}`, { body: { newPassword: 'short' } });
    assert.equal(weak.statusCode, 400);
    assert.ok(weak.json().error.details.fields.newPassword);

    const done = await ctx().call('POST', `/api/auth/password-reset/${token}`, { body: { newPassword: 'Fresh-after-reset-22' } });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal((await ctx().call('GET', '/api/auth/me', { as: session })).statusCode, 401, 'the old session ended');
    const oldLogin = await ctx().call('POST', '/api/auth/login', { body: { username: account.email, password: original } });
    assert.equal(oldLogin.statusCode, 401);
    await ctx().signIn(account.email, 'Fresh-after-reset-22');

    const reused = await ctx().call('POST', `/api/auth/password-reset/${token}`, { body: { newPassword: 'Another-after-reset-33' } });
    assert.equal(reused.statusCode, 410);
    assert.equal(reused.json().error.code, 'link_used');
  });

  test('an expired reset link is refused; a newer request replaces the older link', async () => {
    await ctx().call('POST', '/api/auth/password-reset', { body: { username: account.email } });
    const older = await linkFrom(ctx(), account.email, 'password_reset', 'reset-password');
    await ctx()
      .database.db.updateTable('oneTimeTokens')
      .set({ expiresAt: past })
      .where('accountId', '=', account.id)
      .where('purpose', '=', 'password_reset')
      .execute();
    const expired = await ctx().call('GET', `/api/auth/password-reset/${older.token}`);
    assert.equal(expired.statusCode, 410);
    assert.equal(expired.json().error.code, 'link_expired');
  });

  test('someone still waiting to activate who asks for a reset gets a fresh activation link instead', async () => {
    const org = await createOrg(ctx(), 'Waiting Tenant');
    const invited = await createAccount(ctx(), { orgId: org.id, firstName: 'Tove' });
    const first = await linkFrom(ctx(), invited.email, 'welcome_activation', 'register');
    const asked = await ctx().call('POST', '/api/auth/password-reset', { body: { username: invited.email } });
    assert.equal(asked.statusCode, 202);
    await ctx().drainJobs();
    const mail = await ctx().services.outbox.messagesTo(ctx().database.db, invited.email);
    assert.equal(mail.filter((m) => m.kind === 'password_reset').length, 0, 'no reset link: there is no password yet');
    const links = mail.filter((m) => m.kind === 'welcome_activation');
    assert.equal(links.length, 2);
    const fresh = /\/register\/([\w-]+)/.exec(links[0]?.bodyText ?? '')?.[1];
    assert.ok(fresh && fresh !== first.token);
    assert.equal((await ctx().call('GET', `/api/registration/${fresh}`)).statusCode, 200);
    assert.equal(
      (await ctx().call('GET', `/api/registration/${first.token}`)).json().error.code,
      'invitation_expired',
      'the older link was replaced',
    );
  });

  test('requests are capped: three emails per account per hour, then a client is throttled', async () => {
    const before = (await ctx().services.outbox.messagesTo(ctx().database.db, account.email)).filter(
      (m) => m.kind === 'password_reset',
    ).length;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await ctx().call('POST', '/api/auth/password-reset', { body: { username: account.email } })).statusCode);
    const after = (await ctx().services.outbox.messagesTo(ctx().database.db, account.email)).filter(
      (m) => m.kind === 'password_reset',
    ).length;
    assert.ok(after - before <= 3, `at most three per hour (sent ${after - before} more, ${after} in all)`);
    assert.equal(after, 3, 'three in the last hour, counting the earlier ones');
    assert.equal(statuses.at(-1), 429, statuses.join(','));
    const throttled = await ctx().call('POST', '/api/auth/password-reset', { body: { username: account.email } });
    assert.match(throttled.json().error.message, /password reset requests/);
  });
});

describeEachDatabase('onboarding: bad input never answers 500', (ctx) => {
  test('odd tokens, bodies and ids get a clear 4xx', async () => {
    const org = await createOrg(ctx(), 'Odd Input');
    const cases: Array<[string, string, unknown, Session | undefined]> = [
      ['GET', `/api/registration/${'x'.repeat(500)}`, undefined, undefined],
      ['GET', '/api/registration/%00%01', undefined, undefined],
      ['POST', '/api/registration/abc', { password: 1, firstName: null }, undefined],
      ['POST', '/api/registration/abc', { password: 'long-enough-pass-1', firstName: 'A\nB', lastName: 'C' }, undefined],
      ['POST', '/api/registration/abc', 'not json', undefined],
      ['POST', '/api/auth/password-reset', { username: 'x'.repeat(300) }, undefined],
      ['POST', '/api/auth/password-reset', { username: 'ok', extra: true }, undefined],
      ['GET', '/api/auth/password-reset/%E0%A4%A', undefined, undefined],
      ['POST', '/api/auth/password-reset/abc', { newPassword: ['a'] }, undefined],
      ['PATCH', `/api/tenants/${org.id}/settings`, { registrationWindowDays: 1.5 }, ctx().root],
      ['PATCH', `/api/tenants/${org.id}/settings`, { unknownSetting: 1 }, ctx().root],
      ['PATCH', `/api/tenants/${org.id}/settings`, [], ctx().root],
      ['POST', '/api/accounts/not-an-account/send-activation', undefined, ctx().root],
      ['POST', '/api/mail/not-a-message/send-again', undefined, ctx().root],
    ];
    for (const [method, url, body, as] of cases) {
      const response = await ctx().call(method as 'GET', url, {
        ...(as ? { as } : {}),
        ...(body === undefined ? {} : { body }),
        ...(typeof body === 'string' ? { headers: { 'content-type': 'application/json' } } : {}),
      });
      assert.ok(
        response.statusCode >= 400 && response.statusCode < 500,
        `${method} ${url} ${JSON.stringify(body)} → ${response.statusCode} ${response.body}`,
      );
      assert.ok(response.json().error?.code, `${method} ${url}: an error code`);
    }
  });
});

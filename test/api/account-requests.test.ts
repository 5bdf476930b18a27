import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, uniqueSuffix, type AccountRef, type OrgRef } from '../support/factories.ts';
import { coachingCatalog } from '../support/catalogs.ts';
import { requestMail, submitRequest } from '../support/requests.ts';

describeEachDatabase('account requests', (ctx) => {
  let tenant: OrgRef;
  let north: OrgRef;
  let south: OrgRef;
  let tenantAdmin: Session;
  let northAdmin: { session: Session; account: AccountRef };
  let southAdmin: Session;
  let lead: { session: Session; account: AccountRef };

  const person = (extra: Record<string, unknown> = {}) => ({
    tenant: tenant.id,
    firstName: 'Dana',
    lastName: `Requester${uniqueSuffix()}`,
    email: `dana-${uniqueSuffix()}@example.org`,
    ...extra,
  });
  const queue = (as: Session, query = '') => ctx().call('GET', `/api/account-requests${query}`, { as });
  const findByEmail = async (as: Session, email: string) =>
    (await queue(as, `?q=${encodeURIComponent(email)}`)).json().items.find((r: { email: string }) => r.email === email);

  before(async () => {
    tenant = await createOrg(ctx(), 'Washington CECI');
    north = await createOrg(ctx(), 'Early Learning North', tenant, 'program');
    south = await createOrg(ctx(), 'Early Learning South', tenant, 'program');
    tenantAdmin = (await signedInAdmin(ctx(), tenant)).session;
    await coachingCatalog(ctx(), tenantAdmin);
    northAdmin = await signedInAdmin(ctx(), north);
    southAdmin = (await signedInAdmin(ctx(), south)).session;
    lead = await signedInAdmin(ctx(), north, 'Coach Lead');
    const form = await ctx().call('PUT', '/api/account-request-form', {
      as: tenantAdmin,
      body: {
        slug: `ceci-${uniqueSuffix()}`,
        enabled: true,
        fields: { organization: 'optional', roleWanted: 'optional', programme: 'optional', message: 'optional' },
        listOrganizations: true,
        introduction: 'Ask here for a CECI account.',
      },
    });
    assert.equal(form.statusCode, 200, form.body);
  });

  test('the public form answers 202, stores the request and mails the number and a private link; the link shows the thread', async () => {
    const body = person({ roleWanted: 'Coach', programme: 'Early Achievers', message: 'I start next week as a coach.' });
    const sent = await submitRequest(ctx(), body);
    assert.equal(sent.statusCode, 202, sent.body);
    assert.equal(sent.json().status, 'received');

    const { message, token } = await requestMail(ctx(), body.email, 'account_request_received');
    assert.match(message.subject, /We received your request for a Washington CECI account \(no\. \d+\)/);
    assert.doesNotMatch(message.subject, /my-request/);
    assert.ok(token, 'the confirmation carries a private link');

    const stored = await findByEmail(tenantAdmin, body.email);
    assert.equal(stored.status, 'open');
    assert.equal(stored.roleWanted, 'Coach');
    assert.equal(stored.orgId, null, 'no organization named: it sits at the tenant root');

    const followed = await ctx().call('GET', `/api/public/account-requests/${token}`);
    assert.equal(followed.statusCode, 200, followed.body);
    assert.equal(followed.json().number, stored.number);
    assert.deepEqual(
      followed.json().messages.map((m: { kind: string; body: string }) => [m.kind, m.body]),
      [['requester', 'I start next week as a coach.']],
    );
    // Only the hash is stored: the token itself is nowhere in the database.
    const links = await ctx().database.db.selectFrom('accountRequestLinks').select('tokenHash').execute();
    assert.ok(links.every((l) => l.tokenHash !== token && /^[0-9a-f]{64}$/.test(l.tokenHash)));
    assert.equal((await ctx().call('GET', '/api/public/account-requests/not-a-real-token')).statusCode, 404);
  });

  test('the form is found by slug or tenant id, lists organizations when the tenant says so, and an unknown one is 404', async () => {
    const settings = (await ctx().call('GET', '/api/account-request-form', { as: tenantAdmin })).json();
    const bySlug = await ctx().call('GET', `/api/public/account-requests/forms/${settings.slug}`);
    assert.equal(bySlug.statusCode, 200, bySlug.body);
    assert.equal(bySlug.json().tenantName, 'Washington CECI');
    assert.deepEqual(
      bySlug.json().organizations.map((o: { name: string }) => o.name),
      ['Early Learning North', 'Early Learning South'],
    );
    assert.equal((await ctx().call('GET', `/api/public/account-requests/forms/${tenant.id}`)).statusCode, 200);
    assert.equal((await ctx().call('GET', '/api/public/account-requests/forms/no-such-tenant')).statusCode, 404);
    assert.equal((await submitRequest(ctx(), person({ tenant: 'no-such-tenant' }))).statusCode, 404);
  });

  test('a handler asks with a template, the person answers through the link, the request reopens; create, tag, resolve', async () => {
    const body = person({ orgId: north.id, roleWanted: 'Coach Lead' });
    assert.equal((await submitRequest(ctx(), body)).statusCode, 202);
    const request = await findByEmail(northAdmin.session, body.email);
    assert.ok(request, 'a request naming North is in the North handler’s queue');
    assert.equal(await findByEmail(southAdmin, body.email), undefined, 'and not in South’s');
    assert.equal((await ctx().call('GET', `/api/account-requests/${request.id}`, { as: southAdmin })).statusCode, 404);

    const asked = await ctx().call('POST', `/api/account-requests/${request.id}/reply`, {
      as: northAdmin.session,
      body: { templateKey: 'role_and_programme' },
    });
    assert.equal(asked.statusCode, 200, asked.body);
    assert.equal(asked.json().status, 'waiting');
    assert.ok(asked.json().firstAnswerSeconds !== null);
    const reply = await requestMail(ctx(), body.email, 'account_request_reply');
    assert.match(reply.message.subject, new RegExp(`About your account request \\(no\\. ${request.number}\\)`));
    assert.match(reply.message.bodyText, /Hello Dana,/);
    assert.match(reply.message.bodyText, /what your role is and which programme you work for/);
    const thread = asked.json().messages;
    assert.equal(thread.at(-1).kind, 'reply');
    assert.doesNotMatch(thread.at(-1).body, /my-request\/[\w-]{20,}/, 'the thread does not keep the private link');

    const answered = await ctx().call('POST', `/api/public/account-requests/${reply.token}/messages`, {
      body: { body: 'I supervise the coaches of Early Learning North.' },
    });
    assert.equal(answered.statusCode, 201, answered.body);
    assert.equal(answered.json().status, 'open');
    const staffSide = answered.json().messages.find((m: { kind: string }) => m.kind === 'reply');
    assert.doesNotMatch(staffSide.authorLabel, /@/, 'the requester sees the handler’s name, not their email');
    assert.deepEqual(
      answered.json().messages.map((m: { kind: string }) => m.kind),
      ['reply', 'requester'],
    );

    const duplicates = await ctx().call('GET', `/api/account-requests/${request.id}/duplicates`, { as: northAdmin.session });
    assert.equal(duplicates.statusCode, 200, duplicates.body);
    assert.deepEqual(duplicates.json().exact, []);

    // North's admin may give only the roles its own role lists; the tenant administrator gives any.
    const notTheirs = await ctx().call('POST', `/api/account-requests/${request.id}/create-account`, {
      as: northAdmin.session,
      body: { orgId: north.id, role: 'Coach Lead' },
    });
    assert.equal(notTheirs.statusCode, 403);
    assert.equal(notTheirs.json().error.code, 'role_not_allowed');
    const created = await ctx().call('POST', `/api/account-requests/${request.id}/create-account`, {
      as: tenantAdmin,
      body: { orgId: north.id, role: 'Coach Lead' },
    });
    assert.equal(created.statusCode, 200, created.body);
    assert.ok(created.json().account, 'the account is linked to the request');
    const account = (await ctx().call('GET', `/api/accounts/${created.json().account.id}`, { as: northAdmin.session })).json();
    assert.equal(account.email, body.email);
    assert.equal(account.status, 'invited');
    assert.deepEqual(
      account.roles.map((r: { key: string }) => r.key),
      ['coach_lead'],
    );
    await ctx().drainJobs();
    const welcome = (await ctx().services.outbox.messagesTo(ctx().database.db, body.email)).find((m) => m.kind === 'welcome_activation');
    assert.ok(welcome, 'the new account is welcomed with an activation link');

    const again = await ctx().call('POST', `/api/account-requests/${request.id}/create-account`, {
      as: northAdmin.session,
      body: { orgId: north.id },
    });
    assert.equal(again.statusCode, 409);

    const told = await ctx().call('POST', `/api/account-requests/${request.id}/reply`, {
      as: northAdmin.session,
      body: { templateKey: 'account_created' },
    });
    const createdMail = await requestMail(ctx(), body.email, 'account_request_reply');
    assert.match(createdMail.message.bodyText, new RegExp(`Your username is ${body.email.replace(/[.]/g, '\\.')}`));
    assert.doesNotMatch(createdMail.message.bodyText, /password:/i, 'no shared password');
    assert.equal(told.statusCode, 200);

    const tagged = await ctx().call('POST', `/api/account-requests/${request.id}/tags`, {
      as: northAdmin.session,
      body: { tags: ['New CECI Account'] },
    });
    assert.deepEqual(tagged.json().tags, ['New CECI Account']);
    const resolved = await ctx().call('POST', `/api/account-requests/${request.id}/resolve`, { as: northAdmin.session });
    assert.equal(resolved.json().status, 'resolved');
    assert.ok(resolved.json().resolutionSeconds !== null);
    assert.equal((await ctx().call('POST', `/api/account-requests/${request.id}/resolve`, { as: northAdmin.session })).statusCode, 409);

    const byTag = await queue(northAdmin.session, `?tag=${encodeURIComponent('New CECI Account')}&status=resolved`);
    assert.ok(byTag.json().items.some((r: { id: string }) => r.id === request.id));
    const stats = (await ctx().call('GET', '/api/account-requests/stats', { as: northAdmin.session })).json();
    assert.ok(stats.resolved >= 1);
    assert.equal(typeof stats.averageResolutionSeconds, 'number');

    const events = await ctx().call('GET', `/api/audit?targetId=${request.id}`, { as: ctx().root });
    const actions = events.json().items.map((e: { action: string }) => e.action);
    for (const action of [
      'account_request.created',
      'account_request.replied',
      'account_request.answered',
      'account_request.account_created',
      'account_request.tagged',
      'account_request.resolved',
    ]) {
      assert.ok(actions.includes(action), `audited: ${action} (${actions.join(', ')})`);
    }
  });

  test('a request redirected to a coach lead joins the lead’s queue; the lead answers and resolves it but may not hand it on', async () => {
    const body = person({ orgId: north.id, roleWanted: 'Coach' });
    await submitRequest(ctx(), body);
    const request = await findByEmail(tenantAdmin, body.email);
    assert.equal((await ctx().call('GET', `/api/account-requests/${request.id}`, { as: lead.session })).statusCode, 404);

    const candidates = await ctx().call('GET', `/api/account-requests/${request.id}/redirect-candidates`, { as: northAdmin.session });
    assert.equal(candidates.statusCode, 200, candidates.body);
    const leadCandidate = candidates.json().items.find((c: { id: string }) => c.id === lead.account.id);
    assert.ok(leadCandidate, 'the coach lead may be handed the request');
    assert.deepEqual(leadCandidate.mayInvite, ['Coach Lead']);

    const notAnInviter = await createAccount(ctx(), { orgId: north.id, role: 'Coachee' });
    const refused = await ctx().call('POST', `/api/account-requests/${request.id}/redirect`, {
      as: northAdmin.session,
      body: { accountId: notAnInviter.id },
    });
    assert.equal(refused.statusCode, 400, refused.body);

    const redirected = await ctx().call('POST', `/api/account-requests/${request.id}/redirect`, {
      as: northAdmin.session,
      body: { accountId: lead.account.id },
    });
    assert.equal(redirected.statusCode, 200, redirected.body);
    assert.equal(redirected.json().redirectedTo.id, lead.account.id);
    await ctx().drainJobs();
    const handed = (await ctx().services.outbox.messagesTo(ctx().database.db, lead.account.email)).find(
      (m) => m.kind === 'account_request_handed',
    );
    assert.ok(handed, 'the coach lead is told by email');
    assert.match(handed.bodyText, new RegExp(`${body.lastName} \\(${body.email.replace(/[.]/g, '\\.')}\\) would like to join as Coach`));
    assert.match(handed.bodyText, new RegExp(`/requests/${request.id}`));

    const leadQueue = await queue(lead.session);
    assert.equal(leadQueue.statusCode, 200, leadQueue.body);
    assert.deepEqual(
      leadQueue.json().items.map((r: { id: string }) => r.id),
      [request.id],
    );
    const told = await ctx().call('POST', `/api/account-requests/${request.id}/reply`, {
      as: northAdmin.session,
      body: { templateKey: 'redirected_to_inviter' },
    });
    assert.equal(told.statusCode, 200, told.body);
    const mail = await requestMail(ctx(), body.email, 'account_request_reply');
    assert.match(
      mail.message.bodyText,
      new RegExp(`the person who invites you is Test Person\\w* \\(${lead.account.email.replace(/[.]/g, '\\.')}\\)`),
    );

    const handOn = await ctx().call('POST', `/api/account-requests/${request.id}/redirect`, {
      as: lead.session,
      body: { accountId: lead.account.id },
    });
    assert.equal(handOn.statusCode, 403);
    const leadReply = await ctx().call('POST', `/api/account-requests/${request.id}/reply`, {
      as: lead.session,
      body: { body: 'I have sent you an invitation.' },
    });
    assert.equal(leadReply.statusCode, 200, leadReply.body);
    assert.equal((await ctx().call('POST', `/api/account-requests/${request.id}/resolve`, { as: lead.session })).statusCode, 200);
  });
});

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session, type TestContext } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, uniqueSuffix, type AccountRef, type OrgRef } from '../support/factories.ts';
import { coachingCatalog } from '../support/catalogs.ts';

const past = '2000-01-01T00:00:00.000Z';

/** The token of the newest held message of `kind` to `email`, with the message. */
async function invitationLink(ctx: TestContext, email: string, kind = 'invitation') {
  await ctx.drainJobs();
  const message = (await ctx.services.outbox.messagesTo(ctx.database.db, email)).find((m) => m.kind === kind);
  assert.ok(message, `a ${kind} message to ${email}`);
  const token = /\/register\/([\w-]+)/.exec(message.bodyText)?.[1];
  return { message, token: token as string };
}

describeEachDatabase('invitations', (ctx) => {
  let tenantAdmin: Session;
  let north: OrgRef;
  let south: OrgRef;
  let lead: { session: Session; account: AccountRef };
  let groupId: string;

  const invite = (as: Session, body: Record<string, unknown>) => ctx().call('POST', '/api/invitations', { as, body });
  const newEmail = () => `coach-${uniqueSuffix()}@example.org`;

  before(async () => {
    const tenant = await createOrg(ctx(), 'Washington CECI');
    north = await createOrg(ctx(), 'Early Learning North', tenant, 'program');
    south = await createOrg(ctx(), 'Early Learning South', tenant, 'program');
    tenantAdmin = (await signedInAdmin(ctx(), tenant)).session;
    await coachingCatalog(ctx(), tenantAdmin);
    lead = await signedInAdmin(ctx(), north, 'Coach Lead');
    const group = await ctx().call('POST', '/api/groups', { as: lead.session, body: { orgId: north.id, name: 'North coaches' } });
    groupId = group.json().id;
    await ctx().call('PATCH', `/api/accounts/${lead.account.id}`, { as: lead.session, body: { defaultGroupId: groupId } });
  });

  test('a coach lead invites a coach, who registers, lands in the lead’s default group, and the lead is told', async () => {
    const email = newEmail();
    const sent = await invite(lead.session, { email, orgId: north.id, role: 'coach', message: 'Welcome aboard!' });
    assert.equal(sent.statusCode, 201, sent.body);
    assert.equal(sent.json().status, 'pending');
    assert.ok(sent.json().expiresAt > new Date().toISOString());
    assert.equal(sent.json().groupId, groupId);

    const { message, token } = await invitationLink(ctx(), email);
    assert.match(message.subject, /invites you to Washington CECI/);
    assert.match(message.bodyText, /invites you to join Early Learning North as Coach/);
    assert.match(message.bodyText, /Welcome aboard!/);

    const info = await ctx().call('GET', `/api/registration/${token}`);
    assert.equal(info.statusCode, 200, info.body);
    assert.equal(info.json().kind, 'invitation');
    assert.deepEqual(
      { role: info.json().invitation.role, orgName: info.json().invitation.orgName, groupName: info.json().invitation.groupName },
      { role: 'Coach', orgName: 'Early Learning North', groupName: 'North coaches' },
    );
    assert.match(info.json().invitation.invitedBy, /Test Person/);

    const done = await ctx().call('POST', `/api/registration/${token}`, {
      body: { password: 'river-stone-lantern-9', firstName: 'Ana', lastName: 'Coach' },
    });
    assert.equal(done.statusCode, 200, done.body);
    const members = (await ctx().call('GET', `/api/groups/${groupId}`, { as: lead.session })).json().members;
    assert.ok(
      members.some((m: { email: string }) => m.email === email),
      'the coach is in the lead’s default group',
    );
    const told = await invitationLink(ctx(), lead.account.email, 'invitation_accepted');
    assert.match(told.message.bodyText, /Ana Coach \(.*\) has registered as Coach at Early Learning North/);
    const accepted = await ctx().call('GET', `/api/invitations?status=accepted&invitedBy=${lead.account.id}`, { as: lead.session });
    assert.deepEqual(
      accepted.json().items.map((i: { email: string }) => i.email),
      [email],
    );
  });

  test('a role missing from the inviter’s mayInvite is refused with 403 role_not_allowed', async () => {
    const response = await invite(lead.session, { email: newEmail(), orgId: north.id, role: 'Coachee' });
    assert.equal(response.statusCode, 403, response.body);
    assert.equal(response.json().error.code, 'role_not_allowed');
    const elsewhere = await invite(lead.session, { email: newEmail(), orgId: south.id, role: 'Coach' });
    assert.equal(elsewhere.statusCode, 404, 'another program is out of reach');
  });

  test('an email already in use is refused with email_taken, without describing an account out of reach', async () => {
    const inReach = await createAccount(ctx(), { orgId: north.id, firstName: 'Known', lastName: 'Person' });
    const seen = await invite(lead.session, { email: inReach.email, orgId: north.id, role: 'Coach' });
    assert.equal(seen.statusCode, 409);
    assert.equal(seen.json().error.code, 'email_taken');
    assert.match(seen.json().error.message, /Known Person/);
    const hidden = await createAccount(ctx(), { orgId: south.id, firstName: 'Hidden', lastName: 'Person' });
    const unseen = await invite(lead.session, { email: hidden.email, orgId: north.id, role: 'Coach' });
    assert.equal(unseen.statusCode, 409);
    assert.equal(unseen.json().error.code, 'email_taken');
    assert.doesNotMatch(JSON.stringify(unseen.json()), /Hidden|Early Learning South|accountId/);
  });

  test('pending invitations count against the limit; revoking one frees its place and kills its link', async () => {
    const roles = (await ctx().call('GET', `/api/roles?orgId=${north.id}`, { as: lead.session })).json().items;
    const coach = roles.find((r: { key: string }) => r.key === 'coach');
    assert.equal(coach.atOrg.youMayInvite, true);
    const max = coach.atOrg.held + 1;
    await ctx().call('PATCH', '/api/roles/coach', { as: tenantAdmin, body: { perOrgLimit: { max, mode: 'block' } } });
    const first = await invite(lead.session, { email: newEmail(), orgId: north.id, role: 'Coach' });
    assert.equal(first.statusCode, 201, first.body);
    const over = await invite(lead.session, { email: newEmail(), orgId: north.id, role: 'Coach' });
    assert.equal(over.statusCode, 409, over.body);
    assert.equal(over.json().error.code, 'role_limit');
    assert.equal(over.json().error.details.held, max);

    const { token } = await invitationLink(ctx(), first.json().email);
    const revoked = await ctx().call('POST', `/api/invitations/${first.json().id}/revoke`, { as: lead.session });
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.equal(revoked.json().status, 'revoked');
    const page = await ctx().call('GET', `/api/registration/${token}`);
    assert.equal(page.statusCode, 410);
    assert.equal(page.json().error.code, 'invitation_revoked');
    assert.match(page.json().error.message, /withdrawn/);
    const now = await invite(lead.session, { email: newEmail(), orgId: north.id, role: 'Coach' });
    assert.equal(now.statusCode, 201, 'the revoked invitation no longer holds a place');
    await ctx().call('PATCH', '/api/roles/coach', { as: tenantAdmin, body: { perOrgLimit: null } });
  });

  test('an expired invitation is re-sent: the old link is dead, the new one registers', async () => {
    const email = newEmail();
    const sent = await invite(lead.session, { email, orgId: north.id, role: 'Coach' });
    const { token: old } = await invitationLink(ctx(), email);
    const db = ctx().database.db;
    await db.updateTable('oneTimeTokens').set({ expiresAt: past }).where('accountId', '=', sent.json().accountId).execute();
    await db.updateTable('invitations').set({ expiresAt: past }).where('id', '=', sent.json().id).execute();
    await ctx().services.activation.expireLapsedInvitations();
    const expired = await ctx().call('GET', '/api/invitations?status=expired', { as: lead.session });
    assert.ok(expired.json().items.some((i: { id: string }) => i.id === sent.json().id));

    const resent = await ctx().call('POST', `/api/invitations/${sent.json().id}/resend`, { as: lead.session });
    assert.equal(resent.statusCode, 200, resent.body);
    assert.equal(resent.json().status, 'pending');
    assert.equal((await ctx().call('GET', `/api/registration/${old}`)).statusCode, 410);
    const { token } = await invitationLink(ctx(), email);
    assert.notEqual(token, old);
    const done = await ctx().call('POST', `/api/registration/${token}`, {
      body: { password: 'river-stone-lantern-9', firstName: 'Late', lastName: 'Coach' },
    });
    assert.equal(done.statusCode, 200, done.body);
  });

  test('the limit is checked again at acceptance: lowered meanwhile, registration is refused with role_limit', async () => {
    const email = newEmail();
    await invite(lead.session, { email, orgId: north.id, role: 'Coach' });
    const { token } = await invitationLink(ctx(), email);
    await ctx().call('PATCH', '/api/roles/coach', { as: tenantAdmin, body: { perOrgLimit: { max: 1, mode: 'block' } } });
    const refused = await ctx().call('POST', `/api/registration/${token}`, {
      body: { password: 'river-stone-lantern-9', firstName: 'Too', lastName: 'Late' },
    });
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().error.code, 'role_limit');
    await ctx().call('PATCH', '/api/roles/coach', { as: tenantAdmin, body: { perOrgLimit: null } });
    const later = await ctx().call('POST', `/api/registration/${token}`, {
      body: { password: 'river-stone-lantern-9', firstName: 'Too', lastName: 'Late' },
    });
    assert.equal(later.statusCode, 200, 'nothing of the refused attempt was kept');
  });

  test('a program director invites coachees; the list is filtered by status and inviter', async () => {
    const director = await signedInAdmin(ctx(), north, 'Program Director');
    const sent = await invite(director.session, { email: newEmail(), orgId: north.id, role: 'Coachee' });
    assert.equal(sent.statusCode, 201, sent.body);
    assert.equal(sent.json().groupId, null, 'no default group, none named');
    const mine = await ctx().call('GET', `/api/invitations?status=pending&invitedBy=${director.account.id}`, { as: director.session });
    assert.deepEqual(
      mine.json().items.map((i: { id: string }) => i.id),
      [sent.json().id],
    );
    const leadTries = await ctx().call('POST', `/api/invitations/${sent.json().id}/revoke`, { as: lead.session });
    assert.equal(leadTries.statusCode, 403, 'a coach lead may not withdraw a coachee’s invitation');
  });

  test('while mail is held, sending and re-sending hand the caller the live link (not cached); the old link dies on resend', async () => {
    const email = newEmail();
    const sent = await invite(lead.session, { email, orgId: north.id, role: 'coach' });
    assert.equal(sent.statusCode, 201, sent.body);
    assert.equal(sent.headers['cache-control'], 'no-store');
    const first = sent.json().link as string;
    assert.match(first, /\/register\/[\w-]{20,}$/);
    const { token: mailed } = await invitationLink(ctx(), email);
    assert.ok(first.endsWith(`/register/${mailed}`), 'the link handed over is the one the held email carries');

    const listed = await ctx().call('GET', `/api/invitations?status=pending&invitedBy=${lead.account.id}`, { as: lead.session });
    assert.ok(
      listed.json().items.every((i: { link?: string }) => i.link === undefined),
      'the list never shows links: they are stored hashed and shown only when issued',
    );

    const resent = await ctx().call('POST', `/api/invitations/${sent.json().id}/resend`, { as: lead.session });
    assert.equal(resent.statusCode, 200, resent.body);
    assert.equal(resent.headers['cache-control'], 'no-store');
    const second = resent.json().link as string;
    assert.ok(second && second !== first, 'a new link');
    const oldToken = first.split('/register/')[1];
    const newToken = second.split('/register/')[1];
    assert.notEqual((await ctx().call('GET', `/api/registration/${oldToken}`)).statusCode, 200, 'the old link is dead');
    assert.equal((await ctx().call('GET', `/api/registration/${newToken}`)).statusCode, 200);
    const audit = await ctx().call('GET', `/api/audit?targetId=${sent.json().accountId}&action=invitation.resent`, { as: tenantAdmin });
    assert.equal(audit.json().items[0].after.linkShownToSender, true);

    // Someone who may not manage it gets no link: refused before anything is issued.
    const other = await signedInAdmin(ctx(), south, 'Coach Lead');
    assert.equal((await ctx().call('POST', `/api/invitations/${sent.json().id}/resend`, { as: other.session })).statusCode, 404);
  });

  test('with an SMTP server, the answers carry no link: the email is the only way it travels', async () => {
    const delivering = await ctx().openSecondInstance({
      mailTransport: { delivers: true, send: async () => ({ providerMessageId: null }), close: () => undefined },
    });
    try {
      const sent = await delivering.app.inject({
        method: 'POST',
        url: '/api/invitations',
        headers: { cookie: lead.session.cookie as string },
        payload: { email: newEmail(), orgId: north.id, role: 'coach' },
      });
      assert.equal(sent.statusCode, 201, sent.body);
      assert.equal(sent.json().link, undefined);
      const resent = await delivering.app.inject({
        method: 'POST',
        url: `/api/invitations/${sent.json().id}/resend`,
        headers: { cookie: lead.session.cookie as string },
      });
      assert.equal(resent.statusCode, 200, resent.body);
      assert.equal(resent.json().link, undefined);
    } finally {
      await delivering.close();
    }
  });

  test('each status tab lists exactly the invitations that show that status, including one past its date before the expiry sweep', async () => {
    const sent = await invite(lead.session, { email: newEmail(), orgId: north.id, role: 'coach' });
    assert.equal(sent.statusCode, 201, sent.body);
    // Past its date, but the sweep that marks the account expired has not run yet.
    await ctx().database.db.updateTable('invitations').set({ expiresAt: past }).where('id', '=', sent.json().id).execute();
    const tabs: Record<string, string[]> = {};
    for (const status of ['pending', 'accepted', 'expired', 'revoked']) {
      const page = await ctx().call('GET', `/api/invitations?status=${status}&limit=500`, { as: tenantAdmin });
      assert.equal(page.statusCode, 200, page.body);
      const items = page.json().items as Array<{ id: string; status: string }>;
      assert.ok(
        items.every((i) => i.status === status),
        `the ${status} tab shows only ${status} invitations: ${items.map((i) => i.status).join(',')}`,
      );
      tabs[status] = items.map((i) => i.id);
    }
    assert.ok(tabs.expired?.includes(sent.json().id), 'listed as expired');
    assert.ok(!tabs.pending?.includes(sent.json().id), 'not as pending');
    const all = (await ctx().call('GET', '/api/invitations?limit=500', { as: tenantAdmin })).json().items as unknown[];
    assert.equal(Object.values(tabs).flat().length, all.length, 'the four tabs together list every invitation once');
  });
});

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createOrg, signedInAdmin, uniqueSuffix, type OrgRef } from '../support/factories.ts';
import { newAddress, submitRequest } from '../support/requests.ts';

/** The queue's smaller tools (assign, reopen, paging, search, averages) and the tenant's response templates. */
describeEachDatabase('account requests: queue and templates', (ctx) => {
  let tenant: OrgRef;
  let south: OrgRef;
  let tenantAdmin: Session;
  let southAdmin: Session;
  let southAdminId: string;

  const person = (extra: Record<string, unknown> = {}) => ({
    tenant: tenant.id,
    firstName: 'Lee',
    lastName: `Asker${uniqueSuffix()}`,
    email: `lee-${uniqueSuffix()}@example.org`,
    ...extra,
  });

  before(async () => {
    tenant = await createOrg(ctx(), 'Washington CECI');
    south = await createOrg(ctx(), 'Early Learning South', tenant, 'program');
    tenantAdmin = (await signedInAdmin(ctx(), tenant)).session;
    const admin = await signedInAdmin(ctx(), south);
    southAdmin = admin.session;
    southAdminId = admin.account.id;
  });

  test('assign to a handler of the subtree, not to someone who does not handle it; reopen a resolved request', async () => {
    const body = person({ orgId: south.id });
    await submitRequest(ctx(), body);
    const found = await ctx().call('GET', `/api/account-requests?q=${encodeURIComponent(body.email)}`, { as: tenantAdmin });
    const id = found.json().items[0].id;
    const learner = await signedInAdmin(ctx(), south, 'learner');
    const refused = await ctx().call('POST', `/api/account-requests/${id}/assign`, {
      as: tenantAdmin,
      body: { accountId: learner.account.id },
    });
    assert.equal(refused.statusCode, 400, refused.body);
    const assigned = await ctx().call('POST', `/api/account-requests/${id}/assign`, { as: tenantAdmin, body: { accountId: southAdminId } });
    assert.equal(assigned.statusCode, 200, assigned.body);
    assert.equal(assigned.json().assignee.id, southAdminId);
    const mine = await ctx().call('GET', '/api/account-requests?assignee=me', { as: southAdmin });
    assert.deepEqual(
      mine.json().items.map((r: { id: string }) => r.id),
      [id],
    );
    const unassigned = await ctx().call('GET', '/api/account-requests?assignee=none', { as: tenantAdmin });
    assert.ok(!unassigned.json().items.some((r: { id: string }) => r.id === id));

    assert.equal((await ctx().call('POST', `/api/account-requests/${id}/reopen`, { as: southAdmin })).statusCode, 409);
    await ctx().call('POST', `/api/account-requests/${id}/resolve`, { as: southAdmin });
    const reopened = await ctx().call('POST', `/api/account-requests/${id}/reopen`, { as: southAdmin });
    assert.equal(reopened.json().status, 'open');
    assert.equal(reopened.json().resolvedAt, null);
    assert.deepEqual(
      reopened
        .json()
        .messages.filter((m: { kind: string }) => m.kind === 'event')
        .map((m: { body: string }) => m.body),
      [`Assigned to ${assigned.json().assignee.name}.`, 'Resolved.', 'Reopened.'],
    );
  });

  test('the queue pages with a cursor, finds a request by its number, and a note stays out of the requester’s view', async () => {
    const emails: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const body = person({ lastName: `Pager${i}`, orgId: south.id });
      emails.push(body.email);
      assert.equal((await submitRequest(ctx(), body, newAddress())).statusCode, 202);
    }
    const first = await ctx().call('GET', '/api/account-requests?limit=2&q=pager', { as: southAdmin });
    assert.equal(first.json().items.length, 2);
    assert.ok(first.json().nextCursor);
    const second = await ctx().call('GET', `/api/account-requests?limit=2&q=pager&cursor=${first.json().nextCursor}`, { as: southAdmin });
    assert.equal(second.json().items.length, 1);
    assert.equal(second.json().nextCursor, null);
    const all = [...first.json().items, ...second.json().items];
    assert.deepEqual(new Set(all.map((r: { email: string }) => r.email)), new Set(emails));

    const target = all[0];
    const byNumber = await ctx().call('GET', `/api/account-requests?q=%23${target.number}`, { as: southAdmin });
    assert.deepEqual(
      byNumber.json().items.map((r: { id: string }) => r.id),
      [target.id],
    );
    const noted = await ctx().call('POST', `/api/account-requests/${target.id}/reply`, {
      as: southAdmin,
      body: { body: 'Checked with the programme office.', note: true },
    });
    assert.equal(noted.statusCode, 200, noted.body);
    assert.equal(noted.json().status, 'open', 'a note is not an answer');
    assert.equal(noted.json().firstAnsweredAt, null);
    await ctx().drainJobs();
    const mail = (await ctx().services.outbox.messagesTo(ctx().database.db, target.email)).map((m) => m.kind);
    assert.deepEqual(mail, ['account_request_received'], 'the note was not emailed');
    assert.equal((await ctx().call('GET', '/api/account-requests?cursor=not-a-cursor', { as: southAdmin })).statusCode, 400);
  });

  test('response templates: built-in three, tenant’s own with placeholders checked, preview, delete only non-built-in', async () => {
    const list = await ctx().call('GET', '/api/response-templates', { as: tenantAdmin });
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(
      list.json().items.map((t: { key: string; builtIn: boolean }) => [t.key, t.builtIn]),
      [
        ['account_created', true],
        ['role_and_programme', true],
        ['redirected_to_inviter', true],
      ].concat(
        list
          .json()
          .items.slice(3)
          .map((t: { key: string }) => [t.key, false]),
      ),
    );
    const bad = await ctx().call('POST', '/api/response-templates', {
      as: tenantAdmin,
      body: { label: 'Tip sheet', subject: 'Hi', body: 'Hello {{fistName}}' },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'unknown_placeholder');
    const linkInSubject = await ctx().call('POST', '/api/response-templates', {
      as: tenantAdmin,
      body: { label: 'Tip sheet', subject: 'See {{requestUrl}}', body: 'Hello' },
    });
    assert.equal(linkInSubject.json().error.code, 'link_in_subject');
    const created = await ctx().call('POST', '/api/response-templates', {
      as: tenantAdmin,
      body: { label: 'Tip sheet: adding users', subject: 'Inviting people yourself', body: 'Hello {{firstName}}, see {{siteUrl}}/help.' },
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().key, 'tip_sheet_adding_users');
    const preview = await ctx().call('POST', '/api/response-templates/tip_sheet_adding_users/preview', { as: tenantAdmin, body: {} });
    assert.equal(preview.statusCode, 200, preview.body);
    assert.match(preview.json().body, /^Hello Ana, see https?:\/\/.+\/help\.$/);
    const edited = await ctx().call('PATCH', '/api/response-templates/account_created', {
      as: tenantAdmin,
      body: { subject: 'Your CECI account is ready' },
    });
    assert.equal(edited.json().customized, true);
    assert.equal((await ctx().call('DELETE', '/api/response-templates/account_created', { as: tenantAdmin })).statusCode, 409);
    assert.equal((await ctx().call('DELETE', '/api/response-templates/tip_sheet_adding_users', { as: tenantAdmin })).statusCode, 204);
    assert.equal(
      (await ctx().call('POST', '/api/response-templates', { as: southAdmin, body: { label: 'x', subject: 'x', body: 'x' } })).statusCode,
      403,
    );
  });
});

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createOrg, signedInAdmin, uniqueSuffix, type OrgRef } from '../support/factories.ts';
import { newAddress, submitRequest } from '../support/requests.ts';

/** The public form under abuse: enumeration, robots, floods, oversized and malformed input. */
describeEachDatabase('account requests: abuse', (ctx) => {
  let tenant: OrgRef;
  let south: OrgRef;
  let tenantAdmin: Session;

  const person = (extra: Record<string, unknown> = {}) => ({
    tenant: tenant.id,
    firstName: 'Dana',
    lastName: `Requester${uniqueSuffix()}`,
    email: `dana-${uniqueSuffix()}@example.org`,
    ...extra,
  });
  const findByEmail = async (as: Session, email: string) =>
    (await ctx().call('GET', `/api/account-requests?q=${encodeURIComponent(email)}`, { as }))
      .json()
      .items.find((r: { email: string }) => r.email === email);

  before(async () => {
    tenant = await createOrg(ctx(), 'Washington CECI');
    south = await createOrg(ctx(), 'Early Learning South', tenant, 'program');
    tenantAdmin = (await signedInAdmin(ctx(), tenant)).session;
  });

  test('no enumeration: an email with an account gets the same answer, a reset link instead, and no request is stored', async () => {
    const existing = await signedInAdmin(ctx(), south, 'learner');
    const withAccount = await submitRequest(ctx(), person({ email: existing.account.email.toUpperCase() }));
    const without = await submitRequest(ctx(), person());
    assert.equal(withAccount.statusCode, 202);
    assert.equal(withAccount.body, without.body, 'byte for byte the same answer');
    assert.equal(await findByEmail(tenantAdmin, existing.account.email), undefined);
    await ctx().drainJobs();
    const kinds = (await ctx().services.outbox.messagesTo(ctx().database.db, existing.account.email)).map((m) => m.kind);
    assert.ok(kinds.includes('password_reset'), `a way in was sent (${kinds.join(', ')})`);
    assert.ok(!kinds.includes('account_request_received'));
  });

  test('honeypot: a filled hidden field gets the same 202 and nothing is stored or sent', async () => {
    const body = person({ website: 'http://spam.example' });
    const response = await submitRequest(ctx(), body);
    assert.equal(response.statusCode, 202);
    assert.equal(response.json().status, 'received');
    assert.equal(await findByEmail(tenantAdmin, body.email), undefined);
    await ctx().drainJobs();
    assert.deepEqual(await ctx().services.outbox.messagesTo(ctx().database.db, body.email), []);
  });

  test('rate limits: per address (5 an hour) and per email (3 a day), shared through the database', async () => {
    const ip = newAddress();
    for (let i = 0; i < 5; i += 1) assert.equal((await submitRequest(ctx(), person(), ip)).statusCode, 202);
    const sixth = await submitRequest(ctx(), person(), ip);
    assert.equal(sixth.statusCode, 429, sixth.body);
    assert.equal(sixth.json().error.code, 'too_many_attempts');

    const email = `often-${uniqueSuffix()}@example.org`;
    for (let i = 0; i < 3; i += 1) assert.equal((await submitRequest(ctx(), person({ email }))).statusCode, 202);
    const other = await ctx().openSecondInstance();
    try {
      const fourth = await other.app.inject({
        method: 'POST',
        url: '/api/public/account-requests',
        payload: person({ email }),
        remoteAddress: newAddress(),
      });
      assert.equal(fourth.statusCode, 429, 'another instance sees the same count');
    } finally {
      await other.close();
    }
  });

  test('oversized and malformed input is refused with 400 or 413, never stored', async () => {
    const tooLong = await submitRequest(ctx(), person({ message: 'x'.repeat(4001) }));
    assert.equal(tooLong.statusCode, 400, tooLong.body);
    const huge = await submitRequest(ctx(), person({ message: 'x'.repeat(20_000) }));
    assert.equal(huge.statusCode, 413, huge.body);
    const badEmail = await submitRequest(ctx(), person({ email: 'not-an-email' }));
    assert.equal(badEmail.statusCode, 400);
    const unknownField = await submitRequest(ctx(), person({ isAdmin: true }));
    assert.equal(unknownField.statusCode, 400);
    const foreignOrg = await submitRequest(ctx(), person({ orgId: 'some-other-org' }));
    assert.equal(foreignOrg.statusCode, 400);
    const lineBreak = await submitRequest(ctx(), person({ firstName: 'Dana\r\nBcc: x@example.org' }));
    assert.equal(lineBreak.statusCode, 400);
  });

  test('fields the tenant requires are required; fields it switched off are dropped', async () => {
    const other = await createOrg(ctx(), 'County Guide Tenant');
    const admin = (await signedInAdmin(ctx(), other)).session;
    await ctx().call('PUT', '/api/account-request-form', {
      as: admin,
      body: {
        slug: null,
        enabled: true,
        fields: { organization: 'required', roleWanted: 'off', programme: 'off', message: 'required' },
        listOrganizations: false,
        introduction: '',
      },
    });
    const missing = await submitRequest(ctx(), person({ tenant: other.id, organization: 'Lakeside' }));
    assert.equal(missing.statusCode, 400);
    assert.ok(missing.json().error.details.fields.message);
    const body = person({ tenant: other.id, organization: 'Lakeside County', message: 'Need access', roleWanted: 'Boss' });
    assert.equal((await submitRequest(ctx(), body)).statusCode, 202);
    const stored = await findByEmail(admin, body.email);
    assert.equal(stored.organizationText, 'Lakeside County');
    assert.equal(stored.roleWanted, null);
    assert.equal(await findByEmail(tenantAdmin, body.email), undefined, 'another tenant’s request is not in this queue');
  });
});

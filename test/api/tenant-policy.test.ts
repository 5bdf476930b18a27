import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createOrg, signedInAdmin, uniqueSuffix, type OrgRef } from '../support/factories.ts';
import { importHeader, planImport } from '../support/imports.ts';

describeEachDatabase('tenant password policy and attestation', (ctx) => {
  let tenant: OrgRef;
  let tenantAdmin: Session;

  before(async () => {
    tenant = await createOrg(ctx(), 'Washington CECI');
    tenantAdmin = (await signedInAdmin(ctx(), tenant)).session;
  });

  const settings = (body: Record<string, unknown>) => ctx().call('PATCH', `/api/tenants/${tenant.id}/settings`, { as: tenantAdmin, body });
  const create = (body: Record<string, unknown>) =>
    ctx().call('POST', '/api/accounts', {
      as: tenantAdmin,
      body: { orgId: tenant.id, firstName: 'New', lastName: 'Coach', email: `coach-${uniqueSuffix()}@example.org`, ...body },
    });

  test('a tenant starts with 10 characters, 14-day temporary passwords and no attestation; bounds are 8–64', async () => {
    const current = (await ctx().call('GET', `/api/tenants/${tenant.id}/settings`, { as: tenantAdmin })).json();
    assert.deepEqual(
      { min: current.passwordMinLength, days: current.temporaryPasswordDays, attestation: current.attestation },
      { min: 10, days: 14, attestation: null },
    );
    assert.equal((await settings({ passwordMinLength: 7 })).statusCode, 400);
    assert.equal((await settings({ passwordMinLength: 65 })).statusCode, 400);
  });

  test('the runbook’s 9-character shared password is refused until the tenant lowers its minimum to 8', async () => {
    const refused = await create({ password: 'CECI2024*' });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(refused.json().error.code, 'weak_password');
    assert.match(refused.json().error.message, /at least 10 characters/);
    assert.equal((await settings({ passwordMinLength: 8 })).statusCode, 200);
    const accepted = await create({ password: 'CECI2024*' });
    assert.equal(accepted.statusCode, 201, accepted.body);
    const first = await ctx().signIn(accepted.json().email, 'CECI2024*');
    const changed = await ctx().call('POST', '/api/auth/change-password', {
      as: first,
      body: { currentPassword: 'CECI2024*', newPassword: 'Otter#2026' },
    });
    assert.equal(changed.statusCode, 200, 'the person may also choose 8 or more characters');
  });

  test('a temporary password lapses after the tenant’s number of days unless changed', async () => {
    assert.equal((await settings({ temporaryPasswordDays: 3 })).statusCode, 200);
    const created = await create({ password: 'Temporary-pass-1' });
    const db = ctx().database.db;
    const row = await db
      .selectFrom('credentials')
      .select('temporaryExpiresAt')
      .where('accountId', '=', created.json().id)
      .executeTakeFirst();
    const days = (Date.parse(row?.temporaryExpiresAt ?? '') - Date.now()) / 86_400_000;
    assert.ok(days > 2.99 && days <= 3, `lapses in the tenant's 3 days (${days})`);
    await db
      .updateTable('credentials')
      .set({ temporaryExpiresAt: '2000-01-01T00:00:00.000Z' })
      .where('accountId', '=', created.json().id)
      .execute();
    const signIn = await ctx().call('POST', '/api/auth/login', { body: { username: created.json().email, password: 'Temporary-pass-1' } });
    assert.equal(signIn.statusCode, 403, signIn.body);
    assert.equal(signIn.json().error.code, 'password_expired');
  });

  test('with an attestation set, creating an account or inviting needs attested: true, and the audit records the sentence', async () => {
    const sentence = 'I have reviewed the agreement and entered the information as described.';
    assert.equal((await settings({ attestation: sentence })).statusCode, 200);
    const missing = await create({});
    assert.equal(missing.statusCode, 400, missing.body);
    assert.equal(missing.json().error.code, 'attestation_required');
    assert.ok(missing.json().error.details.fields.attested);
    const created = await create({ attested: true });
    assert.equal(created.statusCode, 201, created.body);
    const audit = await ctx().call('GET', `/api/audit?targetId=${created.json().id}&action=account.created`, { as: tenantAdmin });
    assert.equal(audit.json().items[0].after.attested, sentence);

    const invite = { email: `invitee-${uniqueSuffix()}@example.org`, orgId: tenant.id, role: 'learner' };
    const notAttested = await ctx().call('POST', '/api/invitations', { as: tenantAdmin, body: invite });
    assert.equal(notAttested.statusCode, 400);
    assert.equal(notAttested.json().error.code, 'attestation_required');
    const invited = await ctx().call('POST', '/api/invitations', { as: tenantAdmin, body: { ...invite, attested: true } });
    assert.equal(invited.statusCode, 201, invited.body);
    await settings({ attestation: null });
  });

  test('with an attestation set, confirming an import needs attested: true, and the commit’s audit event records the sentence', async () => {
    const sentence = 'I have checked that every person in this file agreed to the terms.';
    const file = (name: string) => `${importHeader}\n,Rivera,${name},${name.toLowerCase()}-${uniqueSuffix()}@example.org,,,,,,,\n`;

    // Without a sentence the stable contract holds: the commit takes no body at all.
    const plain = await planImport(ctx(), tenantAdmin, tenant.id, file('Ana'));
    assert.equal(plain.attestation, null, 'the preview says no confirmation is asked');
    const noBody = await ctx().call('POST', `/api/imports/${plain.id}/commit`, { as: tenantAdmin });
    assert.equal(noBody.statusCode, 202, noBody.body);
    await ctx().drainJobs();

    assert.equal((await settings({ attestation: sentence })).statusCode, 200);
    const planned = await planImport(ctx(), tenantAdmin, tenant.id, file('Bea'));
    assert.equal(planned.attestation, sentence, 'the preview carries the sentence for the confirm step');
    for (const body of [undefined, {}, { attested: false }]) {
      const refused = await ctx().call('POST', `/api/imports/${planned.id}/commit`, { as: tenantAdmin, body });
      assert.equal(refused.statusCode, 400, refused.body);
      assert.equal(refused.json().error.code, 'attestation_required');
      assert.equal(refused.json().error.details.fields.attested, sentence);
    }
    const stillPlanned = (await ctx().call('GET', `/api/imports/${planned.id}`, { as: tenantAdmin })).json();
    assert.equal(stillPlanned.status, 'planned', 'a refused commit changes nothing');
    assert.equal(
      (await ctx().call('POST', `/api/imports/${planned.id}/commit`, { as: tenantAdmin, body: { attested: 'yes' } })).statusCode,
      400,
    );

    const accepted = await ctx().call('POST', `/api/imports/${planned.id}/commit`, { as: tenantAdmin, body: { attested: true } });
    assert.equal(accepted.statusCode, 202, accepted.body);
    await ctx().drainJobs();
    const done = (await ctx().call('GET', `/api/imports/${planned.id}`, { as: tenantAdmin })).json();
    assert.equal(done.status, 'completed');
    assert.equal(done.counts.created, 1);
    const audit = await ctx().call('GET', `/api/audit?targetId=${planned.id}&action=import.committed`, { as: tenantAdmin });
    assert.equal(audit.json().items[0].after.attested, sentence);
    await settings({ attestation: null });
  });
});

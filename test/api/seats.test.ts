import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, uniqueSuffix, type AccountRef, type OrgRef } from '../support/factories.ts';
import { commitImport, importHeader, importRows, planImport } from '../support/imports.ts';

// Issue #16: seat contracts (active accounts and pending invitations hold a seat), a "block" contract
// refusing every way in past its seats, the warning once per crossing, and the race for the last seat.
describeEachDatabase('seat contracts', (ctx) => {
  let tenant: OrgRef;
  let county: OrgRef;
  let tenantAdmin: Session;
  let countyAdmin: Session;

  const today = new Date().toISOString().slice(0, 10);
  const contract = (orgId: string, seats: number, extra: Record<string, unknown> = {}) =>
    ctx().call('POST', '/api/seat-contracts', {
      as: tenantAdmin,
      body: { orgId, seats, startsOn: '2026-01-01', endsOn: '2099-12-31', warnAt: 90, mode: 'block', ...extra },
    });
  const seatsAt = async (orgId: string, as: Session = countyAdmin) => (await ctx().call('GET', `/api/seats?orgId=${orgId}`, { as })).json();
  const newSite = async () => createOrg(ctx(), `Site ${uniqueSuffix()}`, county, 'site');
  const person = (orgId: string, as: Session = countyAdmin) =>
    ctx().call('POST', '/api/accounts', {
      as,
      body: { orgId, firstName: 'Seat', lastName: 'Holder', email: `seat-${uniqueSuffix()}@example.org` },
    });

  before(async () => {
    tenant = await createOrg(ctx(), `Seats State ${uniqueSuffix()}`);
    county = await createOrg(ctx(), 'Seats County', tenant);
    tenantAdmin = (await signedInAdmin(ctx(), tenant)).session;
    countyAdmin = (await signedInAdmin(ctx(), county)).session;
  });

  test('a contract of 3 seats takes 3 accounts and refuses the 4th with seat_limit; the seats view says 3 / 3', async () => {
    const site = await newSite();
    const made = await contract(site.id, 3);
    assert.equal(made.statusCode, 201, made.body);
    assert.equal(made.json().current, true);
    for (let i = 0; i < 3; i++) assert.equal((await person(site.id)).statusCode, 201);
    const fourth = await person(site.id);
    assert.equal(fourth.statusCode, 409, fourth.body);
    assert.equal(fourth.json().error.code, 'seat_limit');
    assert.equal(fourth.json().error.details.seats, 3);

    const view = await seatsAt(site.id);
    assert.equal(view.contract.seats, 3);
    assert.deepEqual([view.used, view.invited, view.active, view.free], [3, 3, 0, 0]);
    assert.deepEqual(view.history.at(-1), { day: today, active: 0, invited: 3, seats: 3 });
    const countyView = await seatsAt(county.id);
    assert.equal(countyView.contract, null, 'the county itself has no contract');
    const row = countyView.breakdown.find((b: { orgId: string }) => b.orgId === site.id);
    assert.deepEqual([row.used, row.invited], [3, 3]);
  });

  test('an archived account frees its seat; reactivating it past the seats is refused', async () => {
    const site = await newSite();
    await contract(site.id, 1);
    const first = (await person(site.id)).json();
    assert.equal((await ctx().call('POST', `/api/accounts/${first.id}/archive`, { as: countyAdmin })).statusCode, 200);
    assert.equal((await person(site.id)).statusCode, 201, 'the freed seat is taken by someone new');
    const back = await ctx().call('POST', `/api/accounts/${first.id}/reactivate`, { as: countyAdmin });
    assert.equal(back.statusCode, 409, back.body);
    assert.equal(back.json().error.code, 'seat_limit');
  });

  test('pending invitations hold seats: an invitation past the seats is refused', async () => {
    const site = await newSite();
    await contract(site.id, 1);
    const invite = () =>
      ctx().call('POST', '/api/invitations', {
        as: countyAdmin,
        body: { email: `inv-${uniqueSuffix()}@example.org`, orgId: site.id, role: 'learner' },
      });
    assert.equal((await invite()).statusCode, 201);
    const refused = await invite();
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().error.code, 'seat_limit');
  });

  test('an import fills the free seats and fails the rows past them with seat_limit', async () => {
    const site = await newSite();
    await contract(site.id, 2);
    const tag = uniqueSuffix();
    const rows = [1, 2, 3].map((i) => `,Row${i},Imp,imp${i}-${tag}@example.org,,,,,,,`).join('\n');
    const planned = await planImport(ctx(), countyAdmin, site.id, `${importHeader}\n${rows}\n`);
    const done = await commitImport(ctx(), countyAdmin, planned.id);
    assert.equal(done.counts.created, 2);
    assert.equal(done.counts.failed, 1);
    const failed = (await importRows(ctx(), countyAdmin, planned.id)).filter((r) => r.outcome === 'failed');
    assert.deepEqual(
      failed.map((r) => [r.line, r.reason]),
      [[4, 'seat_limit']],
    );
    assert.match(failed[0]?.message ?? '', /no free seat/);
  });

  test('a bulk reactivation takes the free seats and fails the rest one by one', async () => {
    const site = await newSite();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await person(site.id)).json().id);
    for (const id of ids) await ctx().call('POST', `/api/accounts/${id}/archive`, { as: countyAdmin });
    await contract(site.id, 2);
    const started = await ctx().call('POST', '/api/bulk-actions', {
      as: countyAdmin,
      body: { action: 'reactivate', accountIds: ids, expectedCount: 3, confirm: true },
    });
    assert.equal(started.statusCode, 202, started.body);
    await ctx().drainJobs();
    const result = (await ctx().call('GET', `/api/bulk-actions/${started.json().id}`, { as: countyAdmin })).json();
    assert.equal(result.counts.succeeded, 2);
    assert.equal(result.counts.failed, 1);
    const failed = (await ctx().call('GET', `/api/bulk-actions/${started.json().id}/results?outcome=failed`, { as: countyAdmin })).json();
    assert.equal(failed.items[0].reason, 'seat_limit');
    assert.equal((await seatsAt(site.id)).used, 2);
  });

  test('crossing the warning threshold emails the organization’s administrators once', async () => {
    const site = await newSite();
    const siteAdmin: { session: Session; account: AccountRef } = await signedInAdmin(ctx(), site);
    await contract(site.id, 4, { warnAt: 75, mode: 'warn' });
    const warnings = async () =>
      (await ctx().services.outbox.messagesTo(ctx().database.db, siteAdmin.account.email)).filter((m) => m.kind === 'seats_warning');
    assert.equal((await person(site.id)).statusCode, 201);
    assert.equal((await warnings()).length, 0, '2 of 4 is under 75%');
    assert.equal((await person(site.id)).statusCode, 201);
    const [warning] = await warnings();
    assert.ok(warning, '3 of 4 crosses 75%');
    assert.match(warning.subject, /using 75% of its seats/);
    assert.match(warning.bodyText, /uses 3 of its 4 seats/);
    assert.equal((await person(site.id)).statusCode, 201);
    assert.equal((await person(site.id)).statusCode, 201, 'a warn contract lets the 5th in');
    assert.equal((await warnings()).length, 1, 'once per crossing');
  });

  test('two creates racing for the last seat on two servers: exactly one wins', async () => {
    const site = await newSite();
    await contract(site.id, 2);
    assert.equal((await person(site.id)).statusCode, 201);
    const other = await ctx().openSecondInstance();
    try {
      const body = () => ({ orgId: site.id, firstName: 'Race', lastName: 'Runner', email: `race-${uniqueSuffix()}@example.org` });
      const cookie = countyAdmin.cookie as string;
      const [a, b] = await Promise.all([
        ctx().app.inject({ method: 'POST', url: '/api/accounts', headers: { cookie }, payload: body() }),
        other.app.inject({ method: 'POST', url: '/api/accounts', headers: { cookie }, payload: body() }),
      ]);
      const codes = [a.statusCode, b.statusCode].sort();
      assert.deepEqual(codes, [201, 409], `${a.body} / ${b.body}`);
      assert.equal([a, b].find((r) => r.statusCode === 409)?.json().error.code, 'seat_limit');
    } finally {
      await other.close();
    }
    assert.equal((await seatsAt(site.id)).used, 2);
  });

  test('only the tenant’s administrators set contracts; others’ organizations are not found', async () => {
    const site = await newSite();
    const byCounty = await ctx().call('POST', '/api/seat-contracts', {
      as: countyAdmin,
      body: { orgId: site.id, seats: 5, startsOn: '2026-01-01', endsOn: '2026-12-31', warnAt: 80, mode: 'warn' },
    });
    assert.equal(byCounty.statusCode, 403, byCounty.body);
    const other = await createOrg(ctx(), `Other ${uniqueSuffix()}`);
    const elsewhere = await contract(other.id, 5);
    assert.equal(elsewhere.statusCode, 404, 'another tenant’s organization does not exist for this tenant’s admin');
    const backwards = await contract(site.id, 5, { startsOn: '2026-12-31', endsOn: '2026-01-01' });
    assert.equal(backwards.statusCode, 400);
    const made = (await contract(site.id, 5)).json();
    const raised = await ctx().call('PATCH', `/api/seat-contracts/${made.id}`, { as: tenantAdmin, body: { seats: 8 } });
    assert.equal(raised.json().seats, 8);
    const list = await ctx().call('GET', `/api/seat-contracts?orgId=${site.id}`, { as: countyAdmin });
    assert.deepEqual(
      list.json().items.map((c: { id: string }) => c.id),
      [made.id],
    );
  });

  test('an account made by the root in a full organization is refused as well', async () => {
    const site = await newSite();
    await contract(site.id, 1);
    await createAccount(ctx(), { orgId: site.id });
    const refused = await person(site.id, ctx().root);
    assert.equal(refused.statusCode, 409);
  });
});

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createOrg, signedInAdmin, uniqueSuffix, type OrgRef } from '../support/factories.ts';
import { newAddress, submitRequest } from '../support/requests.ts';
import { movableClock } from '../support/seams.ts';

const clock = movableClock();
/** Seconds measured on a moving clock also count the few milliseconds the calls take. */
const about = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) <= 5, `${actual} ≈ ${expected}`);

/** The help desk's times, per request and on average, and the per-address limit opening again, on a clock moved by hand. */
describeEachDatabase(
  'account requests: times',
  (ctx) => {
    let tenant: OrgRef;
    let admin: Session;

    const ask = async (ip = newAddress()) => {
      const email = `timed-${uniqueSuffix()}@example.org`;
      const sent = await submitRequest(ctx(), { tenant: tenant.id, firstName: 'Tim', lastName: 'Ed', email }, ip);
      assert.equal(sent.statusCode, 202, sent.body);
      return (await ctx().call('GET', `/api/account-requests?q=${encodeURIComponent(email)}`, { as: admin })).json().items[0].id as string;
    };
    const reply = (id: string) =>
      ctx().call('POST', `/api/account-requests/${id}/reply`, { as: admin, body: { templateKey: 'role_and_programme' } });

    before(async () => {
      tenant = await createOrg(ctx(), 'Timed Tenant');
      admin = (await signedInAdmin(ctx(), tenant)).session;
    });

    test('time to first answer and to resolution, per request and on average', async () => {
      const slow = await ask();
      clock.advance(3600);
      assert.equal((await reply(slow)).statusCode, 200);
      clock.advance(7200);
      const resolved = await ctx().call('POST', `/api/account-requests/${slow}/resolve`, { as: admin });
      about(resolved.json().firstAnswerSeconds, 3600);
      about(resolved.json().resolutionSeconds, 10_800);

      const quick = await ask();
      clock.advance(600);
      const answered = (await reply(quick)).json();
      about(answered.firstAnswerSeconds, 600);
      assert.equal(answered.resolutionSeconds, null);
      // A second answer does not move the first.
      clock.advance(60);
      about((await reply(quick)).json().firstAnswerSeconds, 600);

      const stats = (await ctx().call('GET', '/api/account-requests/stats', { as: admin })).json();
      about(stats.averageFirstAnswerSeconds, 2100);
      about(stats.averageResolutionSeconds, 10_800);
      assert.deepEqual({ open: stats.open, waiting: stats.waiting, resolved: stats.resolved }, { open: 0, waiting: 1, resolved: 1 });

      const reopened = await ctx().call('POST', `/api/account-requests/${slow}/reopen`, { as: admin });
      assert.equal(reopened.json().resolutionSeconds, null, 'a reopened request is not resolved any more');
    });

    test('an address refused after 5 requests may ask again once the hour has passed', async () => {
      const ip = newAddress();
      for (let i = 0; i < 5; i += 1) await ask(ip);
      const refused = await submitRequest(
        ctx(),
        { tenant: tenant.id, firstName: 'A', lastName: 'B', email: `x-${uniqueSuffix()}@example.org` },
        ip,
      );
      assert.equal(refused.statusCode, 429);
      assert.ok(Number(refused.headers['retry-after']) > 3000);
      clock.advance(3601);
      await ask(ip);
    });
  },
  { overrides: { clock } },
);

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase } from '../support/context.ts';
import { createAccount, createOrg, uniqueSuffix, type OrgRef } from '../support/factories.ts';
import { countingHasher } from '../support/seams.ts';

const hasher = countingHasher();

/**
 * Time tells accounts apart when some failures skip the password hash (an invited account has no password
 * to check). Counting the hasher's checks per outcome shows each failure costs the same, without timing noise.
 */
describeEachDatabase(
  'every failed sign-in costs one password check',
  (ctx) => {
    let org: OrgRef;
    let address = 0;

    /** Checks made by one sign-in attempt (each from its own address, so throttling stays out of the way). */
    const checksFor = async (username: string, password: string): Promise<{ status: number; checks: number }> => {
      hasher.verifies = 0;
      address += 1;
      const response = await ctx().app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: `10.2.0.${address}`,
        payload: { username, password },
      });
      return { status: response.statusCode, checks: hasher.verifies };
    };

    before(async () => {
      org = await createOrg(ctx(), `Cost Tenant ${uniqueSuffix()}`);
    });

    test('an unknown name', async () => {
      assert.deepEqual(await checksFor(`nobody-${uniqueSuffix()}@example.org`, 'a-guess'), { status: 401, checks: 1 });
    });

    test('an active account with a wrong password', async () => {
      const person = await createAccount(ctx(), { orgId: org.id, password: 'Temporary-pass-1' });
      assert.deepEqual(await checksFor(person.email, 'a-guess'), { status: 401, checks: 1 });
    });

    test('an invited account that has no password yet', async () => {
      const invited = await createAccount(ctx(), { orgId: org.id });
      assert.equal(invited.status, 'invited');
      assert.deepEqual(await checksFor(invited.email, 'a-guess'), { status: 401, checks: 1 });
    });

    test('an archived account, with or without a password', async () => {
      const withPassword = await createAccount(ctx(), { orgId: org.id, password: 'Temporary-pass-2' });
      const without = await createAccount(ctx(), { orgId: org.id });
      for (const account of [withPassword, without]) {
        const archived = await ctx().call('POST', `/api/accounts/${account.id}/archive`, { as: ctx().root });
        assert.equal(archived.statusCode, 200, archived.body);
      }
      assert.deepEqual(await checksFor(withPassword.email, 'a-guess'), { status: 401, checks: 1 });
      assert.deepEqual(await checksFor(without.email, 'a-guess'), { status: 401, checks: 1 });
    });
  },
  { overrides: { hasher } },
);

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase } from '../support/context.ts';
import { createAccount, createOrg } from '../support/factories.ts';

describeEachDatabase('duplicate check on a common name', (ctx) => {
  test('the same name is found even when more people than the candidate limit sound like it', async () => {
    const org = await createOrg(ctx(), 'Common Name County');
    // 210 people whose names sound like "John Smith", made before the one who has exactly that name.
    for (let i = 0; i < 210; i += 1) {
      await createAccount(ctx(), { orgId: org.id, firstName: i % 2 ? 'Jon' : 'Jhon', lastName: 'Smyth', email: `smyth${i}@common.org` });
    }
    await createAccount(ctx(), { orgId: org.id, firstName: 'John', lastName: 'Smith', email: 'the.real.john@common.org' });

    const response = await ctx().call(
      'GET',
      `/api/accounts/duplicates?orgId=${org.id}&email=new.person@common.org&firstName=John&lastName=Smith`,
      { as: ctx().root },
    );
    assert.equal(response.statusCode, 200, response.body);
    const likely = response.json().likely as Array<{ score: number; account?: { email: string } }>;
    assert.equal(likely[0]?.account?.email, 'the.real.john@common.org');
    assert.equal(likely[0]?.score, 1);
  });
});

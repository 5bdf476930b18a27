import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type AccountRef } from '../support/factories.ts';

interface Event {
  action: string;
  actor: { id: string | null; label: string };
  targetId: string | null;
  account: { id: string; name: string; email: string } | null;
}

describeEachDatabase('audit: events name their account; filters by person and text; totals', (ctx) => {
  let countyAdmin: Session;
  let adminAccount: AccountRef;
  let first: AccountRef;
  let second: AccountRef;
  const search = async (query: string, as: Session = countyAdmin) => {
    const response = await ctx().call('GET', `/api/audit${query}`, { as });
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as { items: Event[]; total: number; totalCapped: boolean; nextCursor: string | null };
  };

  test('setup: two people of the same name in one county, changed by its administrator', async () => {
    const ohio = await createOrg(ctx(), 'Ohio');
    const franklin = await createOrg(ctx(), 'Franklin County', ohio);
    ({ session: countyAdmin, account: adminAccount } = await signedInAdmin(ctx(), franklin));
    first = await createAccount(
      ctx(),
      { orgId: franklin.id, firstName: 'José', lastName: 'Núñez', email: 'jose.nunez@franklin.example' },
      countyAdmin,
    );
    second = await createAccount(
      ctx(),
      { orgId: franklin.id, firstName: 'José', lastName: 'Núñez', email: 'jnunez2@franklin.example' },
      countyAdmin,
    );
    const edit = await ctx().call('PATCH', `/api/accounts/${second.id}`, { as: countyAdmin, body: { jobTitle: 'Nurse' } });
    assert.equal(edit.statusCode, 200, edit.body);
  });

  test('each event names the account it concerns with its name and email, so namesakes differ', async () => {
    const { items } = await search('?action=account.created&limit=10');
    const named = items.filter((e) => e.account?.name === 'José Núñez').map((e) => e.account?.email);
    assert.deepEqual(named.sort(), ['jnunez2@franklin.example', 'jose.nunez@franklin.example']);
    const created = items.find((e) => e.targetId === first.id);
    assert.deepEqual(created?.account, { id: first.id, name: 'José Núñez', email: 'jose.nunez@franklin.example' });
  });

  test('filtered by person: the events about an account, and the events by an administrator', async () => {
    const about = await search(`?personId=${second.id}`);
    assert.deepEqual(about.items.map((e) => e.action).sort(), ['account.created', 'account.updated']);
    assert.equal(about.total, 2);
    assert.ok(about.items.every((e) => e.targetId === second.id));

    const by = await search(`?personId=${adminAccount.id}`);
    assert.ok(
      by.items.some((e) => e.actor.id === adminAccount.id && e.targetId === first.id),
      'what the administrator did',
    );
    assert.ok(
      by.items.some((e) => e.targetId === adminAccount.id),
      'and what was done to the administrator’s own account',
    );
  });

  test('the text filter matches the email or name of the account concerned, any case, and words together', async () => {
    const byEmail = await search('?q=JNUNEZ2');
    assert.ok(byEmail.total >= 2);
    assert.ok(byEmail.items.every((e) => e.account?.email === 'jnunez2@franklin.example'));
    const both = await search('?q=josé%20updated');
    assert.deepEqual(
      both.items.map((e) => [e.action, e.account?.email]),
      [['account.updated', 'jnunez2@franklin.example']],
    );
    // % and _ are characters to find, not wildcards.
    assert.equal((await search('?q=%25')).total, 0);
  });

  test('pages keep the total of every page; the total is capped and says so', async () => {
    const page = await search('?limit=1');
    assert.equal(page.items.length, 1);
    assert.ok(page.nextCursor);
    assert.ok(page.total >= 4);
    assert.equal(page.totalCapped, false);
  });

  test('order=oldest starts from the oldest event and its cursor walks towards the newest', async () => {
    const newest = (await search('?limit=100')).items.map((e) => (e as unknown as { id: string }).id);
    const first = await search('?order=oldest&limit=2');
    const ids = first.items.map((e) => (e as unknown as { id: string }).id);
    assert.deepEqual(ids, newest.slice(-2).reverse(), 'the two oldest, oldest first');
    assert.ok(first.nextCursor);
    const next = await search(`?order=oldest&limit=2&cursor=${first.nextCursor}`);
    assert.deepEqual(
      next.items.map((e) => (e as unknown as { id: string }).id),
      newest.slice(-4, -2).reverse(),
    );
    assert.equal((await ctx().call('GET', '/api/audit?order=sideways', { as: countyAdmin })).statusCode, 400);
  });
});

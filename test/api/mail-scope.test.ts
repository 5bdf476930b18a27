import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';

interface Summary {
  id: string;
  recipient: string;
  kind: string;
  status: string;
}

describeEachDatabase('mail: filters by recipient and kind, totals, and county administrators’ own mail', (ctx) => {
  let franklin: OrgRef;
  let delaware: OrgRef;
  let tenantAdmin: Session;
  let franklinAdmin: Session;
  const list = async (as: Session, query = '') => {
    const response = await ctx().call('GET', `/api/mail${query}`, { as });
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as { items: Summary[]; total: number; nextCursor: string | null };
  };

  test('setup: held welcomes for people in two counties', async () => {
    const ohio = await createOrg(ctx(), 'Ohio');
    franklin = await createOrg(ctx(), 'Franklin County', ohio);
    delaware = await createOrg(ctx(), 'Delaware County', ohio);
    tenantAdmin = (await signedInAdmin(ctx(), ohio)).session;
    franklinAdmin = (await signedInAdmin(ctx(), franklin)).session;
    await createAccount(ctx(), { orgId: franklin.id, email: 'Nora.Quinn@Franklin.example' });
    await createAccount(ctx(), { orgId: franklin.id, email: 'omar_ali@franklin.example' });
    await createAccount(ctx(), { orgId: delaware.id, email: 'nora.diaz@delaware.example' });
    await ctx().drainJobs();
  });

  test('the recipient filter matches part of an address in any case; the kind filter one kind; total counts every page', async () => {
    const nora = await list(tenantAdmin, '?recipient=NORA');
    assert.deepEqual(nora.items.map((m) => m.recipient).sort(), ['Nora.Quinn@Franklin.example', 'nora.diaz@delaware.example']);
    assert.equal(nora.total, 2);
    // An underscore is a character here, not a wildcard.
    assert.deepEqual(
      (await list(tenantAdmin, '?recipient=omar_')).items.map((m) => m.recipient),
      ['omar_ali@franklin.example'],
    );
    assert.equal((await list(tenantAdmin, '?recipient=omar%25')).total, 0);

    const welcomes = await list(tenantAdmin, '?kind=welcome_activation&limit=1');
    assert.equal(welcomes.items.length, 1);
    assert.ok(welcomes.nextCursor);
    assert.ok(welcomes.total >= 3, `total ${welcomes.total} counts beyond the page`);
    assert.ok(welcomes.items.every((m) => m.kind === 'welcome_activation'));
    assert.equal((await list(tenantAdmin, '?kind=no_such_kind')).total, 0);
  });

  test('a county administrator reads the held mail of their own county, and nothing of the other', async () => {
    const mine = await list(franklinAdmin, '?status=held');
    const recipients = mine.items.map((m) => m.recipient.toLowerCase());
    assert.ok(recipients.includes('nora.quinn@franklin.example'));
    assert.ok(recipients.includes('omar_ali@franklin.example'));
    assert.ok(!recipients.includes('nora.diaz@delaware.example'));
    assert.equal(mine.total, mine.items.length);

    const other = (await list(tenantAdmin, '?recipient=nora.diaz')).items[0];
    assert.ok(other);
    assert.equal((await ctx().call('GET', `/api/mail/${other.id}`, { as: franklinAdmin })).statusCode, 404);
    const own = mine.items.find((m) => m.recipient.startsWith('omar'));
    assert.ok(own);
    const opened = await ctx().call('GET', `/api/mail/${own.id}`, { as: franklinAdmin });
    assert.equal(opened.statusCode, 200, opened.body);
    // Sending held mail stays the decision of the tenant's administrators.
    assert.equal((await ctx().call('POST', '/api/mail/send-held', { as: franklinAdmin })).statusCode, 403);
  });

  test('order=oldest lists from the oldest message, for the console’s Last page', async () => {
    const newestFirst = (await list(tenantAdmin, '?limit=200')).items.map((m) => m.id);
    const oldest = await list(tenantAdmin, '?order=oldest&limit=1');
    assert.deepEqual(
      oldest.items.map((m) => m.id),
      newestFirst.slice(-1),
    );
    assert.equal(oldest.total, newestFirst.length);
    const then = await list(tenantAdmin, `?order=oldest&limit=1&cursor=${oldest.nextCursor}`);
    assert.deepEqual(
      then.items.map((m) => m.id),
      newestFirst.slice(-2, -1),
    );
  });

  test('a learner still may not read mail', async () => {
    const learner = (await signedInAdmin(ctx(), franklin, 'learner')).session;
    assert.equal((await ctx().call('GET', '/api/mail', { as: learner })).statusCode, 403);
  });
});

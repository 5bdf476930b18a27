import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';

interface Item {
  id: string;
  roles?: unknown;
  email: string;
  lastName: string;
  firstName: string;
}

describeEachDatabase('account search and duplicate check', (ctx) => {
  let state: OrgRef;
  let north: OrgRef;
  let south: OrgRef;
  let northAdmin: Session;

  before(async () => {
    state = await createOrg(ctx(), 'Search State');
    north = await createOrg(ctx(), 'North County', state);
    south = await createOrg(ctx(), 'South County', state);
    const people: Array<[string, string, string, OrgRef, Record<string, unknown>]> = [
      ['John', 'Smith', 'john.smith@north.gov', north, { affiliation: 'Partners', employeeType: 'Social Worker' }],
      ['Maria', 'Smithers', 'maria@north.gov', north, { affiliation: 'Partners', employeeType: 'Supervisor' }],
      ['José', 'Álvarez', 'jose@south.org', south, { affiliation: 'County Staff' }],
      ['Ana', 'Lopez', 'ana.lopez@south.org', south, {}],
      ['Smitty', 'Jones', 'smitty@north.gov', north, {}],
      ['Beth', 'Archer', 'beth@state.gov', state, { role: 'admin' }],
    ];
    for (const [firstName, lastName, email, org, extra] of people) {
      await createAccount(ctx(), { orgId: org.id, firstName, lastName, email, ...extra });
    }
    northAdmin = (await signedInAdmin(ctx(), north)).session;
  });

  const search = async (query: string, as: Session = ctx().root) => {
    const scoped = query.includes('orgId=') ? query : `orgId=${state.id}&${query}`;
    const response = await ctx().call('GET', `/api/accounts?${scoped}`, { as });
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as { items: Item[]; total: number; nextCursor: string | null };
  };

  test('text matches the start of last name, first name, email or username, ignoring case and accents', async () => {
    const smi = await search('q=SMI');
    assert.deepEqual(smi.items.map((a) => a.email).sort(), ['john.smith@north.gov', 'maria@north.gov', 'smitty@north.gov']);
    assert.equal(smi.total, 3);
    assert.deepEqual(
      (await search('q=alvarez')).items.map((a) => a.email),
      ['jose@south.org'],
    );
    assert.deepEqual(
      (await search('q=ana.lo')).items.map((a) => a.email),
      ['ana.lopez@south.org'],
    );
    assert.deepEqual(
      (await search('q=john%20smi')).items.map((a) => a.email),
      ['john.smith@north.gov'],
    );
    assert.deepEqual(
      (await search('q=smith%20john')).items.map((a) => a.email),
      ['john.smith@north.gov'],
    );
  });

  test('filters combine: status, subtree, affiliation, employee type, email domain, role', async () => {
    assert.equal((await search(`orgId=${south.id}`)).total, 2);
    assert.equal((await search('affiliation=Partners')).total, 2);
    assert.equal((await search('employeeType=Supervisor')).items[0]?.email, 'maria@north.gov');
    assert.equal((await search('emailDomain=north.gov')).total, 3);
    assert.equal((await search('emailDomain=@NORTH.gov&q=smith')).total, 2);
    const admins = await search('role=admin');
    assert.equal(admins.total, 2, 'Beth and the North County administrator');
    assert.ok(admins.items.some((a) => a.email === 'beth@state.gov'));
    assert.equal((await search('status=archived')).total, 0);
    assert.ok((await search('status=active,invited')).total >= 6);
  });

  test('a county admin’s search covers only their county; the state above them is out of reach', async () => {
    const response = await ctx().call('GET', '/api/accounts?q=smi', { as: northAdmin });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().total, 3);
    const southOnly = await ctx().call('GET', '/api/accounts?q=ana', { as: northAdmin });
    assert.equal(southOnly.json().total, 0);
    const fromState = await ctx().call('GET', `/api/accounts?orgId=${state.id}`, { as: northAdmin });
    assert.equal(fromState.statusCode, 404);
  });

  test('cursor paging visits every match once, in order, with the same total', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await search(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((a) => a.lastName.toLowerCase()));
      assert.equal(page.total >= 7, true);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    const all = await search('limit=100');
    assert.equal(seen.length, all.total);
    assert.deepEqual(
      seen,
      all.items.map((a) => a.lastName.toLowerCase()),
    );
    assert.equal(new Set(all.items.map((a) => a.id)).size, all.items.length);
  });

  test('sorting by email descending', async () => {
    const page = await search('sort=email&direction=desc&limit=100');
    const emails = page.items.map((a) => a.email.toLowerCase());
    assert.deepEqual(emails, [...emails].sort().reverse());
  });

  test('an exact email match is reported with details when in scope', async () => {
    const response = await ctx().call('GET', '/api/accounts/duplicates?email=JOHN.SMITH@north.gov%20', { as: northAdmin });
    assert.equal(response.statusCode, 200);
    const { exact } = response.json();
    assert.equal(exact.length, 1);
    assert.equal(exact[0].inScope, true);
    assert.equal(exact[0].account.email, 'john.smith@north.gov');
  });

  test('a match outside the caller’s reach is reported without its details', async () => {
    const response = await ctx().call('GET', '/api/accounts/duplicates?email=ana.lopez@south.org&firstName=Ana&lastName=Lopez', {
      as: northAdmin,
    });
    const body = response.json();
    assert.equal(body.exact.length, 1);
    assert.equal(body.exact[0].inScope, false);
    assert.equal(body.exact[0].account, undefined);
    assert.ok(!response.body.includes('ana.lopez@south.org'), 'no email of the out-of-scope account');
    assert.ok(!response.body.includes(south.id), 'no organization of the out-of-scope account');
  });

  test('likely the same person: Jon Smith finds John Smith under another email', async () => {
    const response = await ctx().call('GET', '/api/accounts/duplicates?email=jon.s@elsewhere.org&firstName=Jon&lastName=Smyth', {
      as: ctx().root,
    });
    const body = response.json();
    assert.equal(body.exact.length, 0);
    assert.equal(body.likely[0]?.account?.email, 'john.smith@north.gov');
    assert.equal(body.likely[0]?.match, 'name');
    const unrelated = await ctx().call('GET', '/api/accounts/duplicates?firstName=Zed&lastName=Quinn', { as: ctx().root });
    assert.deepEqual(unrelated.json(), { exact: [], likely: [] });
  });

  test('a person matching the text on several fields is listed once', async () => {
    const both = await createAccount(ctx(), {
      orgId: north.id,
      firstName: 'Smithy',
      lastName: 'Smithson',
      email: 'smithy.smithson@north.gov',
    });
    const page = await search('q=smith&limit=100');
    assert.equal(page.items.filter((a) => a.id === both.id).length, 1);
    assert.equal(new Set(page.items.map((a) => a.id)).size, page.items.length);
    assert.equal(page.total, page.items.length);
  });
});

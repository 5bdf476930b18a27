import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';

interface Item {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
}

/**
 * A text search reads each way of matching as short ordered ranges (a last-name range, one range per
 * first name under the prefix, the emails no name explains) and merges them: pages must still come out
 * in name order, each match once, whichever way it matched, forwards and backwards, within the reach.
 */
describeEachDatabase('text search pages', (ctx) => {
  let state: OrgRef;
  let east: OrgRef;
  let west: OrgRef;
  let eastAdmin: Session;

  // first name, last name, email, county
  const people: Array<[string, string, string, 'east' | 'west']> = [
    ['Jessica', 'Adams', 'jessica.adams@pages.org', 'east'],
    ['Jessie', 'Adams', 'jadams@pages.org', 'west'],
    ['Jess', 'Adams', 'jess.adams@pages.org', 'east'],
    ['Jessica', 'Smith', 'jessica.smith@pages.org', 'west'],
    ['Jessica', 'Smith', 'jsmith@pages.org', 'east'],
    ['Jessamyn', 'Zúñiga', 'jz@pages.org', 'west'],
    ['Jessica', 'Jessup', 'jj@pages.org', 'east'],
    ['Maria', 'Jessel', 'mj@pages.org', 'east'],
    // Found by the email alone: no name of theirs starts with "jess".
    ['Tom', 'Brown', 'jessfan@pages.org', 'west'],
    // A first name shorter than the prefix that starts the email: still found through the email.
    ['Jes', 'Moss', 'jessy.moss@pages.org', 'east'],
    ['Ann', 'Other', 'other@pages.org', 'east'],
  ];
  const jess = people.filter(([, , email]) => email !== 'other@pages.org').map(([, , email]) => email);

  before(async () => {
    state = await createOrg(ctx(), 'Pages State');
    east = await createOrg(ctx(), 'East Pages County', state);
    west = await createOrg(ctx(), 'West Pages County', state);
    for (const [firstName, lastName, email, county] of people) {
      await createAccount(ctx(), { orgId: (county === 'east' ? east : west).id, firstName, lastName, email });
    }
    eastAdmin = (await signedInAdmin(ctx(), east)).session;
  });

  /** The root administrator searches the tenant (`orgId` of its root); others search their own reach. */
  const page = async (query: string, as?: Session) => {
    const scoped = as || query.includes('orgId=') ? query : `orgId=${state.id}&${query}`;
    const response = await ctx().call('GET', `/api/accounts?${scoped}`, { as: as ?? ctx().root });
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as { items: Item[]; total: number; nextCursor: string | null };
  };

  /** Every page of a query, `limit` at a time, with the total each page announced. */
  const allPages = async (query: string, limit: number, as?: Session) => {
    const items: Item[] = [];
    const totals = new Set<number>();
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages += 1) {
      const next = await page(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, as);
      items.push(...next.items);
      totals.add(next.total);
      cursor = next.nextCursor;
      if (!cursor) break;
    }
    return { items, totals: [...totals] };
  };

  const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const inNameOrder = (items: Item[]) =>
    items.every((a, i) => {
      const b = items[i - 1];
      if (!b) return true;
      const [la, lb] = [fold(a.lastName), fold(b.lastName)];
      return lb < la || (lb === la && fold(b.firstName) <= fold(a.firstName));
    });

  test('a first-name prefix shared by several names pages through every match once, in name order', async () => {
    const whole = await page('q=jess&limit=100');
    assert.deepEqual(whole.items.map((a) => a.email).sort(), [...jess].sort());
    assert.equal(whole.total, jess.length);
    assert.ok(inNameOrder(whole.items), whole.items.map((a) => `${a.lastName} ${a.firstName}`).join(', '));
    for (const limit of [1, 2, 3]) {
      const paged = await allPages('q=jess', limit);
      assert.deepEqual(
        paged.items.map((a) => a.id),
        whole.items.map((a) => a.id),
        `limit ${limit}`,
      );
      assert.deepEqual(paged.totals, [jess.length]);
    }
  });

  test('paging backwards gives the same matches in reverse', async () => {
    const forwards = await page('q=JESS&limit=100');
    const backwards = await allPages('q=JESS&direction=desc', 2);
    assert.deepEqual(
      backwards.items.map((a) => a.id),
      forwards.items.map((a) => a.id).reverse(),
    );
  });

  test('an email prefix past the name finds only that email; one that no name explains finds its owner', async () => {
    assert.deepEqual(
      (await page('q=jessica.s')).items.map((a) => a.email),
      ['jessica.smith@pages.org'],
    );
    assert.deepEqual(
      (await page('q=jsm')).items.map((a) => a.email),
      ['jsmith@pages.org'],
    );
    assert.deepEqual(
      (await page('q=jessf')).items.map((a) => a.email),
      ['jessfan@pages.org'],
    );
  });

  test('a first name and a last-name prefix, in either order, page in name order', async () => {
    const paged = await allPages('q=jess%20ada', 1);
    assert.deepEqual(
      paged.items.map((a) => a.email),
      ['jess.adams@pages.org', 'jessica.adams@pages.org', 'jadams@pages.org'],
    );
    assert.deepEqual(paged.totals, [3]);
    const reversed = await page('q=smith%20jessica');
    assert.deepEqual(reversed.items.map((a) => a.email).sort(), ['jessica.smith@pages.org', 'jsmith@pages.org']);
  });

  test('a county administrator pages through the matches of their county only', async () => {
    const mine = people.filter(([, , email, county]) => county === 'east' && jess.includes(email)).map(([, , email]) => email);
    const paged = await allPages('q=jess', 2, eastAdmin);
    assert.deepEqual(paged.items.map((a) => a.email).sort(), [...mine].sort());
    assert.deepEqual(paged.totals, [mine.length]);
    assert.ok(inNameOrder(paged.items));
  });

  test("a county administrator's total counts last-name matches in every status and in the organizations under theirs", async () => {
    const district = await createOrg(ctx(), 'Jessop District', east);
    const archived = await createAccount(ctx(), { orgId: east.id, firstName: 'Ada', lastName: 'Jessop', email: 'ada.jessop@pages.org' });
    const archivedAnswer = await ctx().call('POST', `/api/accounts/${archived.id}/archive`, { as: ctx().root });
    assert.equal(archivedAnswer.statusCode, 200, archivedAnswer.body);
    await createAccount(ctx(), { orgId: district.id, firstName: 'Bo', lastName: 'Jessop', email: 'bo.jessop@pages.org' });
    await createAccount(ctx(), { orgId: west.id, firstName: 'Cy', lastName: 'Jessop', email: 'cy.jessop@pages.org' });
    const all = await page('q=jesso', eastAdmin);
    assert.deepEqual(all.items.map((a) => a.email).sort(), ['ada.jessop@pages.org', 'bo.jessop@pages.org']);
    assert.equal(all.total, 2);
    const onlyArchived = await page('q=jesso&status=archived', eastAdmin);
    assert.deepEqual(
      onlyArchived.items.map((a) => a.email),
      ['ada.jessop@pages.org'],
    );
    assert.equal(onlyArchived.total, 1);
    // Counted beside the names that are not last names: every "jess" of the county, each once.
    const jessAll = await page('q=jess&limit=100', eastAdmin);
    assert.equal(jessAll.total, jessAll.items.length);
  });

  test('a prefix shared by more first names than are merged still pages in name order', async () => {
    const county = await createOrg(ctx(), 'Many Names County', east);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const names = Array.from({ length: 40 }, (_, i) => `Qu${letters[i % 26]}${letters[Math.floor(i / 26)]}`);
    for (const [i, firstName] of names.entries()) {
      await createAccount(ctx(), { orgId: county.id, firstName, lastName: `Zed${letters[(i * 7) % 26]}`, email: `many${i}@pages.org` });
    }
    const whole = await page(`orgId=${county.id}&q=qu&limit=100`);
    assert.equal(whole.total, names.length);
    assert.ok(inNameOrder(whole.items));
    const paged = await allPages(`orgId=${county.id}&q=qu`, 7);
    assert.deepEqual(
      paged.items.map((a) => a.id),
      whole.items.map((a) => a.id),
    );
  });
});

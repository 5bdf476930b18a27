import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sql } from 'kysely';
import { createMigrator, migrateToLatest } from '../../src/server/db/migrator.ts';
import { describeEachDatabase } from '../support/context.ts';
import { createAccount, createOrg, type OrgRef } from '../support/factories.ts';

describeEachDatabase('search that forgives accents, case and punctuation', (ctx) => {
  let org: OrgRef;

  before(async () => {
    org = await createOrg(ctx(), 'Forgiving County');
    const people: Array<[string, string, string]> = [
      ['José', 'Núñez', 'jnunez@forgiving.org'],
      ['Lucia', 'Garcia', 'lgarcia@forgiving.org'],
      ['Marta', 'García', 'marta@forgiving.org'],
      ['Sean', "O'Brien", 'sob@forgiving.org'],
      ['Kim', 'Smith-Jones', 'ksj@forgiving.org'],
      ['Jörg', 'Strauß', 'js@forgiving.org'],
    ];
    for (const [firstName, lastName, email] of people) await createAccount(ctx(), { orgId: org.id, firstName, lastName, email });
  });

  const emailsFor = async (q: string) => {
    const response = await ctx().call('GET', `/api/accounts?orgId=${org.id}&q=${encodeURIComponent(q)}`, { as: ctx().root });
    assert.equal(response.statusCode, 200, response.body);
    const page = response.json() as { items: Array<{ email: string }>; total: number };
    assert.equal(page.total, page.items.length);
    return page.items.map((a) => a.email).sort();
  };

  test('"nunez", "Núñez", "NÚÑEZ", "josé" and "José Núñez" find José Núñez', async () => {
    for (const q of ['nunez', 'Núñez', 'NÚÑEZ', 'josé', 'José Núñez', 'jose nunez', 'núñez, josé']) {
      assert.deepEqual(await emailsFor(q), ['jnunez@forgiving.org'], q);
    }
  });

  test('"garcia" finds García and Garcia, and so does "garcía"', async () => {
    assert.deepEqual(await emailsFor('garcia'), ['lgarcia@forgiving.org', 'marta@forgiving.org']);
    assert.deepEqual(await emailsFor('GARCÍA'), ['lgarcia@forgiving.org', 'marta@forgiving.org']);
  });

  test('punctuation inside a name does not matter', async () => {
    assert.deepEqual(await emailsFor('obrien'), ['sob@forgiving.org']);
    assert.deepEqual(await emailsFor("o'brien"), ['sob@forgiving.org']);
    assert.deepEqual(await emailsFor('O’Brien'), ['sob@forgiving.org']);
    assert.deepEqual(await emailsFor('smith jones'), ['ksj@forgiving.org']);
    assert.deepEqual(await emailsFor('smith-jon'), ['ksj@forgiving.org']);
    assert.deepEqual(await emailsFor('strauss'), ['js@forgiving.org']);
    assert.deepEqual(await emailsFor('jorg'), ['js@forgiving.org']);
  });

  test('a query of punctuation alone finds nobody, without an error', async () => {
    assert.deepEqual(await emailsFor("' - ."), []);
  });

  test('the upgrade rewrites the keys that older versions stored', async () => {
    const db = ctx().database.db;
    const migrator = createMigrator(db);
    const names = (await migrator.getMigrations()).map((m) => m.name);
    const before = names[names.indexOf('2026-12-01-70-forgiving-name-keys') - 1] as string;
    assert.equal((await migrator.migrateTo(before)).error, undefined);
    // As the old fold left them: accents gone, punctuation kept.
    await sql`update accounts set last_name_key = 'o''brien' where email = 'sob@forgiving.org'`.execute(db);
    await sql`update accounts set last_name_key = 'smith-jones' where email = 'ksj@forgiving.org'`.execute(db);
    assert.deepEqual(await emailsFor('obrien'), []);

    await migrateToLatest(db);
    assert.deepEqual(await emailsFor('obrien'), ['sob@forgiving.org']);
    assert.deepEqual(await emailsFor('smith jones'), ['ksj@forgiving.org']);
  });
});

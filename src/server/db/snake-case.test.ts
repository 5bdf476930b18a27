import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CamelCasePlugin,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
  type Compilable,
  type QueryCompiler,
} from 'kysely';
import type { Database } from './schema.ts';
import { CamelCaseNames, SnakeCasePostgresQueryCompiler, SnakeCaseSqliteQueryCompiler } from './snake-case.ts';

/** A Kysely that only compiles, with the given compiler and plugins. */
function compilerOnly(kind: 'sqlite' | 'postgres', compiler: QueryCompiler, plugins: CamelCasePlugin[]): Kysely<Database> {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => (kind === 'sqlite' ? new SqliteAdapter() : new PostgresAdapter()),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => (kind === 'sqlite' ? new SqliteIntrospector(db) : new PostgresIntrospector(db)),
      createQueryCompiler: () => compiler,
    },
    plugins,
  });
}

/** Statements of every kind the application writes: joins and aliases, raw references, writes, DDL. */
const statements: Array<[string, (db: Kysely<Database>) => Compilable]> = [
  [
    'a join with aliases, filters and order',
    (db) =>
      db
        .selectFrom('accounts')
        .innerJoin('organizations as o', 'o.id', 'accounts.orgId')
        .selectAll('accounts')
        .select(['o.name as orgName', 'o.path as orgPath'])
        .where('accounts.tenantId', '=', 't1')
        .where((eb) => eb.or([eb('accounts.lastNameKey', '>=', 'smi'), eb('accounts.emailDomain', 'in', ['a.org', 'b.org'])]))
        .orderBy('accounts.lastNameKey')
        .orderBy(sql`coalesce(accounts.last_activity_at, '')`, 'desc')
        .limit(51),
  ],
  [
    'references, identifiers and a subquery in raw SQL',
    (db) =>
      db
        .selectFrom((eb) =>
          eb
            .selectFrom('roleAssignments as ra')
            .select(['ra.accountId', sql<number>`1`.as('oneRow')])
            .as('sub'),
        )
        .select((eb) => [
          eb.fn.countAll().as('matchCount'),
          sql`${sql.ref('sub.accountId')}`.as('firstAccountId'),
          sql.id('sub', 'oneRow').as('x'),
        ])
        .groupBy('sub.accountId'),
  ],
  [
    'a common table expression',
    (db) =>
      db
        .with('recentAccounts', (qb) => qb.selectFrom('accounts').select(['id', 'createdAt']).where('createdAt', '>', '2026-01-01'))
        .selectFrom('recentAccounts')
        .selectAll(),
  ],
  [
    'an insert with a conflict and a returning clause',
    (db) =>
      db
        .insertInto('apiTokens')
        .values({ id: 'k', accountId: 'a', tenantId: 't', name: 'n', tokenHash: 'h', kind: 'api', createdAt: 'now' } as never)
        .onConflict((oc) => oc.column('tokenHash').doUpdateSet({ lastUsedAt: 'now' } as never))
        .returning(['id', 'lastUsedAt']),
  ],
  [
    'an update and a delete',
    (db) =>
      db
        .updateTable('accounts')
        .set({ lastActivityAt: 'now', version: sql<number>`version + 1` })
        .where('orgId', '=', 'o1'),
  ],
  ['a delete', (db) => db.deleteFrom('roleAssignments').where('accountId', 'in', ['a', 'b'])],
  [
    'a table and an index',
    (db) =>
      db.schema
        .createTable('someThings')
        .addColumn('thingId', 'text', (c) => c.primaryKey())
        .addColumn('ownerAccountId', 'text', (c) => c.references('accounts.id').onDelete('cascade'))
        .addUniqueConstraint('someThingsOwnerUnique', ['ownerAccountId', 'thingId']),
  ],
  ['an index', (db) => db.schema.createIndex('accountsByLastName').on('accounts').columns(['tenantId', 'lastNameKey'])],
];

describe('snake_case identifiers written by the compiler', () => {
  for (const kind of ['sqlite', 'postgres'] as const) {
    const names = new CamelCaseNames();
    const ours = compilerOnly(
      kind,
      kind === 'sqlite' ? new SnakeCaseSqliteQueryCompiler(names) : new SnakeCasePostgresQueryCompiler(names),
      [names],
    );
    const kysely = compilerOnly(kind, kind === 'sqlite' ? new SqliteQueryCompiler() : new PostgresQueryCompiler(), [new CamelCasePlugin()]);
    for (const [what, build] of statements) {
      test(`${kind}: ${what} compiles to the same SQL and values as with Kysely's CamelCasePlugin`, () => {
        const expected = build(kysely).compile();
        const actual = build(ours).compile();
        assert.equal(actual.sql, expected.sql);
        assert.deepEqual(actual.parameters, expected.parameters);
        assert.match(actual.sql, /_/, 'the statement names snake_case columns');
      });
    }
  }
});

describe('rows mapped back to camelCase', () => {
  const rows = [
    { account_id: 'a1', org_path: '/t/o/', extra: { nested_key: 1, list_of: [{ inner_key: 2 }, 3] }, count: 2, empty_value: null },
    { account_id: 'a2', org_path: '/t/p/', extra: null, count: 0, empty_value: null },
  ];
  const map = async (plugin: CamelCasePlugin) =>
    (await plugin.transformResult({ result: { rows: structuredClone(rows) }, queryId: { queryId: 'q' } })).rows;

  test('give the same rows as Kysely’s CamelCasePlugin, nested objects included, in the same key order', async () => {
    const expected = await map(new CamelCasePlugin());
    const actual = await map(new CamelCaseNames());
    assert.deepEqual(actual, expected);
    assert.deepEqual(
      actual.map((row) => Object.keys(row)),
      expected.map((row) => Object.keys(row)),
    );
    assert.deepEqual(actual[0], {
      accountId: 'a1',
      orgPath: '/t/o/',
      extra: { nestedKey: 1, listOf: [{ innerKey: 2 }, 3] },
      count: 2,
      emptyValue: null,
    });
  });

  test('a column name cannot become code in the row builder', async () => {
    const hostile = { 'a"]; throw new Error("x"); //': 1, "b'\\u2028`${1}`": 2 };
    const [row] = (await new CamelCaseNames().transformResult({ result: { rows: [hostile] }, queryId: { queryId: 'q' } })).rows;
    const [expected] = (await new CamelCasePlugin().transformResult({ result: { rows: [hostile] }, queryId: { queryId: 'q' } })).rows;
    assert.deepEqual(row, expected);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createScratchDatabase, databaseKinds, postgresSkipReason } from '../../../test/support/databases.ts';
import { maxPreparedPerConnection } from './copy-client.ts';
import { openDatabase, type DatabaseHandle, type Executor } from './connection.ts';
import { migrateToLatest } from './migrator.ts';
import { prepared } from './prepared.ts';
import { inTransaction } from './transaction.ts';

const tenantsNamed = prepared(2, (db: Executor, name: string, limit: number) =>
  db.selectFrom('tenants').select(['id', 'createdAt']).where('name', '=', name).where('id', '!=', 'never').orderBy('id').limit(limit),
);

for (const kind of databaseKinds) {
  describe(`prepared reads [${kind}]`, { skip: kind === 'postgres' ? postgresSkipReason : false }, () => {
    let handle: DatabaseHandle;
    let drop: (() => Promise<void>) | undefined;
    before(async () => {
      const scratch = await createScratchDatabase(kind);
      drop = scratch.drop;
      handle = openDatabase(scratch.config);
      await migrateToLatest(handle.db);
      const row = { name: 'Alpha', settings: '{}', createdAt: '2026-12-01T00:00:00.000Z' };
      await handle.db
        .insertInto('tenants')
        .values([
          { ...row, id: 'a1' },
          { ...row, id: 'a2' },
          { ...row, id: 'b1', name: 'Beta' },
        ])
        .execute();
    });
    after(async () => {
      await handle?.close();
      await drop?.();
    });

    test('each call binds its own values to the SQL built once, and rows come back camelCase', async () => {
      assert.deepEqual(
        (await tenantsNamed(handle.db, 'Alpha', 5)).map((r) => r.id),
        ['a1', 'a2'],
      );
      assert.deepEqual(
        (await tenantsNamed(handle.db, 'Alpha', 1)).map((r) => r.id),
        ['a1'],
      );
      const [beta] = await tenantsNamed(handle.db, 'Beta', 5);
      assert.deepEqual(beta, { id: 'b1', createdAt: '2026-12-01T00:00:00.000Z' });
    });

    test('inside a transaction it reads on the transaction', async () => {
      const seen = await inTransaction(handle.db, async (trx) => {
        await trx.updateTable('tenants').set({ name: 'Gamma' }).where('id', '=', 'b1').execute();
        const rows = await tenantsNamed(trx, 'Gamma', 5);
        await trx.updateTable('tenants').set({ name: 'Beta' }).where('id', '=', 'b1').execute();
        return rows.map((r) => r.id);
      });
      assert.deepEqual(seen, ['b1']);
    });

    test('a query whose values are not all bound as parameters is refused', async () => {
      const inlined = prepared(1, (db: Executor, name: string) =>
        db
          .selectFrom('tenants')
          .select('id')
          .where(sql<boolean>`name = ${sql.lit(name)}`),
      );
      await assert.rejects(inlined(handle.db, 'Alpha'), /every value must be bound/);
      const unused = prepared(2, (db: Executor, name: string, _limit: number) =>
        db.selectFrom('tenants').select('id').where('name', '=', name),
      );
      await assert.rejects(unused(handle.db, 'Alpha', 3), /every value must be bound/);
    });

    test(
      'on PostgreSQL a connection prepares the read once, and a column added from elsewhere does not break it',
      {
        skip: kind !== 'postgres',
      },
      async () => {
        const everything = prepared(1, (db: Executor, id: string) => db.selectFrom('tenants').selectAll().where('id', '=', id));
        // One connection throughout: prepared statements belong to the session that made them.
        await handle.db.connection().execute(async (connection) => {
          assert.equal((await everything(connection, 'a1'))[0]?.name, 'Alpha');
          const prepares = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(connection);
          assert.ok(
            prepares.rows.some((r) => r.name.startsWith('registrar_')),
            JSON.stringify(prepares.rows),
          );
          // Another process (a second server, `registrar migrate`) changes the table's columns meanwhile.
          const other = openDatabase({ database: handle.location });
          await sql`alter table tenants add column prepared_probe text`.execute(other.db);
          await other.close();
          const [again] = await everything(connection, 'a1');
          assert.equal(again?.name, 'Alpha');
          assert.ok(again && 'preparedProbe' in again, 'the new column is read');
          assert.equal((await everything(connection, 'a2'))[0]?.id, 'a2');
        });
        await sql`alter table tenants drop column prepared_probe`.execute(handle.db);
      },
    );

    test(
      'on PostgreSQL other reads are named as they come, up to a bound per connection, and a long list is not',
      { skip: kind !== 'postgres' },
      async () => {
        await handle.db.connection().execute(async (connection) => {
          const registrarNames = async () =>
            (await sql<{ name: string }>`select name from pg_prepared_statements`.execute(connection)).rows.filter((r) =>
              r.name.startsWith('registrar_'),
            ).length;
          const before = await registrarNames();
          const marker = `probe_${Date.now()}`;
          // The same text twice is one prepared statement; each answers with its own values.
          for (const id of ['a1', 'b1']) {
            const rows = await sql<{ id: string }>`select id, ${marker} as marker from tenants where id = ${id}`.execute(connection);
            assert.deepEqual(
              rows.rows.map((r) => r.id),
              [id],
            );
          }
          // The count read was named when it first ran: the probe alone is new.
          assert.equal(await registrarNames(), before + 1);
          // A lookup of a long list runs unnamed.
          const ids = Array.from({ length: 150 }, (_, i) => `none-${i}`);
          const listed = await sql<{ id: string }>`select id from tenants where id in (${sql.join([...ids, 'a2'])})`.execute(connection);
          assert.deepEqual(
            listed.rows.map((r) => r.id),
            ['a2'],
          );
          assert.equal(await registrarNames(), before + 1);
          // Past the bound, new reads still answer, unnamed.
          for (let i = 0; i < maxPreparedPerConnection + 20; i += 1) {
            const rows = await sql<{ n: number }>`select ${sql.lit(i)}::int as n from tenants where id = ${'a1'}`.execute(connection);
            assert.equal(rows.rows[0]?.n, i);
          }
          assert.equal(await registrarNames(), maxPreparedPerConnection);
        });
      },
    );
  });
}

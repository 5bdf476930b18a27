import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createScratchDatabase, databaseKinds, postgresSkipReason, type ScratchDatabase } from '../../../test/support/databases.ts';
import { openDatabase, type DatabaseHandle } from './connection.ts';
import { inTransaction } from './transaction.ts';

const root = resolve(import.meta.dirname, '../../..');
const holdMs = 700;

/**
 * Another process (the command line beside a running server) that takes the write lock, writes, and
 * commits only after `holdMs`. Resolves once it holds the lock; `done` once it has committed.
 */
async function holdWriteLockElsewhere(kind: 'sqlite' | 'postgres', target: string): Promise<{ done: Promise<number | null> }> {
  const script =
    kind === 'sqlite'
      ? `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.exec('begin immediate');
         db.prepare("insert into items (name) values ('held')").run();
         process.stdout.write('holding\\n');
         setTimeout(() => { db.exec('commit'); db.close(); }, ${holdMs});`
      : `const c = new (require('pg').Client)(process.argv[1]);
         (async () => {
           await c.connect();
           await c.query('begin');
           await c.query('lock table items in exclusive mode');
           await c.query("insert into items (name) values ('held')");
           process.stdout.write('holding\\n');
           setTimeout(async () => { await c.query('commit'); await c.end(); }, ${holdMs});
         })();`;
  const child = spawn(process.execPath, ['-e', script, target], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const done = new Promise<number | null>((resolveExit) => child.on('exit', resolveExit));
  await new Promise<void>((holding, fail) => {
    child.stdout.on('data', (chunk: Buffer) => (String(chunk).includes('holding') ? holding() : undefined));
    void done.then((code) => fail(new Error(`the lock holder exited with ${code} before holding the lock`)));
  });
  return { done };
}

for (const kind of databaseKinds) {
  describe(`two processes writing to one database [${kind}]`, { skip: kind === 'postgres' && postgresSkipReason }, () => {
    let scratch: ScratchDatabase;
    let database: DatabaseHandle;
    before(async () => {
      scratch = await createScratchDatabase(kind);
      database = openDatabase(scratch.config);
      await sql`create table items (name text not null)`.execute(database.db);
    });
    after(async () => {
      await database.close();
      await scratch.drop();
    });

    test('a transaction that reads then writes waits for the other process to commit, then succeeds', async () => {
      const target = scratch.config.database.kind === 'sqlite' ? scratch.config.database.file : scratch.url;
      const holder = await holdWriteLockElsewhere(kind, target);
      const started = Date.now();
      await inTransaction(database.db, async (trx) => {
        await sql`select count(*) as n from items`.execute(trx);
        await sql`insert into items (name) values ('waited')`.execute(trx);
      });
      const waited = Date.now() - started;
      assert.equal(await holder.done, 0);
      const names = await sql<{ name: string }>`select name from items order by name`.execute(database.db);
      assert.deepEqual(
        names.rows.map((r) => r.name),
        ['held', 'waited'],
      );
      assert.ok(waited >= holdMs / 2, `the write waited for the other process (${waited} ms)`);
    });

    test('while a write waits for the lock, the process goes on answering (its event loop is not held)', async () => {
      const target = scratch.config.database.kind === 'sqlite' ? scratch.config.database.file : scratch.url;
      const holder = await holdWriteLockElsewhere(kind, target);
      // A timer that should fire every 10 ms: the longest gap between its runs is how long the loop was held.
      let last = performance.now();
      let longestGap = 0;
      const ticker = setInterval(() => {
        const now = performance.now();
        longestGap = Math.max(longestGap, now - last);
        last = now;
      }, 10);
      try {
        // A write outside any transaction, as a request's "token last used" is.
        await sql`insert into items (name) values ('alone')`.execute(database.db);
      } finally {
        clearInterval(ticker);
        // The time since the timer last ran counts too: a held loop shows as one long gap up to here.
        longestGap = Math.max(longestGap, performance.now() - last);
      }
      assert.equal(await holder.done, 0);
      assert.ok(longestGap < holdMs / 2, `the event loop was held for ${Math.round(longestGap)} ms`);
    });
  });
}

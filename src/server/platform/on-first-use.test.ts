import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

/** The packages a fresh process has loaded once it built the services over `database` (a child process: this one loads everything). */
function packagesLoadedAtStart(): string[] {
  const module = (path: string) => JSON.stringify(new URL(path, import.meta.url).href);
  const code = `
    import { createRequire } from 'node:module';
    const { createServices } = await import(${module('../container.ts')});
    const { openDatabase } = await import(${module('../db/connection.ts')});
    const { migrateToLatest } = await import(${module('../db/migrator.ts')});
    const database = openDatabase({ database: { kind: 'sqlite', file: ':memory:' } });
    await migrateToLatest(database.db);
    createServices(database, { sessionTtlHours: 1 });
    const names = Object.keys(createRequire(import.meta.url).cache).map((p) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(p)?.[1]);
    console.log(JSON.stringify([...new Set(names.filter(Boolean))]));
    await database.close();
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as string[];
}

test('a server on SQLite without SMTP starts without loading pg, exceljs, nodemailer or the common-password list', () => {
  const loaded = packagesLoadedAtStart();
  // The check itself works: packages the services do need at start are seen.
  assert.ok(loaded.includes('better-sqlite3'), `loaded: ${loaded.join(', ')}`);
  for (const name of ['pg', 'pg-copy-streams', 'exceljs', 'nodemailer', '@zxcvbn-ts/language-common']) {
    assert.ok(!loaded.includes(name), `${name} was loaded at start`);
  }
});

/**
 * Bare floors measured in the same run: the same answer (a page of 50 in name order plus the exact
 * count) from one index range in raw SQL, with no scope resolution, join, roles or mapping. What the
 * product adds on top of this is its own cost.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { BenchKind } from './seed.ts';
import { benchPostgresUrl, sqliteFile } from './seed.ts';

export type FloorQuery =
  | { kind: 'lastNamePrefix'; tenantId: string; prefix: string }
  | { kind: 'lastNamePrefixInOrg'; tenantId: string; orgId: string; prefix: string }
  | { kind: 'orgStatus'; tenantId: string; orgId: string; status: string }
  | { kind: 'domain'; tenantId: string; domain: string }
  | { kind: 'duplicate'; tenantId: string; emailKey: string; lastSounds: string[]; firstSounds: string[] };

interface Statement {
  page: string;
  count: string;
  params: unknown[];
}

const order = 'order by last_name_key, first_name_key, id limit 50';

/** SQL with `?` placeholders; PostgreSQL placeholders are numbered when run. */
function statement(q: FloorQuery): Statement {
  switch (q.kind) {
    case 'lastNamePrefix':
      return {
        page: `select * from accounts where tenant_id = ? and last_name_key >= ? and last_name_key < ? ${order}`,
        count: 'select count(*) as n from accounts where tenant_id = ? and last_name_key >= ? and last_name_key < ?',
        params: [q.tenantId, q.prefix, `${q.prefix}\u{10FFFF}`],
      };
    case 'lastNamePrefixInOrg':
      return {
        page: `select * from accounts where tenant_id = ? and org_id = ? and last_name_key >= ? and last_name_key < ? ${order}`,
        count: 'select count(*) as n from accounts where tenant_id = ? and org_id = ? and last_name_key >= ? and last_name_key < ?',
        params: [q.tenantId, q.orgId, q.prefix, `${q.prefix}\u{10FFFF}`],
      };
    case 'orgStatus':
      return {
        page: `select * from accounts where tenant_id = ? and org_id = ? and status = ? ${order}`,
        count: 'select count(*) as n from accounts where tenant_id = ? and org_id = ? and status = ?',
        params: [q.tenantId, q.orgId, q.status],
      };
    case 'domain':
      return {
        page: `select * from accounts where tenant_id = ? and email_domain = ? ${order}`,
        count: 'select count(*) as n from accounts where tenant_id = ? and email_domain = ?',
        params: [q.tenantId, q.domain],
      };
    case 'duplicate': {
      const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');
      return {
        page: 'select * from accounts where tenant_id = ? and email_key = ?',
        count: `select * from accounts where tenant_id = ? and last_name_sound in (${inList(q.lastSounds.length)}) and first_name_sound in (${inList(q.firstSounds.length)}) limit 200`,
        params: [q.tenantId, q.emailKey, ...q.lastSounds, ...q.firstSounds],
      };
    }
  }
}

export interface FloorRunner {
  run(q: FloorQuery): Promise<void>;
  close(): Promise<void>;
}

/** `countCap`: count at most this many + 1 matches, the way the API counts by default (`totalCapped`). */
export async function openFloor(kind: BenchKind, options: { countCap?: number } = {}): Promise<FloorRunner> {
  const capped = (s: Statement): Statement =>
    options.countCap === undefined
      ? s
      : {
          ...s,
          count: s.count.replace(
            /^select count\(\*\) as n from (.*)$/s,
            `select count(*) as n from (select 1 from $1 limit ${options.countCap + 1}) c`,
          ),
        };
  if (kind === 'sqlite') {
    const db = new SQLite(sqliteFile, { readonly: true });
    db.pragma('cache_size = -65536');
    const cache = new Map<string, SQLite.Statement>();
    const prepared = (text: string) => cache.get(text) ?? (cache.set(text, db.prepare(text)).get(text) as SQLite.Statement);
    return {
      async run(q) {
        const s = capped(statement(q));
        if (q.kind === 'duplicate') {
          prepared(s.page).all(...s.params.slice(0, 2));
          prepared(s.count).all(q.tenantId, ...s.params.slice(2));
          return;
        }
        prepared(s.page).all(...s.params);
        prepared(s.count).get(...s.params);
      },
      async close() {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: benchPostgresUrl() });
  await client.connect();
  const numbered = (text: string) => {
    let n = 0;
    return text.replace(/\?/g, () => `$${++n}`);
  };
  return {
    async run(q) {
      const s = capped(statement(q));
      if (q.kind === 'duplicate') {
        await client.query(numbered(s.page), s.params.slice(0, 2));
        await client.query(numbered(s.count), [q.tenantId, ...s.params.slice(2)]);
        return;
      }
      await client.query(numbered(s.page), s.params);
      await client.query(numbered(s.count), s.params);
    },
    async close() {
      await client.end();
    },
  };
}

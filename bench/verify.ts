/**
 * Checks, on the seeded million, that the service's pages and totals equal a plain reference query
 * (one OR of the text ranges, one sort, one count; slow but obviously right). The tests cover the same
 * rules on small data; this covers the paths only big data takes (walking the name index).
 *
 *   node --import tsx bench/verify.ts [--db=sqlite|postgres]
 */
import { sql } from 'kysely';
import { createServices } from '../src/server/container.ts';
import { foldAccents, nameKey } from '../src/server/modules/accounts/account-keys.ts';
import type { AccountWithOrg } from '../src/server/modules/accounts/accounts.repository.ts';
import { existingDataset, openBench, type BenchKind } from './seed.ts';

const kind = (process.argv.find((a) => a.startsWith('--db='))?.slice(5) ?? 'sqlite') as BenchKind;
const dataset = existingDataset(kind, 1_000_000);
if (!dataset) throw new Error(`No seeded ${kind} database.`);
const handle = openBench(kind);
const services = createServices(handle, { sessionTtlHours: 8 });
const db = handle.db;

async function actorOf(id: string) {
  const account = await db
    .selectFrom('accounts')
    .innerJoin('organizations as o', 'o.id', 'accounts.orgId')
    .selectAll('accounts')
    .select(['o.name as orgName', 'o.path as orgPath'])
    .where('accounts.id', '=', id)
    .executeTakeFirstOrThrow();
  return services.auth.actorFor(account as AccountWithOrg, 'api');
}

const hi = '\u{10FFFF}';
/** The contract in one OR: names compared on their keys, email and username on the query without accents. */
function textCondition(q: string) {
  const r = (col: string, p: string) => sql`(${sql.ref(col)} >= ${p} and ${sql.ref(col)} < ${p + hi})`;
  const name = nameKey(q);
  const login = foldAccents(q).trim();
  const words = name.split(' ').filter(Boolean);
  const names = [r('last_name_key', name), r('first_name_key', name)];
  if (words.length >= 2) {
    const [first, ...rest] = words as [string, ...string[]];
    const tail = rest.join(' ');
    names.push(
      sql`(${r('first_name_key', first)} and ${r('last_name_key', tail)})`,
      sql`(${r('last_name_key', first)} and ${r('first_name_key', tail)})`,
    );
  }
  const logins = /\s/.test(login) ? [] : [r('email_key', login), r('username_key', login)];
  return sql`(${sql.join([...names, ...logins], sql` or `)})`;
}

let failures = 0;
async function check(
  label: string,
  actor: Awaited<ReturnType<typeof actorOf>>,
  input: Record<string, string>,
  where: ReturnType<typeof sql>,
) {
  // Exact totals: the default count stops at 10,000, which the reference count does not.
  const page1 = await services.accountSearch.searchAccounts(actor, { ...input, count: 'exact' });
  const page2 = page1.nextCursor
    ? await services.accountSearch.searchAccounts(actor, { ...input, count: 'exact', cursor: page1.nextCursor })
    : { items: [], total: page1.total };
  const ids = [...page1.items, ...page2.items].map((a) => a.id);
  const reference = await sql<{
    id: string;
  }>`select id from accounts where ${where} order by last_name_key, first_name_key, id limit 100`.execute(db);
  const count = await sql<{ n: string | number }>`select count(*) as n from accounts where ${where}`.execute(db);
  const refIds = reference.rows.map((r) => r.id);
  const ok = JSON.stringify(ids) === JSON.stringify(refIds) && page1.total === Number(count.rows[0]?.n) && page2.total === page1.total;
  if (!ok) failures += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}: total ${page1.total} (reference ${count.rows[0]?.n}), ${ids.length} ids over two pages`);
}

const tenantAdmin = await actorOf(dataset.tenantAdminId);
const t = dataset.tenantId;
for (const q of [
  'smi',
  'joh',
  'mar',
  'jess',
  'eliz',
  'jennif',
  'niam',
  'jsmi',
  'jessica.s',
  'john smi',
  'richard wil',
  'maria gar',
  'zz',
  'garcía',
]) {
  await check(`text "${q}"`, tenantAdmin, { q }, sql`tenant_id = ${t} and ${textCondition(q)}`);
}
for (const index of [0, 7, 58]) {
  const county = dataset.counties[index] as (typeof dataset.counties)[number];
  const admin = await actorOf(county.adminId);
  await check(
    `${county.name} archived`,
    admin,
    { status: 'archived' },
    sql`tenant_id = ${t} and org_id = ${county.id} and status = 'archived'`,
  );
  await check(`${county.name} all statuses`, admin, {}, sql`tenant_id = ${t} and org_id = ${county.id}`);
  await check(
    `${county.name} text "mar"`,
    admin,
    { q: 'mar' },
    sql`tenant_id = ${t} and org_id = ${county.id} and ${textCondition('mar')}`,
  );
}
await check('domain yahoo.com', tenantAdmin, { emailDomain: 'yahoo.com' }, sql`tenant_id = ${t} and email_domain = 'yahoo.com'`);
await handle.close();
console.log(failures ? `${failures} mismatches` : 'all match');
process.exit(failures ? 1 : 0);

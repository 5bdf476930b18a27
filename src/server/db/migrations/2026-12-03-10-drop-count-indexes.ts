import type { Kysely } from 'kysely';

/*
 * Two narrow indexes existed only to count: `(tenant, domain)` and `(tenant, organization, status)` beside the
 * wide ones that order the same rows by name. They paid when a search counted every match (a 250k-row count read
 * ~200 pages of a narrow index, ~3,500 of a wide one). Counts now stop at 1,000 ("1,000+", an exact count on
 * request), and a thousand entries of the wide index are a few pages, so the twins no longer earn the two B-tree
 * writes they add to every account insert (issue #19: an import writes each account into every index).
 */
const twins: Array<[string, string[]]> = [
  ['accounts_tenant_domain_count', ['tenant_id', 'email_domain']],
  ['accounts_tenant_org_status_count', ['tenant_id', 'org_id', 'status']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name] of twins) await db.schema.dropIndex(name).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name, columns] of twins) await db.schema.createIndex(name).on('accounts').columns(columns).execute();
}

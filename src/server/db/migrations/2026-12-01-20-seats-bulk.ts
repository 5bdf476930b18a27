import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

/*
 * Bulk actions over a selection of accounts, and seat contracts. Frozen once landed.
 *
 * - bulk_actions: one row per request (action, its parameters, the selection as sent, who asked, counts).
 * - bulk_action_items: one row per selected account, numbered in selection order (`seq`), with its
 *   outcome, the values before (for undo) and what undo did. Keyset reads by (bulk_action_id, seq).
 * - seat_contracts: a limit on the accounts that hold a seat (active, or invited and not expired) in an
 *   organization's subtree; `warned_at` remembers the crossing of the warning threshold already told.
 * - seat_snapshots: one row per contract and day, for the history chart.
 * - inactivity_notices: the notice sent to an account for one period of inactivity (keyed by when that
 *   period began), so it is sent once and the archive waits the notice's days after it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const binaryText = isPostgres(db) ? sql`text collate "C"` : sql`text`;
  await db.schema
    .createTable('bulk_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('selection', 'text', (c) => c.notNull())
    .addColumn('expected_count', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('requested_by_label', 'text', (c) => c.notNull())
    .addColumn('undone_by', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('undone_at', 'text')
    .execute();
  await db.schema.createIndex('bulk_actions_tenant_created').on('bulk_actions').columns(['tenant_id', 'created_at']).execute();

  await db.schema
    .createTable('bulk_action_items')
    .addColumn('bulk_action_id', 'text', (c) => c.notNull().references('bulk_actions.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('message', 'text')
    .addColumn('previous', 'text')
    .addColumn('undo', 'text')
    .addPrimaryKeyConstraint('bulk_action_items_pk', ['bulk_action_id', 'seq'])
    .execute();
  await db.schema.createIndex('bulk_action_items_outcome').on('bulk_action_items').columns(['bulk_action_id', 'outcome', 'seq']).execute();

  await db.schema
    .createTable('seat_contracts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('org_path', binaryText, (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('warn_at', 'integer', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('warned_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('seat_contracts_tenant_path').on('seat_contracts').columns(['tenant_id', 'org_path']).execute();

  await db.schema
    .createTable('seat_snapshots')
    .addColumn('contract_id', 'text', (c) => c.notNull().references('seat_contracts.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('invited', 'integer', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('seat_snapshots_pk', ['contract_id', 'day'])
    .execute();

  await db.schema
    .createTable('inactivity_notices')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('inactive_since', 'text', (c) => c.notNull())
    .addColumn('noticed_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('inactivity_notices').execute();
  await db.schema.dropTable('seat_snapshots').execute();
  await db.schema.dropTable('seat_contracts').execute();
  await db.schema.dropTable('bulk_action_items').execute();
  await db.schema.dropTable('bulk_actions').execute();
}

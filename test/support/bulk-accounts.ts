import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../src/server/db/connection.ts';
import { newAccountRow } from '../../src/server/modules/accounts/account-columns.ts';
import { AccountsRepository } from '../../src/server/modules/accounts/accounts.repository.ts';
import type { OrgRef } from './factories.ts';

/**
 * Writes many active accounts straight into the table, for tests that need more than the list's cap
 * (ten thousand through the API would take minutes). The rows are shaped by the service's own
 * newAccountRow, derived search keys included, so they are found exactly as created ones are; the
 * tests still assert everything through HTTP or the browser.
 */
export async function insertAccountsDirectly(
  db: Db,
  org: OrgRef,
  people: ReadonlyArray<{ email: string; firstName: string; lastName: string }>,
): Promise<void> {
  const now = new Date().toISOString();
  const rows = people.map((fields) =>
    newAccountRow({ id: uuidv7(), tenantId: org.tenantId, orgId: org.id, fields, status: 'active', now }),
  );
  const repo = new AccountsRepository();
  for (let i = 0; i < rows.length; i += 10_000) await repo.insertMany(db, rows.slice(i, i + 10_000));
}

import type { Executor } from '../../db/connection.ts';
import type { CredentialsTable } from '../../db/schema.ts';
import { insertRows } from '../../db/bulk-insert.ts';

export class CredentialsRepository {
  async get(db: Executor, accountId: string): Promise<CredentialsTable | undefined> {
    return db.selectFrom('credentials').selectAll().where('accountId', '=', accountId).executeTakeFirst();
  }

  async insertMany(db: Executor, rows: CredentialsTable[]): Promise<void> {
    await insertRows(db, 'credentials', rows);
  }

  async upsert(db: Executor, row: CredentialsTable): Promise<void> {
    await db
      .insertInto('credentials')
      .values(row)
      .onConflict((oc) =>
        oc.column('accountId').doUpdateSet({
          passwordHash: row.passwordHash,
          mustChangePassword: row.mustChangePassword,
          temporaryExpiresAt: row.temporaryExpiresAt,
          passwordChangedAt: row.passwordChangedAt,
        }),
      )
      .execute();
  }
}

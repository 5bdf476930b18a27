import type { Executor } from '../../db/connection.ts';
import type { CredentialsTable } from '../../db/schema.ts';

export class CredentialsRepository {
  async get(db: Executor, accountId: string): Promise<CredentialsTable | undefined> {
    return db.selectFrom('credentials').selectAll().where('accountId', '=', accountId).executeTakeFirst();
  }

  async insertMany(db: Executor, rows: CredentialsTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 1000) await db.insertInto('credentials').values(rows.slice(i, i + 1000)).execute();
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

import type { Executor } from '../../db/connection.ts';
import type { AuthThrottleTable } from '../../db/schema.ts';

/** Failure counters live in the database so every app instance sees the same lockouts. */
export class ThrottleRepository {
  async get(db: Executor, key: string): Promise<AuthThrottleTable | undefined> {
    return db.selectFrom('authThrottle').selectAll().where('key', '=', key).executeTakeFirst();
  }

  async save(db: Executor, row: AuthThrottleTable): Promise<void> {
    await db
      .insertInto('authThrottle')
      .values(row)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ failures: row.failures, windowStartedAt: row.windowStartedAt, lockedUntil: row.lockedUntil }),
      )
      .execute();
  }

  async clear(db: Executor, key: string): Promise<void> {
    await db.deleteFrom('authThrottle').where('key', '=', key).execute();
  }
}

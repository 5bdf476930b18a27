import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Db } from './connection.ts';
import { forgetStatementNames } from './statement-names.ts';
import * as foundation from './migrations/2026-11-23-01-foundation.ts';
import * as jobs from './migrations/2026-11-23-02-jobs.ts';
import * as imports from './migrations/2026-11-23-03-imports.ts';
import * as notifications from './migrations/2026-11-23-04-notifications.ts';
import * as onboarding from './migrations/2026-11-23-05-onboarding.ts';
import * as reliability from './migrations/2026-11-30-01-reliability.ts';
import * as roles from './migrations/2026-11-30-02-roles.ts';
import * as importTemplates from './migrations/2026-11-30-03-import-templates.ts';
import * as enrollment from './migrations/2026-12-01-10-enrollment.ts';
import * as seatsBulk from './migrations/2026-12-01-20-seats-bulk.ts';
import * as requests from './migrations/2026-12-01-30-requests.ts';
import * as scim from './migrations/2026-12-01-40-scim.ts';
import * as forgivingNameKeys from './migrations/2026-12-01-70-forgiving-name-keys.ts';
import * as searchIndexes from './migrations/2026-12-01-90-search-indexes.ts';
import * as importWatermark from './migrations/2026-12-01-95-import-watermark.ts';
import * as emailRestCovering from './migrations/2026-12-01-96-email-rest-covering.ts';
import * as roleGrantsByAccount from './migrations/2026-12-02-20-role-grants-by-account.ts';
import * as accountOrigin from './migrations/2026-12-02-30-account-origin.ts';
import * as dropCountIndexes from './migrations/2026-12-03-10-drop-count-indexes.ts';
import * as importPasswordsFlag from './migrations/2026-12-04-10-import-passwords-flag.ts';

/** Migrations are listed here, in order, so the compiled build needs no directory scan. */
const migrations: Record<string, Migration> = {
  '2026-11-23-01-foundation': foundation,
  '2026-11-23-02-jobs': jobs,
  '2026-11-23-03-imports': imports,
  '2026-11-23-04-notifications': notifications,
  '2026-11-23-05-onboarding': onboarding,
  '2026-11-30-01-reliability': reliability,
  '2026-11-30-02-roles': roles,
  '2026-11-30-03-import-templates': importTemplates,
  '2026-12-01-10-enrollment': enrollment,
  '2026-12-01-20-seats-bulk': seatsBulk,
  '2026-12-01-30-requests': requests,
  '2026-12-01-40-scim': scim,
  '2026-12-01-70-forgiving-name-keys': forgivingNameKeys,
  '2026-12-01-90-search-indexes': searchIndexes,
  '2026-12-01-95-import-watermark': importWatermark,
  '2026-12-01-96-email-rest-covering': emailRestCovering,
  '2026-12-02-20-role-grants-by-account': roleGrantsByAccount,
  '2026-12-02-30-account-origin': accountOrigin,
  '2026-12-03-10-drop-count-indexes': dropCountIndexes,
  '2026-12-04-10-import-passwords-flag': importPasswordsFlag,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** The migrator over the listed migrations (tests step down and up again with it). */
export const createMigrator = (db: Db): Migrator => {
  // Statements prepared before the migration may read columns it changes.
  forgetStatementNames();
  return new Migrator({ db, provider });
};

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = createMigrator(db);
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${String((result.error as Error).message ?? result.error)}`);
  }
  return result;
}

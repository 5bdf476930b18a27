import type { AccountRow } from '../../db/schema.ts';

/**
 * An account as services pass it around: the stored row with its organization's name and path (the
 * path decides reach). Its own file so other modules can name it without reaching for the repository.
 */
export type AccountWithOrg = AccountRow & { orgName: string; orgPath: string };

/** The few facts other modules need to act on many accounts at once (enrollment batches): cheap to read in thousands. */
export type AccountBrief = Pick<
  AccountWithOrg,
  'id' | 'tenantId' | 'status' | 'email' | 'username' | 'firstName' | 'lastName' | 'orgName' | 'orgPath'
>;

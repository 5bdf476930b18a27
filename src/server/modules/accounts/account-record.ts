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

/**
 * What an import's plan compares a row with: every column a row can set, and what decides reach and the
 * row's message. A third fewer columns than the whole account, which is most of the cost of reading
 * 100,000 of them (each column of each row becomes a value in JavaScript).
 */
export type AccountToCompare = Pick<
  AccountWithOrg,
  | 'id'
  | 'orgId'
  | 'orgName'
  | 'orgPath'
  | 'emailKey'
  | 'username'
  | 'usernameKey'
  | 'firstName'
  | 'lastName'
  | 'firstNameKey'
  | 'lastNameKey'
  | 'firstNameSound'
  | 'lastNameSound'
  | 'status'
  | 'affiliation'
  | 'employeeType'
  | 'dateHire'
  | 'dateTransfer'
  | 'jobTitle'
  | 'department'
  | 'externalId'
  | 'trainingManager'
  | 'supervisor'
  | 'isGlobalAdmin'
  | 'version'
>;

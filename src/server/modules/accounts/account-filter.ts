/**
 * A filter over accounts as an interface hands it to the accounts module (SCIM translates its filter
 * syntax into this): fields are account fields, not any protocol's attribute names.
 */
export type AccountFilterField =
  'id' | 'username' | 'email' | 'firstName' | 'lastName' | 'scimExternalId' | 'externalId' | 'active' | 'createdAt' | 'updatedAt';

export type AccountCompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

export type AccountFilter =
  | { op: 'and' | 'or'; filters: AccountFilter[] }
  | { op: 'not'; filter: AccountFilter }
  | { op: AccountCompareOp; field: AccountFilterField; value: string | boolean }
  | { op: 'pr'; field: AccountFilterField }
  /** A test that always holds (or never does): `emails[type eq "work"]` on the one email an account has. */
  | { op: 'const'; value: boolean };

/** One page of a filtered listing, in creation order: `offset` rows skipped, at most `limit` returned. */
export interface AccountFilterQuery {
  tenantId: string;
  roots: 'all' | string[];
  filter: AccountFilter | undefined;
  offset: number;
  limit: number;
}

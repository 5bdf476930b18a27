/** The shape of an account search once the service has resolved scope and filters; shared by the repository and its SQL. */
/** Distinct first names under each prefix of a text query; `undefined` for a prefix under too many to merge. */
export type FirstNames = ReadonlyMap<string, readonly string[] | undefined>;

export type AccountSort = 'name' | 'email' | 'createdAt' | 'status' | 'lastActivityAt';

/** A search already narrowed to what the actor may see: the service resolves scope into `roots`. */
export interface AccountQuery {
  tenantId?: string;
  /** Organization subtree roots (materialized paths), or 'all'. A tenant root path needs no org filter. */
  roots: 'all' | string[];
  q?: string;
  statuses?: string[];
  affiliation?: string;
  employeeType?: string;
  emailDomain?: string;
  roleKey?: string;
  sort: AccountSort;
  direction: 'asc' | 'desc';
  limit: number;
  /** Keyset position: the sort key values and id of the last row of the previous page. */
  after?: readonly (string | null)[];
  /** The reach as organization ids (null: whole tenants), once resolved, so the page and the count share one lookup. */
  orgIds?: string[] | null;
  /** The first names under the text's prefixes, once looked up (see account-text-sql.ts). */
  firstNames?: FirstNames;
  /** Text branches' sizes (capped), by the column that leads each, once counted (see account-search-sql.ts). */
  branchSizes?: ReadonlyMap<string, number>;
}

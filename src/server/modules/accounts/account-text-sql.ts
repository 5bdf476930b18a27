import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { prefixUpperBound } from '../../db/transaction.ts';
import { foldAccents, nameKey } from './account-keys.ts';
import type { FirstNames } from './account-query.ts';

/*
 * The text part of an account search: which ways a query matches (branches), and the few facts about
 * the data that let each branch be read as short ordered index ranges.
 *
 * A name page is in (last name, first name, id) order. A last-name prefix is one range of the last-name
 * index, already in that order. A first-name prefix spans a handful of distinct first names ("jess":
 * jessica, jessie), and within one first name the first-name index is in last-name order: so the branch
 * is a merge of one short LIMITed range per first name, found first (`firstNamesStartingWith`). An email
 * prefix mostly repeats a name ("jess" matches jessica.smith@…, already found as a first name): the email
 * index is keyed by how much of the email a name explains, so the branch reads only the emails that no
 * name explains (a handful) instead of every email with the prefix.
 */

type AccountsEB = ExpressionBuilder<Database, 'accounts'>;
export type KeyColumn = 'accounts.lastNameKey' | 'accounts.firstNameKey' | 'accounts.emailKey' | 'accounts.usernameKey';

/** Past this many distinct first names under one prefix, a branch is read another way (see account-search-sql.ts). */
export const maxMergedNames = 32;

/**
 * The leading characters of the email that a name explains (the first-name key when the email starts
 * with it, else the last-name key, else 0). It is the second column of `accounts_tenant_email_rest`
 * (migration 2026-12-01-90), written exactly as there: SQLite uses an expression index only for the
 * same expression.
 */
const emailNameLength = sql<number>`(case when substr(accounts.email_key, 1, length(accounts.first_name_key)) = accounts.first_name_key then length(accounts.first_name_key) when substr(accounts.email_key, 1, length(accounts.last_name_key)) = accounts.last_name_key then length(accounts.last_name_key) else 0 end)`;

/**
 * The email as `accounts_tenant_email_rest` holds it (`'' || email_key`: the same value), so that only that index
 * serves the range: PostgreSQL underestimates email prefix ranges and would pick the unique email index.
 */
function emailRestRange(eb: AccountsEB, prefix: string): Expression<SqlBool> {
  const email = sql<string>`('' || accounts.email_key)`;
  return eb.and([eb(email, '>=', prefix), eb(email, '<', prefixUpperBound(prefix))]);
}

/** Beyond this length, the email branch states its bound as one comparison instead of a list of lengths. */
const listedLengths = 24;

/**
 * Emails that a name of the same account does not already match for this query. An email starting with
 * the prefix and with a name it starts with, no shorter than the prefix, is found by that name's branch
 * (the prefix is then a prefix of the name too): only emails explained by fewer characters than the
 * prefix can add anyone. Written as a list of lengths, so the index is read as a few short ranges.
 */
function unexplainedEmail(eb: AccountsEB, prefix: string): Expression<SqlBool> {
  const length = [...prefix].length;
  if (length > listedLengths) return eb(emailNameLength, '<', length);
  return eb(
    emailNameLength,
    'in',
    Array.from({ length }, (_, i) => i),
  );
}

/** One way a text query matches. */
export interface TextBranch {
  lead: KeyColumn;
  /** The condition; with `hideLead`, the lead column is written `(col || '')`, which keeps both planners off its index. */
  match(eb: AccountsEB, hideLead?: boolean): Expression<SqlBool>;
  /**
   * For a branch whose first-name part is a prefix: that prefix, and the rest of the condition.
   * With the prefix's first names known, the branch is one ordered range per name.
   */
  byFirstName?: { prefix: string; rest(eb: AccountsEB): Expression<SqlBool> | undefined };
}

/** `(col || '')`: the same value and byte order, but no index holds it. */
export const hidden = (column: string) => sql<string>`(${sql.ref(column)} || '')`;

const range = (eb: AccountsEB, column: KeyColumn, prefix: string, hide = false) => {
  const ref = hide ? hidden(column) : eb.ref(column);
  return eb.and([eb(ref, '>=', prefix), eb(ref, '<', prefixUpperBound(prefix))]);
};

/** The words of a name query, and its email/username form (accents removed; `undefined` when it holds a space). */
function queryForms(q: string): { name: string; words: string[]; login: string | undefined } {
  const name = nameKey(q);
  const login = foldAccents(q).trim();
  return { name, words: name.split(' ').filter(Boolean), login: !login || /\s/.test(login) ? undefined : login };
}

/** The first-name prefixes whose distinct names the branches of `q` can merge over. */
export function firstNamePrefixes(q: string): string[] {
  const { name, words } = queryForms(q);
  if (!name) return [];
  return words.length >= 2 ? [...new Set([words[0] as string, words.slice(1).join(' '), name])] : [name];
}

/**
 * Prefix match over names, email and username, each an index range. Names are matched on their keys
 * (`nameKey`: accents, case and punctuation set aside, so "NÚÑEZ" finds Núñez and "garcia" García); email
 * and username on the query with its accents removed. Two or more words match first and last name in
 * either order ("ana lop" or "lopez ana"). A query with nothing but punctuation matches no name.
 */
export function textBranches(q: string): TextBranch[] {
  const { name, words, login } = queryForms(q);
  const branches: TextBranch[] = [];
  if (words.length >= 2) {
    const first = words[0] as string;
    const rest = words.slice(1).join(' ');
    const both = (eb: AccountsEB, lastPrefix: string, firstPrefix: string) =>
      eb.and([range(eb, 'accounts.lastNameKey', lastPrefix), range(eb, 'accounts.firstNameKey', firstPrefix)]);
    branches.push(
      {
        lead: 'accounts.lastNameKey',
        match: (eb) => both(eb, rest, first),
        byFirstName: { prefix: first, rest: (eb) => range(eb, 'accounts.lastNameKey', rest) },
      },
      {
        lead: 'accounts.lastNameKey',
        match: (eb) => both(eb, first, rest),
        byFirstName: { prefix: rest, rest: (eb) => range(eb, 'accounts.lastNameKey', first) },
      },
    );
  }
  if (name) {
    branches.push(
      { lead: 'accounts.lastNameKey', match: (eb) => range(eb, 'accounts.lastNameKey', name) },
      {
        lead: 'accounts.firstNameKey',
        match: (eb, hide) => range(eb, 'accounts.firstNameKey', name, hide),
        byFirstName: { prefix: name, rest: () => undefined },
      },
    );
  }
  // An email or username holds no spaces: a query with one is a name.
  if (!login) return branches;
  return [
    ...branches,
    {
      lead: 'accounts.emailKey',
      // Walking the name index needs no email index: then the bound on what names explain is left out (it changes nothing).
      match: (eb, hide) =>
        hide ? range(eb, 'accounts.emailKey', login, true) : eb.and([unexplainedEmail(eb, login), emailRestRange(eb, login)]),
    },
    // A username equal to the email is already matched by the email branch; the rest sit in a small partial index.
    {
      lead: 'accounts.usernameKey',
      match: (eb, hide) =>
        eb.and([range(eb, 'accounts.usernameKey', login, hide), eb('accounts.usernameKey', '<>', eb.ref('accounts.emailKey'))]),
    },
  ];
}

/**
 * The distinct first names starting with each prefix, up to `maxMergedNames` (more: `undefined`), in one
 * statement: a loose index scan (one seek per name, however many people bear it).
 */
export async function firstNamesStartingWith(db: Executor, tenantId: string | undefined, prefixes: string[]): Promise<FirstNames> {
  const out = new Map<string, readonly string[] | undefined>();
  if (prefixes.length === 0 || tenantId === undefined) {
    for (const p of prefixes) out.set(p, undefined);
    return out;
  }
  const scans = prefixes.map(
    (prefix, i) => sql`select ${sql.raw(String(i))} as p, k from (
      with recursive names(k, n) as (
        select (select first_name_key from accounts where tenant_id = ${tenantId} and first_name_key >= ${prefix} and first_name_key < ${prefixUpperBound(prefix)} order by first_name_key limit 1), 1
        union all
        select (select first_name_key from accounts where tenant_id = ${tenantId} and first_name_key > names.k and first_name_key < ${prefixUpperBound(prefix)} order by first_name_key limit 1), n + 1
        from names where names.k is not null and n <= ${maxMergedNames}
      ) select k from names where k is not null
    ) s${sql.raw(String(i))}`,
  );
  const rows = await sql<{ p: number | string; k: string }>`${sql.join(scans, sql` union all `)}`.execute(db);
  prefixes.forEach((prefix, i) => {
    const names = rows.rows.filter((r) => Number(r.p) === i).map((r) => r.k);
    out.set(prefix, names.length > maxMergedNames ? undefined : names);
  });
  return out;
}

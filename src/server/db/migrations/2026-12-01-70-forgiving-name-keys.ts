import { sql, type Kysely } from 'kysely';
import { doubleMetaphone } from 'double-metaphone';
import { isPostgres } from './dialect.ts';

/*
 * Name keys that forgive punctuation and the letters Unicode does not decompose: "O'Brien" → "obrien",
 * "Smith-Jones" → "smith jones", "Strauß" → "strauss". Keys of names made only of ASCII letters and
 * spaces are unchanged, so only the other rows are read and rewritten. The folding is copied here, not
 * imported: a migration is frozen, whatever later becomes of the service's key functions.
 */
const spelled: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => spelled[c] ?? c)
    .replace(/['’‘`´.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function soundKey(name: string): string {
  const key = nameKey(name).replace(/[^a-z]/g, '');
  return key ? doubleMetaphone(key)[0] : '';
}

/** As the connection's camel-case plugin shows the columns (first_name_key ↔ firstNameKey). */
interface AccountNames {
  accounts: {
    id: string;
    firstName: string;
    lastName: string;
    firstNameKey: string;
    lastNameKey: string;
    firstNameSound: string;
    lastNameSound: string;
  };
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const typed = db as unknown as Kysely<AccountNames>;
  const unusual = isPostgres(db)
    ? sql<boolean>`first_name ~ '[^A-Za-z ]' or last_name ~ '[^A-Za-z ]' or first_name like '%  %' or last_name like '%  %'`
    : sql<boolean>`first_name glob '*[^A-Za-z ]*' or last_name glob '*[^A-Za-z ]*' or first_name like '%  %' or last_name like '%  %'`;
  const rows = await typed
    .selectFrom('accounts')
    .select(['id', 'firstName', 'lastName', 'firstNameKey', 'lastNameKey', 'firstNameSound', 'lastNameSound'])
    .where(unusual)
    .execute();
  for (const row of rows) {
    const next = {
      firstNameKey: nameKey(row.firstName),
      lastNameKey: nameKey(row.lastName),
      firstNameSound: soundKey(row.firstName),
      lastNameSound: soundKey(row.lastName),
    };
    const same = (Object.keys(next) as Array<keyof typeof next>).every((k) => next[k] === row[k]);
    if (!same) await typed.updateTable('accounts').set(next).where('id', '=', row.id).execute();
  }
}

export async function down(): Promise<void> {
  // The old keys were a lossy fold of the same names; search works on either, so there is nothing to undo.
}

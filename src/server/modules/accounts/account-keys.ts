import { doubleMetaphone } from 'double-metaphone';

/** Emails are compared trimmed and case-insensitively. */
export const emailKey = (email: string) => email.trim().toLowerCase();
export const emailDomainOf = (email: string) => emailKey(email).split('@').pop() ?? '';
export const usernameKey = (username: string) => username.trim().toLowerCase();

/** Lowercased, accents removed: "José" sorts and matches as "jose". */
export function nameKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
}

/** Primary double-metaphone code: Jon and John, Smith and Smyth share one. */
export function soundKey(name: string): string {
  const key = nameKey(name).replace(/[^a-z]/g, '');
  return key ? doubleMetaphone(key)[0] : '';
}

/** Both metaphone codes, for finding candidates that sound alike under either reading. */
export function soundKeys(name: string): string[] {
  const key = nameKey(name).replace(/[^a-z]/g, '');
  if (!key) return [''];
  const [primary, alternate] = doubleMetaphone(key);
  return [...new Set([primary, alternate])];
}

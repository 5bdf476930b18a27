import { doubleMetaphone } from 'double-metaphone';

/** Emails are compared trimmed and case-insensitively. */
export const emailKey = (email: string) => email.trim().toLowerCase();
export const emailDomainOf = (email: string) => emailKey(email).split('@').pop() ?? '';
export const usernameKey = (username: string) => username.trim().toLowerCase();

/** Letters that Unicode does not decompose into a base letter and a mark, spelled as people type them. */
const spelledLetters: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Accents removed and lowercased, nothing else: "Núñez" → "nunez", "José.N@x.org" → "jose.n@x.org". */
export function foldAccents(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => spelledLetters[c] ?? c);
}

/**
 * A name as search and duplicate checks compare it: accents, case and punctuation set aside, so "José",
 * "JOSE" and "jose" are one key, "O'Brien" is "obrien" and "Smith-Jones" is "smith jones".
 * Apostrophes and periods join their neighbours; any other run of non-letters is one space.
 */
export function nameKey(name: string): string {
  return foldAccents(name)
    .replace(/['’‘`´.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
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

import { passwordMaxLength, passwordMinLength } from '../../../common/password-length.ts';
import { commonPasswordList } from '../../platform/on-first-use.ts';

export { passwordMaxLength, passwordMinLength };

let common: Set<string> | undefined;
/** ~49,000 passwords seen most often in breaches, loaded on first use. */
function commonPasswords(): Set<string> {
  common ??= new Set(commonPasswordList().map((p) => p.toLowerCase()));
  return common;
}

/** Returns the reasons a password is refused (empty when it is acceptable). */
export function passwordProblems(
  password: string,
  identity: { username?: string; email?: string },
  minLength: number = passwordMinLength,
): string[] {
  const problems: string[] = [];
  if (password.length < minLength) problems.push(`Use at least ${minLength} characters.`);
  if (password.length > passwordMaxLength) problems.push(`Use at most ${passwordMaxLength} characters.`);
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) problems.push('This password is one of the most common passwords; choose another.');
  const names = [identity.username, identity.email].filter((v): v is string => Boolean(v)).map((v) => v.toLowerCase());
  if (names.includes(lower) || names.some((n) => n.split('@')[0] === lower)) {
    problems.push('The password must not be your username or email.');
  }
  return problems;
}

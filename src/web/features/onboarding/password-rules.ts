/**
 * The parts of the password policy (src/server/modules/auth/password-policy.ts) the page can check as the
 * person types. The list of common passwords stays on the server (too big to ship to every browser), so
 * the server still has the last word and its refusal is shown on the field.
 */
export interface PasswordRule {
  key: 'length' | 'identity' | 'match';
  label: string;
  met: boolean;
}

export interface PasswordIdentity {
  username: string;
  email?: string;
}

/** True when the password is the username or email, or the part of either before the @, as the server refuses. */
export function isOwnName(password: string, identity: PasswordIdentity): boolean {
  const lower = password.toLowerCase();
  const names = [identity.username, identity.email].filter((n): n is string => Boolean(n)).map((n) => n.toLowerCase());
  return names.some((n) => n === lower || n.split('@')[0] === lower);
}

export function passwordRules(password: string, confirm: string, identity: PasswordIdentity, minLength: number): PasswordRule[] {
  return [
    { key: 'length', label: `At least ${minLength} characters`, met: password.length >= minLength },
    { key: 'identity', label: 'Not your username or email', met: password.length > 0 && !isOwnName(password, identity) },
    { key: 'match', label: 'Both passwords match', met: confirm.length > 0 && confirm === password },
  ];
}

/** The message for the first rule the password breaks, checked before anything is sent. */
export function passwordProblem(password: string, identity: PasswordIdentity, minLength: number): string | undefined {
  if (!password) return 'Choose a password.';
  if (password.length < minLength) return `Use at least ${minLength} characters.`;
  if (isOwnName(password, identity)) return 'The password must not be your username or email.';
  return undefined;
}

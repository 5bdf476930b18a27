import type { PasswordResetInfo, RegistrationInfo, RegistrationInput } from '../../common/schemas/onboarding.ts';
import { get, post } from './client.ts';
import type { Account } from './types.ts';

export type { PasswordResetInfo, RegistrationInfo, RegistrationInput };

// Tokens come from an emailed link; encoding keeps a mangled one inside its path segment.
const registration = (token: string) => `/api/registration/${encodeURIComponent(token)}`;
const reset = (token: string) => `/api/auth/password-reset/${encodeURIComponent(token)}`;

/** The cached answer of GET /api/registration/:token. */
export const registrationKey = (token: string) => ['registration', token] as const;

/** The public calls behind the pages reached from emails (no session needed). */
export const onboardingApi = {
  registration: (token: string) => get<RegistrationInfo>(registration(token)),
  /** Sets the session cookie: the person is signed in when this resolves. */
  register: (token: string, input: RegistrationInput) =>
    post<{ account: Account; mustChangePassword: false; expiresAt: string }>(registration(token), input),
  requestPasswordReset: (username: string) => post<{ status: 'requested'; message: string }>('/api/auth/password-reset', { username }),
  passwordReset: (token: string) => get<PasswordResetInfo>(reset(token)),
  /** Does not sign in; the account's other sessions end. */
  resetPassword: (token: string, newPassword: string) => post<{ status: 'changed' }>(reset(token), { newPassword }),
};

import type { ResetLinkSent, TemporaryPasswordSet } from '../../common/schemas/password-help.ts';
import { post } from './client.ts';

export type { ResetLinkSent, TemporaryPasswordSet };

const accountPath = (accountId: string, rest: string) => `/api/accounts/${encodeURIComponent(accountId)}/${rest}`;

/** An administrator helping someone who forgot their password. */
export const passwordHelpApi = {
  /** Emails a reset link; without SMTP the link comes back here, once. */
  sendResetLink: (accountId: string) => post<ResetLinkSent>(accountPath(accountId, 'password-reset')),
  /** A generated temporary password, shown once; the person replaces it at sign-in. */
  setTemporaryPassword: (accountId: string) => post<TemporaryPasswordSet>(accountPath(accountId, 'temporary-password')),
};

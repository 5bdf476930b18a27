import { z } from 'zod';

/**
 * POST /api/accounts/:id/password-reset: a reset link emailed to the person. When this server holds
 * mail (no SMTP), the email goes nowhere, so the administrator who asked gets the link in this answer,
 * once, to hand over themselves; with SMTP `resetUrl` is null.
 */
export const resetLinkSentSchema = z.object({
  accountId: z.string(),
  expiresAt: z.string(),
  delivery: z.enum(['sent', 'held']),
  resetUrl: z.string().nullable(),
});
export type ResetLinkSent = z.infer<typeof resetLinkSentSchema>;

/**
 * POST /api/accounts/:id/temporary-password: a generated password, shown once (only its hash is kept);
 * the person must choose their own at sign-in, before `expiresAt` when the tenant lets it lapse.
 */
export const temporaryPasswordSetSchema = z.object({
  accountId: z.string(),
  temporaryPassword: z.string(),
  expiresAt: z.string().nullable(),
});
export type TemporaryPasswordSet = z.infer<typeof temporaryPasswordSetSchema>;

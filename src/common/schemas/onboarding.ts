import { z } from 'zod';
import { personNameSchema } from './accounts.ts';

/** What an invitation says, shown on the registration page. */
export const registrationInvitationSchema = z.object({
  invitedBy: z.string(),
  role: z.string(),
  orgName: z.string(),
  groupName: z.string().nullable(),
  message: z.string().nullable(),
});
export type RegistrationInvitation = z.infer<typeof registrationInvitationSchema>;

/** What the registration page shows before the person chooses a password (GET /api/registration/:token). */
export const registrationInfoSchema = z.object({
  kind: z.enum(['activation', 'invitation']),
  /** Present for an invitation: who invited the person, to which role where. */
  invitation: registrationInvitationSchema.optional(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  username: z.string(),
  orgName: z.string(),
  tenantName: z.string(),
  /** Who created the account, when known. */
  invitedBy: z.object({ firstName: z.string(), lastName: z.string() }).nullable(),
  expiresAt: z.string(),
  passwordRules: z.object({ minLength: z.number().int() }),
});
export type RegistrationInfo = z.infer<typeof registrationInfoSchema>;

/** POST /api/registration/:token: the person confirms their name and chooses a password; they are signed in. */
export const registrationInputSchema = z.strictObject({
  password: z.string().min(1, 'Choose a password.').max(256),
  firstName: personNameSchema,
  lastName: personNameSchema,
});
export type RegistrationInput = z.infer<typeof registrationInputSchema>;

/** POST /api/auth/password-reset: same answer whether or not the name matches an account. */
export const passwordResetRequestSchema = z.strictObject({
  username: z.string().trim().min(1, 'Enter your email or username.').max(254),
});
export const passwordResetRequestedSchema = z.object({ status: z.literal('requested'), message: z.string() });

/** GET /api/auth/password-reset/:token */
export const passwordResetInfoSchema = z.object({
  username: z.string(),
  firstName: z.string(),
  expiresAt: z.string(),
  passwordRules: z.object({ minLength: z.number().int() }),
});
export type PasswordResetInfo = z.infer<typeof passwordResetInfoSchema>;

/** POST /api/auth/password-reset/:token */
export const passwordResetInputSchema = z.strictObject({ newPassword: z.string().min(1, 'Choose a new password.').max(256) });
export const passwordResetDoneSchema = z.object({ status: z.literal('changed') });

/** POST /api/accounts/:id/send-activation: a new link (the old one stops working); the account is invited again. */
export const activationSentSchema = z.object({ accountId: z.string(), status: z.literal('invited'), expiresAt: z.string() });
export type ActivationSent = z.infer<typeof activationSentSchema>;

export const tokenParamsSchema = z.object({ token: z.string().min(1).max(200) });

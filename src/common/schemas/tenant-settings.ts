import { z } from 'zod';

/**
 * How a tenant's new accounts get their first password: an activation link the person follows to
 * choose one (default), or a temporary password the administrator sets and the person changes at first
 * sign-in (the seeds' way).
 */
export const onboardingModes = ['activation_link', 'temporary_password'] as const;
export type OnboardingMode = (typeof onboardingModes)[number];

export const tenantSettingsSchema = z.object({
  onboarding: z.enum(onboardingModes),
  /** Days an activation link stays valid; an unused one then expires and so does the account. */
  registrationWindowDays: z.number().int().min(1, 'Use at least 1 day.').max(365, 'Use at most 365 days.'),
  /** Whether the welcome email may carry the temporary password itself (off unless the tenant insists). */
  temporaryPasswordInEmail: z.boolean(),
  /** Whether the person who invited someone gets an email when that person registers. */
  notifyInviterOnAcceptance: z.boolean(),
  /** The fewest characters a password may have (the tenant decides, within 8–64). */
  passwordMinLength: z.number().int().min(8, 'Use at least 8 characters.').max(64, 'Use at most 64 characters.'),
  /** Days a temporary password works before its person must ask for a new one, unless changed. */
  temporaryPasswordDays: z.number().int().min(1, 'Use at least 1 day.').max(365, 'Use at most 365 days.'),
  /**
   * A sentence a person must tick to create an account, send an invitation or confirm an import
   * (the educator guide's "review the agreement and check the box"); null when the tenant asks none.
   */
  attestation: z.string().trim().min(1).max(500, 'Use at most 500 characters.').nullable(),
  /** What an identity provider's SCIM DELETE does: archive the account (kept, hidden from SCIM) or erase it. */
  scimDelete: z.enum(['archive', 'erase']),
  /**
   * Bulk actions on more accounts than this need an explicit confirmation; null: the smaller of 100 and
   * a tenth of the tenant's active accounts.
   */
  bulkChangeThreshold: z.number().int().min(1, 'Use at least 1 account.').max(1_000_000).nullable(),
  /** Days without sign-in or activity after which an account counts as inactive; null: off. */
  inactivityDays: z.number().int().min(7, 'Use at least 7 days.').max(3650, 'Use at most 3650 days.').nullable(),
  /** Whether a daily job archives inactive accounts (after a notice), rather than only listing them. */
  inactivityArchive: z.boolean(),
  /** Days before archiving that the person is told by email. */
  inactivityNoticeDays: z.number().int().min(1, 'Use at least 1 day.').max(90, 'Use at most 90 days.'),
});
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

export const defaultTenantSettings: TenantSettings = {
  onboarding: 'activation_link',
  registrationWindowDays: 60,
  temporaryPasswordInEmail: false,
  notifyInviterOnAcceptance: true,
  passwordMinLength: 10,
  temporaryPasswordDays: 14,
  attestation: null,
  scimDelete: 'archive',
  bulkChangeThreshold: null,
  inactivityDays: null,
  inactivityArchive: false,
  inactivityNoticeDays: 7,
};

/** GET/PATCH /api/tenants/:id/settings */
export const tenantSettingsViewSchema = tenantSettingsSchema.extend({ tenantId: z.string(), tenantName: z.string() });
export type TenantSettingsView = z.infer<typeof tenantSettingsViewSchema>;
export const updateTenantSettingsSchema = tenantSettingsSchema.partial().strict();
export type UpdateTenantSettingsInput = z.infer<typeof updateTenantSettingsSchema>;

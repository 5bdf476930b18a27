import { z } from 'zod';
import { emailSchema, personNameSchema } from './accounts.ts';
import { warningSchema } from './roles.ts';

export const invitationStatuses = ['pending', 'accepted', 'expired', 'revoked'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/** POST /api/invitations */
export const createInvitationSchema = z.strictObject({
  email: emailSchema,
  orgId: z.string().trim().min(1, 'Choose an organization.').max(64),
  role: z.string().trim().min(1, 'Choose a role.').max(100),
  groupId: z.string().trim().min(1).max(64).optional(),
  firstName: personNameSchema.optional(),
  lastName: personNameSchema.optional(),
  message: z.string().trim().max(1000, 'Use at most 1000 characters.').optional(),
  /** Required when the tenant asks people to confirm a sentence before inviting. */
  attested: z.boolean().optional(),
});
export type CreateInvitationInput = z.infer<typeof createInvitationSchema>;

export const invitationQuerySchema = z.strictObject({
  status: z.enum(invitationStatuses).optional(),
  orgId: z.string().max(64).optional(),
  invitedBy: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(2000).optional(),
});
export type InvitationQuery = z.infer<typeof invitationQuerySchema>;

export const invitationSchema = z.object({
  id: z.string(),
  status: z.enum(invitationStatuses),
  expiresAt: z.string(),
  accountId: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  invitedBy: z.object({ id: z.string().nullable(), name: z.string() }),
  message: z.string().nullable(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** Limits passed in "warn" mode by this invitation. */
  warnings: z.array(warningSchema).optional(),
  /**
   * Only while mail is held (no SMTP server configured), in the answer to sending or re-sending: the
   * registration link, for the sender to pass on another way. Links are stored hashed, so it can be shown
   * only when it is issued; a later resend issues a new one (and the old one stops working).
   */
  link: z.string().optional(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const invitationPageSchema = z.object({ items: z.array(invitationSchema), nextCursor: z.string().nullable() });

import { z } from 'zod';

/**
 * pending → sending → sent; held: no SMTP configured, kept to be read here; failed: gave up after the retries;
 * cancelled: will never be sent (the account it welcomed was removed by an import's rollback).
 */
export const mailStatuses = ['pending', 'sending', 'sent', 'held', 'failed', 'cancelled'] as const;
export type MailStatus = (typeof mailStatuses)[number];

export const mailSummarySchema = z.object({
  id: z.string(),
  tenantId: z.string().nullable(),
  kind: z.string(),
  recipient: z.string(),
  subject: z.string(),
  status: z.enum(mailStatuses),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type MailSummary = z.infer<typeof mailSummarySchema>;

export const mailMessageSchema = mailSummarySchema.extend({ bodyText: z.string(), bodyHtml: z.string().nullable() });
export type MailMessage = z.infer<typeof mailMessageSchema>;

/** `delivery`: whether this server sends mail (SMTP configured) or holds it here. */
export const mailPageSchema = z.object({
  items: z.array(mailSummarySchema),
  nextCursor: z.string().nullable(),
  /** How many messages match the filters, across all pages. */
  total: z.number().int(),
  delivery: z.enum(['smtp', 'held']),
});
export type MailPage = z.infer<typeof mailPageSchema>;

/** POST /api/mail/:id/send-again (a failed or held message) and POST /api/mail/send-held (all held ones in reach). */
export const mailQueuedSchema = z.object({ queued: z.number().int() });

/** GET /api/mail filters. */
export const mailQuerySchema = z.strictObject({
  status: z.enum(mailStatuses).optional(),
  kind: z.string().max(64).optional(),
  /** Part of the recipient's address, any case. */
  recipient: z.string().trim().max(254).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
  /** `oldest`: from the oldest message on (the console's "Last" page); the cursor then walks towards the newest. */
  order: z.enum(['newest', 'oldest']).optional(),
});
export type MailQuery = z.infer<typeof mailQuerySchema>;

/**
 * Who may open the Mail page: global administrators, administrators at a tenant's root organization (all
 * its mail), and whoever may send activation links somewhere (the mail to the accounts of their subtrees).
 */
export function mayReadMail(
  session: { isGlobalAdmin: boolean; scope: readonly { roleKey: string; orgId: string; permissions: readonly string[] }[] },
  isTenantRoot: (orgId: string) => boolean,
): boolean {
  return (
    session.isGlobalAdmin ||
    session.scope.some((s) => (s.roleKey === 'admin' && isTenantRoot(s.orgId)) || s.permissions.includes('accounts.lifecycle'))
  );
}

/** Whether the person reads all of a tenant's mail (and may send held mail), not only their subtrees'. */
export function readsAllMail(
  session: { isGlobalAdmin: boolean; scope: readonly { roleKey: string; orgId: string }[] },
  isTenantRoot: (orgId: string) => boolean,
): boolean {
  return session.isGlobalAdmin || session.scope.some((s) => s.roleKey === 'admin' && isTenantRoot(s.orgId));
}

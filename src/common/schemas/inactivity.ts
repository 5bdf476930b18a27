import { z } from 'zod';

export const inactiveQuerySchema = z.strictObject({
  orgId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(500).optional(),
});
export type InactiveQuery = z.infer<typeof inactiveQuerySchema>;

export const inactiveAccountSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  lastActivityAt: z.string().nullable(),
  /** When the account was last used (or made, or reactivated). */
  inactiveSince: z.string(),
  inactiveDays: z.number().int(),
  /** When this period's notice went out, if it did. */
  noticedAt: z.string().nullable(),
});

export const inactiveListSchema = z.object({
  /** The tenant's setting; null when inactivity is off (then the list is empty). */
  inactivityDays: z.number().int().nullable(),
  items: z.array(inactiveAccountSchema),
  nextCursor: z.string().nullable(),
});
export type InactiveList = z.infer<typeof inactiveListSchema>;

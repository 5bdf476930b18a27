import { z } from 'zod';

/** An API token as its owner sees it: never the secret, which is shown once at creation. */
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** After this the token no longer works; null: until revoked. */
  expiresAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** POST /api/tokens */
export const createTokenSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name the token.').max(100),
  /** Days until the token stops working (at most ten years); without it, it works until revoked. */
  expiresInDays: z.number().int().min(1, 'At least one day.').max(3650, 'At most ten years (3650 days).').optional(),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

import { z } from 'zod';

/** A SCIM token as the console lists it (never the secret, which is shown once at creation). */
export const scimTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  landingOrgId: z.string(),
  landingOrgName: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ScimToken = z.infer<typeof scimTokenSchema>;

export const createScimTokenSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name the token.').max(100, 'Use at most 100 characters.'),
  orgId: z.string().trim().min(1, 'Choose where new users land.').max(64),
});
export type CreateScimTokenInput = z.infer<typeof createScimTokenSchema>;

export const createdScimTokenSchema = scimTokenSchema.extend({ token: z.string() });
export type CreatedScimToken = z.infer<typeof createdScimTokenSchema>;

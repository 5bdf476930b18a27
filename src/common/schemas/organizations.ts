import { z } from 'zod';

export const orgNameSchema = z.string().trim().min(1, 'Enter a name.').max(200, 'Use at most 200 characters.');
export const orgKindSchema = z
  .string()
  .trim()
  .min(1, 'Enter a kind, such as county or school.')
  .max(50, 'Use at most 50 characters.')
  .regex(/^[\p{L}\p{N} _-]+$/u, 'Use letters, digits, spaces, dashes or underscores.');
export const idSchema = z.string().trim().min(1).max(64);

export const createOrganizationSchema = z.strictObject({
  name: orgNameSchema,
  kind: orgKindSchema,
  parentId: idSchema.nullable().optional(),
});
export type CreateOrganizationInput = z.infer<typeof createOrganizationSchema>;

export const updateOrganizationSchema = z.strictObject({ name: orgNameSchema });

export const organizationSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  kind: z.string(),
  depth: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organization = z.infer<typeof organizationSchema>;

/** POST /api/orgs/:id/move: the organization (and everything below it) goes under `parentId`. */
export const moveOrganizationSchema = z.strictObject({ parentId: idSchema });
export type MoveOrganizationInput = z.infer<typeof moveOrganizationSchema>;

import { z } from 'zod';
import { allPermissions } from '../permissions.ts';

const name = z.string().trim().min(1).max(64);

export const perOrgLimitSchema = z
  .strictObject({
    max: z.number().int().min(1, 'Allow at least 1, or remove the limit.').max(100000),
    mode: z.enum(['warn', 'block']),
  })
  .nullable();
export type PerOrgLimit = z.infer<typeof perOrgLimitSchema>;

const roleFields = {
  label: z.string().trim().min(1, 'Enter a name.').max(100),
  /** Kinds of organization where the role may be held; empty means any. */
  orgKinds: z.array(z.string().trim().min(1).max(64)).max(50),
  permissions: z.array(z.enum(allPermissions as [string, ...string[]])).max(50),
  /** Roles (keys or labels) the holder may give to others. */
  mayGrant: z.array(name).max(100),
  /** Roles (keys or labels) the holder may invite people into. */
  mayInvite: z.array(name).max(100),
  bulkCreatable: z.boolean(),
  perOrgLimit: perOrgLimitSchema,
};

/** POST /api/roles: the key is made from the label when not given. */
export const createRoleSchema = z.strictObject({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,63}$/, 'Use lowercase letters, digits and underscores, starting with a letter.')
    .optional(),
  tenantId: z.string().max(64).optional(),
  label: roleFields.label,
  orgKinds: roleFields.orgKinds.default([]),
  permissions: roleFields.permissions.default([]),
  mayGrant: roleFields.mayGrant.default([]),
  mayInvite: roleFields.mayInvite.default([]),
  bulkCreatable: roleFields.bulkCreatable.default(false),
  perOrgLimit: roleFields.perOrgLimit.default(null),
});
export type CreateRoleInput = z.infer<typeof createRoleSchema>;

/** PATCH /api/roles/:key: `retired: true` stops new grants and invitations; holders keep the role. */
export const updateRoleSchema = z.strictObject({ ...roleFields, retired: z.boolean() }).partial();
export type UpdateRoleInput = z.infer<typeof updateRoleSchema>;

export const roleQuerySchema = z.strictObject({
  tenantId: z.string().max(64).optional(),
  /** With an organization: how many hold each role there, and whether the caller may grant or invite it there. */
  orgId: z.string().max(64).optional(),
});

export const roleSchema = z.object({
  key: z.string(),
  label: z.string(),
  orgKinds: z.array(z.string()),
  permissions: z.array(z.string()),
  mayGrant: z.array(z.string()),
  mayInvite: z.array(z.string()),
  bulkCreatable: z.boolean(),
  perOrgLimit: z.object({ max: z.number(), mode: z.enum(['warn', 'block']) }).nullable(),
  retired: z.boolean(),
  /** Accounts holding the role anywhere in the tenant (archived and expired ones excluded). */
  holders: z.number(),
  /** Present when the list was asked for one organization. */
  atOrg: z
    .object({ orgId: z.string(), orgName: z.string(), held: z.number(), youMayGrant: z.boolean(), youMayInvite: z.boolean() })
    .optional(),
});
export type Role = z.infer<typeof roleSchema>;
export const roleListSchema = z.object({
  items: z.array(roleSchema),
  permissions: z.array(z.object({ key: z.string(), description: z.string() })),
});

export const roleParamsSchema = z.object({ key: z.string().min(1).max(100) });

/** A limit passed in warn mode: the change went through, and the console shows this. */
export const warningSchema = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });
export type Warning = z.infer<typeof warningSchema>;

/** POST /api/accounts/:id/roles */
export const grantRoleSchema = z.strictObject({ role: name.max(100), orgId: z.string().trim().min(1).max(64) });
export const grantParamsSchema = z.object({ id: z.string().min(1).max(64), grantId: z.string().min(1).max(64) });

export const grantResultSchema = z.object({
  id: z.string(),
  role: z.string(),
  orgId: z.string(),
  warnings: z.array(warningSchema),
});
export type GrantResult = z.infer<typeof grantResultSchema>;

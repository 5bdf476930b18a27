import { z } from 'zod';
import { controlCharacters } from './accounts.ts';

export const groupQuerySchema = z.strictObject({ orgId: z.string().max(64).optional() });

export const createGroupSchema = z.strictObject({
  orgId: z.string().trim().min(1, 'Choose an organization.').max(64),
  name: z
    .string()
    .trim()
    .min(1, 'Enter a name.')
    .max(100, 'Use at most 100 characters.')
    .refine((v) => !controlCharacters.test(v), 'Remove line breaks and control characters.'),
});
export type CreateGroupInput = z.infer<typeof createGroupSchema>;

export const addMemberSchema = z.strictObject({ accountId: z.string().trim().min(1).max(64) });
export const memberParamsSchema = z.object({ id: z.string().min(1).max(64), accountId: z.string().min(1).max(64) });

export const groupMemberSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  status: z.string(),
});

export const groupSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  memberCount: z.number(),
  createdAt: z.string(),
  /** Present on GET /api/groups/:id and after a membership change. */
  members: z.array(groupMemberSchema).optional(),
});
export type Group = z.infer<typeof groupSchema>;
export const groupListSchema = z.object({ items: z.array(groupSchema) });

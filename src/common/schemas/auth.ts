import { z } from 'zod';
import { accountSchema } from './accounts.ts';

/** GET /api/auth/me: the signed-in account, where its roles reach, and whether it must change its password. */
export const sessionSchema = z.object({
  account: accountSchema,
  mustChangePassword: z.boolean(),
  scope: z.array(z.object({ roleKey: z.string(), orgId: z.string(), permissions: z.array(z.string()) })),
  isGlobalAdmin: z.boolean(),
  /** Whether this server sends mail (SMTP configured) or holds it on the Mail page, so the console can say which. */
  mailDelivery: z.enum(['smtp', 'held']),
});
export type Me = z.infer<typeof sessionSchema>;

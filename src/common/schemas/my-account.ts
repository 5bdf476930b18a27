import { z } from 'zod';

/** One place the signed-in person is signed in (GET /api/auth/sessions); never the session's secret. */
export const mySessionSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  clientIp: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The session this request came with. */
  current: z.boolean(),
});
export type MySession = z.infer<typeof mySessionSchema>;

export const mySessionsSchema = z.object({ items: z.array(mySessionSchema) });

/** POST /api/auth/sessions/sign-out-others: how many other sessions ended. */
export const signedOutOthersSchema = z.object({ ended: z.number().int() });
export type SignedOutOthers = z.infer<typeof signedOutOthersSchema>;

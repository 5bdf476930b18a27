import { z } from 'zod';
import { auditSources } from '../permissions.ts';

export const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ id: z.string().nullable(), label: z.string() }),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  source: z.string(),
  requestId: z.string().nullable(),
  jobId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  /** The account the event concerns (its target), named as it is now; null for other targets or a removed account. */
  account: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEventSchema),
  nextCursor: z.string().nullable(),
  /** How many events match, counted up to `totalCap`; `totalCapped` says there are more. */
  total: z.number().int(),
  totalCapped: z.boolean(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

const timestamp = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?$/, 'Use an ISO date or timestamp.');

/** GET /api/audit filters. */
export const auditQuerySchema = z.strictObject({
  targetId: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
  /** Events by this account or about it. */
  personId: z.string().max(64).optional(),
  /** Words in who acted, the action, or the name or email of the account concerned (any case). */
  q: z.string().trim().max(200).optional(),
  action: z.string().max(100).optional(),
  source: z.enum(auditSources).optional(),
  from: timestamp.optional(),
  to: timestamp.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(500).optional(),
  /** `oldest`: from the oldest event on (the console's "Last" page); the cursor then walks towards the newest. */
  order: z.enum(['newest', 'oldest']).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

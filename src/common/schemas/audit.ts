import { z } from 'zod';

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
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditPageSchema = z.object({ items: z.array(auditEventSchema), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof auditPageSchema>;

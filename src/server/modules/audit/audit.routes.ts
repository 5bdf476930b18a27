import { z } from 'zod';
import { auditSources } from '../../../common/permissions.ts';
import { auditPageSchema } from '../../../common/schemas/audit.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, type ApiInstance } from '../../platform/route-types.ts';
import type { AuditService } from './audit.service.ts';


const timestamp = z.string().max(40).regex(/^\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?$/, 'Use an ISO date or timestamp.');

export function auditRoutes(app: ApiInstance, audit: AuditService): void {
  app.get('/api/audit', {
    schema: {
      tags: ['Audit'],
      summary: 'Audit events in the caller’s reach, newest first',
      querystring: z.strictObject({
        targetId: z.string().max(64).optional(),
        actorId: z.string().max(64).optional(),
        action: z.string().max(100).optional(),
        source: z.enum(auditSources).optional(),
        from: timestamp.optional(),
        to: timestamp.optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
        cursor: z.string().max(500).optional(),
      }),
      response: { 200: auditPageSchema, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => audit.searchEvents(actorOf(request), request.query));
}

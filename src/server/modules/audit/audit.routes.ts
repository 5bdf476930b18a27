import { auditPageSchema, auditQuerySchema } from '../../../common/schemas/audit.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, type ApiInstance } from '../../platform/route-types.ts';
import type { AuditService } from './audit.service.ts';

export function auditRoutes(app: ApiInstance, audit: AuditService): void {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['Audit'],
        summary: 'Audit events in the caller’s reach, newest first',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => audit.searchEvents(actorOf(request), request.query),
  );
}

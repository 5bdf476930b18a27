import { inactiveListSchema, inactiveQuerySchema } from '../../../common/schemas/inactivity.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, type ApiInstance } from '../../platform/route-types.ts';
import type { InactivityService } from './inactivity.service.ts';

export function inactivityRoutes(app: ApiInstance, inactivity: InactivityService): void {
  app.get(
    '/api/accounts/inactive',
    {
      schema: {
        tags: ['Accounts'],
        summary: 'Active accounts unused for the tenant’s inactivity days (empty while the setting is off), longest unused first',
        querystring: inactiveQuerySchema,
        response: { 200: inactiveListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => inactivity.listInactive(actorOf(request), request.query),
  );
}

import {
  bulkActionListSchema,
  bulkActionSchema,
  bulkResultsPageSchema,
  bulkResultsQuerySchema,
  createBulkActionSchema,
} from '../../../common/schemas/bulk-actions.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, idParamsSchema, type ApiInstance } from '../../platform/route-types.ts';
import type { BulkActionsService } from './bulk-actions.service.ts';

export function bulkActionsRoutes(app: ApiInstance, bulk: BulkActionsService): void {
  const tags = ['Bulk actions'];

  app.post(
    '/api/bulk-actions',
    {
      schema: {
        tags,
        summary: 'Act on a selection of accounts (the list’s filter, or ids) in the background',
        description:
          '`expectedCount` is the number the person confirmed: a different count now answers 409 `selection_changed` with `details.count`. ' +
          'Above the tenant’s change threshold, `confirm: true` is required (409 `confirmation_required` with `details.count`). ' +
          '`grant_role` takes `role` (and `orgId`, default each account’s own organization); `move` takes `orgId`.',
        body: createBulkActionSchema,
        response: { 202: bulkActionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(202).send(await bulk.requestBulkAction(actorOf(request), request.body)),
  );

  app.get(
    '/api/bulk-actions',
    {
      schema: {
        tags,
        summary: 'Recent bulk actions (the tenant’s, for its administrators; otherwise one’s own)',
        response: { 200: bulkActionListSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => bulk.listBulkActions(actorOf(request)),
  );

  app.get(
    '/api/bulk-actions/:id',
    {
      schema: {
        tags,
        summary: 'A bulk action: status, progress and counts',
        params: idParamsSchema,
        response: { 200: bulkActionSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => bulk.getBulkAction(actorOf(request), request.params.id),
  );

  app.get(
    '/api/bulk-actions/:id/results',
    {
      schema: {
        tags,
        summary: 'Per-account results, in selection order; `outcome=failed` lists the failures with their reason',
        params: idParamsSchema,
        querystring: bulkResultsQuerySchema,
        response: { 200: bulkResultsPageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => bulk.listResults(actorOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/bulk-actions/:id/undo',
    {
      schema: {
        tags,
        summary: 'Take back a completed archive, reactivate, move or grant_role (within the caller’s reach now)',
        params: idParamsSchema,
        response: { 202: bulkActionSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(202).send(await bulk.undoBulkAction(actorOf(request), request.params.id)),
  );
}

import { z } from 'zod';
import { moveOrganizationSchema, organizationSchema } from '../../../common/schemas/organizations.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, idParamsSchema, type ApiInstance } from '../../platform/route-types.ts';
import type { OrgTreeService } from './org-tree.service.ts';

export function orgTreeRoutes(app: ApiInstance, tree: OrgTreeService): void {
  const tags = ['Organizations'];
  app.post(
    '/api/orgs/:id/move',
    {
      schema: {
        tags,
        summary: 'Move an organization, with everything below it, under another parent of its tenant',
        description:
          'Roles that would no longer sit at their holder’s organization, above it or inside it are removed (audited). Needs orgs.write at both ends and reach over every role removed.',
        params: idParamsSchema,
        body: moveOrganizationSchema,
        response: { 200: organizationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => tree.move(actorOf(request), request.params.id, request.body.parentId),
  );

  app.delete(
    '/api/orgs/:id',
    {
      schema: {
        tags,
        summary: 'Remove an empty organization (no organizations below it, accounts, roles, groups, invitations or imports)',
        params: idParamsSchema,
        response: { 204: z.null(), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await tree.remove(actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}

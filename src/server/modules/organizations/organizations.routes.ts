import { z } from 'zod';
import { createOrganizationSchema, organizationSchema, updateOrganizationSchema } from '../../../common/schemas/organizations.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, idParamsSchema, type ApiInstance } from '../../platform/route-types.ts';
import type { OrganizationsService } from './organizations.service.ts';

export function organizationsRoutes(app: ApiInstance, organizations: OrganizationsService): void {
  const tags = ['Organizations'];

  app.get(
    '/api/orgs',
    {
      schema: {
        tags,
        summary: 'Organizations the caller can see, as a tree walk (parents before children)',
        querystring: z.strictObject({ tenantId: z.string().max(64).optional(), q: z.string().max(200).optional() }),
        response: { 200: z.object({ items: z.array(organizationSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => ({ items: await organizations.listOrganizations(actorOf(request), request.query) }),
  );

  app.post(
    '/api/orgs',
    {
      schema: {
        tags,
        summary: 'Create an organization under a parent, or a new tenant when there is no parent (global administrators only)',
        body: createOrganizationSchema,
        response: { 201: organizationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await organizations.createOrganization(actorOf(request), request.body)),
  );

  app.get(
    '/api/orgs/:id',
    {
      schema: {
        tags,
        summary: 'One organization',
        params: idParamsSchema,
        response: { 200: organizationSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => organizations.getOrganization(actorOf(request), request.params.id),
  );

  app.patch(
    '/api/orgs/:id',
    {
      schema: {
        tags,
        summary: 'Rename an organization',
        params: idParamsSchema,
        body: updateOrganizationSchema,
        response: { 200: organizationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => organizations.renameOrganization(actorOf(request), request.params.id, request.body.name),
  );
}

import { z } from 'zod';
import {
  createRoleSchema,
  grantParamsSchema,
  grantResultSchema,
  grantRoleSchema,
  roleListSchema,
  roleParamsSchema,
  roleQuerySchema,
  roleSchema,
  updateRoleSchema,
} from '../../../common/schemas/roles.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, idParamsSchema, type ApiInstance } from '../../platform/route-types.ts';
import type { RoleCatalogService } from './role-catalog.service.ts';
import type { RoleGrantsService } from './role-grants.service.ts';

const tenantQuery = z.strictObject({ tenantId: z.string().max(64).optional() });

export function rolesRoutes(app: ApiInstance, deps: { catalog: RoleCatalogService; grants: RoleGrantsService }): void {
  const tags = ['Roles'];
  const { catalog, grants } = deps;

  app.get(
    '/api/roles',
    {
      schema: {
        tags,
        summary: 'The tenant’s role catalog; with `orgId`, how many hold each role there and what the caller may give or invite',
        querystring: roleQuerySchema,
        response: { 200: roleListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => catalog.listCatalog(actorOf(request), request.query),
  );

  app.post(
    '/api/roles',
    {
      schema: {
        tags,
        summary: 'Add a role to the catalog (holders of roles.manage at the tenant’s top organization)',
        body: createRoleSchema,
        response: { 201: roleSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await catalog.createRole(actorOf(request), request.body)),
  );

  app.patch(
    '/api/roles/:key',
    {
      schema: {
        tags,
        summary: 'Change a role (by key or label); `retired: true` stops new grants; holders see the change on their next request',
        params: roleParamsSchema,
        querystring: tenantQuery,
        body: updateRoleSchema,
        response: { 200: roleSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => catalog.updateRole(actorOf(request), request.params.key, request.body, request.query.tenantId),
  );

  app.delete(
    '/api/roles/:key',
    {
      schema: {
        tags,
        summary: 'Remove a role nobody holds (a held role answers 409 role_in_use: retire it instead)',
        params: roleParamsSchema,
        querystring: tenantQuery,
        response: { 204: z.null(), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await catalog.deleteRole(actorOf(request), request.params.key, request.query.tenantId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/accounts/:id/roles',
    {
      schema: {
        tags: ['Accounts', ...tags],
        summary: 'Give the account a role at an organization (under the giver’s mayGrant; per-organization limits apply)',
        params: idParamsSchema,
        body: grantRoleSchema,
        response: { 201: grantResultSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await grants.grantToAccount(actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/accounts/:id/roles/:grantId',
    {
      schema: {
        tags: ['Accounts', ...tags],
        summary: 'Take a role away from the account',
        params: grantParamsSchema,
        response: { 204: z.null(), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await grants.revokeFromAccount(actorOf(request), request.params.id, request.params.grantId);
      return reply.code(204).send(null);
    },
  );
}

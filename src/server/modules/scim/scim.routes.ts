import type { FastifyInstance } from 'fastify';
import type { ScimAuthService } from '../auth/scim-auth.service.ts';
import type { ScimAccountsService } from '../accounts/scim-accounts.service.ts';
import type { ScimGroupsService } from '../groups/scim-groups.service.ts';
import { notFound, unauthenticated } from '../../platform/errors.ts';
import type { ApiInstance } from '../../platform/route-types.ts';
import { scimDiscoveryRoutes } from './scim-discovery.routes.ts';
import { toScimError } from './scim-errors.ts';
import { scimGroupsRoutes } from './scim-groups.routes.ts';
import { scimUsersRoutes } from './scim-users.routes.ts';

import { scimContentType } from './scim-request.ts';

export interface ScimServices {
  scimAuth: ScimAuthService;
  scimAccounts: ScimAccountsService;
  scimGroups: ScimGroupsService;
}

/**
 * SCIM 2.0 under /scim/v2, as its own Fastify plugin: SCIM tokens only, application/scim+json in and
 * out, and errors in SCIM's shape. The REST API's handlers and error shape are untouched. SCIM
 * describes itself (ServiceProviderConfig, Schemas, ResourceTypes), so its routes stay out of the
 * REST API's OpenAPI document.
 */
export async function scimRoutes(app: ApiInstance, services: ScimServices): Promise<void> {
  await app.register(
    async (scope: FastifyInstance) => {
      const scim = scope as ApiInstance;
      scim.decorateRequest('scim', undefined);
      scim.addContentTypeParser(scimContentType, { parseAs: 'string' }, (_request, body, done) => {
        const text = typeof body === 'string' ? body : body.toString('utf8');
        if (text.trim() === '') return done(null, undefined);
        try {
          done(null, JSON.parse(text));
        } catch {
          done(
            Object.assign(new Error('The request body is not valid JSON.'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }),
            undefined,
          );
        }
      });

      scim.setErrorHandler((error, request, reply) => {
        const { status, body, retryAfter } = toScimError(error);
        if (status >= 500) request.log.error({ err: error }, 'unhandled SCIM error');
        if (retryAfter) void reply.header('retry-after', String(retryAfter));
        return reply.code(status).type(`${scimContentType}; charset=utf-8`).send(body);
      });
      // Only JSON bodies: anything else is a 415 rather than a string the schemas then refuse.
      scim.removeContentTypeParser('text/plain');

      scim.addHook('onRequest', async (request) => {
        const header = request.headers.authorization;
        if (!header?.toLowerCase().startsWith('bearer ')) throw unauthenticated('Send a SCIM token as "Authorization: Bearer <token>".');
        const caller = await services.scimAuth.authenticate(header.slice(7).trim(), request.id);
        if (!caller) throw unauthenticated('The SCIM token is not valid, has been revoked, or its owner is archived.');
        services.scimAuth.countRequest(caller.tokenId);
        request.scim = caller;
      });
      scim.addHook('onSend', async (_request, reply, payload) => {
        const type = String(reply.getHeader('content-type') ?? '');
        if (type.startsWith('application/json')) void reply.header('content-type', `${scimContentType}; charset=utf-8`);
        return payload;
      });

      // Every other path under /scim/v2 (Bulk, Me, …) is not here: a SCIM 404, not the console's page.
      scim.all('/*', { schema: { hide: true } }, async (request) => {
        throw notFound(`${request.method} ${request.url.split('?')[0]}`);
      });
      scimDiscoveryRoutes(scim);
      scimUsersRoutes(scim, services.scimAccounts);
      scimGroupsRoutes(scim, services.scimGroups);
    },
    { prefix: '/scim/v2' },
  );
}

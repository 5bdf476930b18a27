import { z } from 'zod';
import { createdScimTokenSchema, createScimTokenSchema, scimTokenSchema } from '../../../common/schemas/scim-tokens.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, idParamsSchema, type ApiInstance } from '../../platform/route-types.ts';
import type { ScimTokensService } from './scim-tokens.service.ts';

/** The console's Settings → SCIM: tokens an identity provider uses on /scim/v2. */
export function scimTokensRoutes(app: ApiInstance, scimTokens: ScimTokensService): void {
  const tags = ['SCIM tokens'];

  app.post(
    '/api/scim/tokens',
    {
      schema: {
        tags,
        summary:
          'Create a SCIM token for an identity provider: it acts with its creator’s roles on /scim/v2 only, and new users land in orgId. Shown once.',
        body: createScimTokenSchema,
        response: { 201: createdScimTokenSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.code(201).send(await scimTokens.create(actor, actor, request.body));
    },
  );

  app.get(
    '/api/scim/tokens',
    {
      schema: {
        tags,
        summary: 'The caller’s SCIM tokens (global administrators: all), never the secrets',
        response: { 200: z.object({ items: z.array(scimTokenSchema) }), ...errorResponses(401) },
      },
    },
    async (request) => ({ items: await scimTokens.list(actorOf(request)) }),
  );

  app.post(
    '/api/scim/tokens/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a SCIM token at once',
        params: idParamsSchema,
        response: { 200: scimTokenSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => scimTokens.revoke(actorOf(request), request.params.id),
  );
}

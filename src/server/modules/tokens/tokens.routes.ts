import { z } from 'zod';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, idParamsSchema, type ApiInstance } from '../../platform/route-types.ts';
import type { TokensService } from './tokens.service.ts';

const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export function tokensRoutes(app: ApiInstance, tokens: TokensService): void {
  const tags = ['API tokens'];

  app.post(
    '/api/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token for `Authorization: Bearer`; it acts with its creator’s roles. Shown once.',
        body: z.strictObject({ name: z.string().trim().min(1, 'Name the token.').max(100) }),
        response: { 201: tokenSchema.extend({ token: z.string() }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await tokens.createToken(actorOf(request), request.body.name)),
  );

  app.get(
    '/api/tokens',
    {
      schema: {
        tags,
        summary: 'The caller’s API tokens (never the secrets)',
        response: { 200: z.object({ items: z.array(tokenSchema) }), ...errorResponses(401) },
      },
    },
    async (request) => ({ items: await tokens.listTokens(actorOf(request)) }),
  );

  app.post(
    '/api/tokens/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a token at once',
        params: idParamsSchema,
        response: { 200: tokenSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => tokens.revokeToken(actorOf(request), request.params.id),
  );

  app.delete(
    '/api/tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a token (same as POST …/revoke)',
        params: idParamsSchema,
        response: { 200: tokenSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => tokens.revokeToken(actorOf(request), request.params.id),
  );
}

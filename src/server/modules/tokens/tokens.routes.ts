import { z } from 'zod';
import { apiTokenSchema, createTokenSchema } from '../../../common/schemas/tokens.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, idParamsSchema, type ApiInstance } from '../../platform/route-types.ts';
import type { TokensService } from './tokens.service.ts';

const tokenSchema = apiTokenSchema;

export function tokensRoutes(app: ApiInstance, tokens: TokensService): void {
  const tags = ['API tokens'];

  app.post(
    '/api/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token for `Authorization: Bearer`; it acts with its creator’s roles. Shown once.',
        body: createTokenSchema,
        response: { 201: tokenSchema.extend({ token: z.string() }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await tokens.createToken(actorOf(request), request.body.name, request.body.expiresInDays)),
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

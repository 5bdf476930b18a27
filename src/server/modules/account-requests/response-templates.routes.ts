import { z } from 'zod';
import {
  createResponseTemplateSchema,
  responseTemplateListSchema,
  responseTemplateParamsSchema,
  responseTemplatePreviewInputSchema,
  responseTemplatePreviewSchema,
  responseTemplateQuerySchema,
  responseTemplateSchema,
  updateResponseTemplateSchema,
} from '../../../common/schemas/response-templates.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, type ApiInstance } from '../../platform/route-types.ts';
import type { RepliesService } from './replies.service.ts';
import type { ResponseTemplatesService } from './response-templates.service.ts';

export function responseTemplatesRoutes(app: ApiInstance, templates: ResponseTemplatesService, replies: RepliesService): void {
  const tags = ['Response templates'];

  app.get(
    '/api/response-templates',
    {
      schema: {
        tags,
        summary: 'The tenant’s replies to account requests (built in and its own) and the placeholders they may use',
        querystring: responseTemplateQuerySchema,
        response: { 200: responseTemplateListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => templates.list(actorOf(request), request.query.tenantId),
  );

  app.post(
    '/api/response-templates',
    {
      schema: {
        tags,
        summary: 'Add a reply template',
        querystring: responseTemplateQuerySchema,
        body: createResponseTemplateSchema,
        response: { 201: responseTemplateSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await templates.create(actorOf(request), request.body, request.query.tenantId)),
  );

  app.patch(
    '/api/response-templates/:key',
    {
      schema: {
        tags,
        summary: 'Change a reply template’s name or words (built-in ones too)',
        params: responseTemplateParamsSchema,
        querystring: responseTemplateQuerySchema,
        body: updateResponseTemplateSchema,
        response: { 200: responseTemplateSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => templates.update(actorOf(request), request.params.key, request.body, request.query.tenantId),
  );

  app.delete(
    '/api/response-templates/:key',
    {
      schema: {
        tags,
        summary: 'Delete a reply template the tenant added (built-in ones stay)',
        params: responseTemplateParamsSchema,
        querystring: responseTemplateQuerySchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await templates.remove(actorOf(request), request.params.key, request.query.tenantId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/response-templates/:key/preview',
    {
      schema: {
        tags,
        summary: 'The template (or unsaved words) filled for one request, or with sample values',
        params: responseTemplateParamsSchema,
        body: responseTemplatePreviewInputSchema,
        response: { 200: responseTemplatePreviewSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => replies.preview(actorOf(request), request.params.key, request.body),
  );
}

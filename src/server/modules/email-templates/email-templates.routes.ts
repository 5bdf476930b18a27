import { z } from 'zod';
import {
  emailTemplateInputSchema,
  emailTemplateListSchema,
  emailTemplateParamsSchema,
  emailTemplatePreviewInputSchema,
  emailTemplatePreviewSchema,
  emailTemplateQuerySchema,
  emailTemplateSchema,
} from '../../../common/schemas/email-templates.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, type ApiInstance } from '../../platform/route-types.ts';
import type { EmailTemplatesService } from './email-templates.service.ts';

const who = 'Global administrators, and administrators at the tenant’s top organization. `tenantId` defaults to the caller’s tenant.';

export function emailTemplatesRoutes(app: ApiInstance, templates: EmailTemplatesService): void {
  const tags = ['Email templates'];

  app.get(
    '/api/email-templates',
    {
      schema: {
        tags,
        summary: 'The emails Registrar sends, with the tenant’s wording (or the built-in one)',
        description: who,
        querystring: emailTemplateQuerySchema,
        response: { 200: emailTemplateListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await templates.list(actorOf(request), request.query.tenantId) }),
  );

  app.get(
    '/api/email-templates/:key',
    {
      schema: {
        tags,
        summary: 'One email’s wording and placeholders',
        description: who,
        params: emailTemplateParamsSchema,
        querystring: emailTemplateQuerySchema,
        response: { 200: emailTemplateSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => templates.get(actorOf(request), request.params.key, request.query.tenantId),
  );

  app.put(
    '/api/email-templates/:key',
    {
      schema: {
        tags,
        summary: 'Save the tenant’s wording of one email',
        description: `${who} A placeholder the email does not offer answers 400 \`unknown_placeholder\`; an empty or null \`bodyHtml\` makes the HTML from the text.`,
        params: emailTemplateParamsSchema,
        querystring: emailTemplateQuerySchema,
        body: emailTemplateInputSchema,
        response: { 200: emailTemplateSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => templates.save(actorOf(request), request.params.key, request.body, request.query.tenantId),
  );

  app.delete(
    '/api/email-templates/:key',
    {
      schema: {
        tags,
        summary: 'Go back to the built-in wording of one email',
        description: who,
        params: emailTemplateParamsSchema,
        querystring: emailTemplateQuerySchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await templates.reset(actorOf(request), request.params.key, request.query.tenantId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/email-templates/:key/preview',
    {
      schema: {
        tags,
        summary: 'Render an unsaved draft with sample values',
        description: `${who} Unknown or missing placeholders are listed in the answer, not refused.`,
        params: emailTemplateParamsSchema,
        querystring: emailTemplateQuerySchema,
        body: emailTemplatePreviewInputSchema,
        response: { 200: emailTemplatePreviewSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => templates.preview(actorOf(request), request.params.key, request.body, request.query.tenantId),
  );
}

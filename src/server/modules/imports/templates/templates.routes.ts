import { z } from 'zod';
import {
  importTemplateCreateSchema,
  importTemplateParamsSchema,
  importTemplatePatchSchema,
  importTemplateQuerySchema,
  importTemplateViewSchema,
  templatePresetSchema,
} from '../../../../common/schemas/import-templates.ts';
import { actorOf } from '../../../platform/request-auth.ts';
import { errorResponses, type ApiInstance } from '../../../platform/route-types.ts';
import type { ImportTemplatesService } from './templates.service.ts';

const readers = 'Anyone who may import reads. `orgId` picks the tenant (global administrators); default: the caller’s tenant.';
const editors = 'Holders of `imports.templates` at the tenant’s top organization (and global administrators, with `orgId`).';

export function importTemplatesRoutes(app: ApiInstance, templates: ImportTemplatesService): void {
  const tags = ['Import templates'];

  app.get(
    '/api/import-templates',
    {
      schema: {
        tags,
        summary: 'Import templates of the caller’s tenant (or of orgId’s tenant)',
        description: readers,
        querystring: importTemplateQuerySchema,
        response: { 200: z.object({ items: z.array(importTemplateViewSchema) }), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => ({ items: await templates.listTemplates(actorOf(request), request.query.orgId) }),
  );

  app.get(
    '/api/import-templates/presets',
    {
      schema: {
        tags,
        summary: 'Templates shaped like the guides, ready to install with POST {"preset": key}',
        response: { 200: z.object({ items: z.array(templatePresetSchema) }), ...errorResponses(401) },
      },
    },
    async () => ({ items: templates.listPresets() }),
  );

  app.post(
    '/api/import-templates',
    {
      schema: {
        tags,
        summary: 'Add a template: a whole definition, or {"preset": "County archival"}',
        description: editors,
        querystring: importTemplateQuerySchema,
        body: importTemplateCreateSchema,
        response: { 201: importTemplateViewSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await templates.createTemplate(actorOf(request), request.body, request.query.orgId)),
  );

  app.get(
    '/api/import-templates/:key',
    {
      schema: {
        tags,
        summary: 'One import template',
        description: readers,
        params: importTemplateParamsSchema,
        querystring: importTemplateQuerySchema,
        response: { 200: importTemplateViewSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => templates.viewTemplate(actorOf(request), request.params.key, request.query.orgId),
  );

  app.patch(
    '/api/import-templates/:key',
    {
      schema: {
        tags,
        summary: 'Change a template (columns replace the whole list)',
        description: editors,
        params: importTemplateParamsSchema,
        querystring: importTemplateQuerySchema,
        body: importTemplatePatchSchema,
        response: { 200: importTemplateViewSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => templates.updateTemplate(actorOf(request), request.params.key, request.body, request.query.orgId),
  );

  app.delete(
    '/api/import-templates/:key',
    {
      schema: {
        tags,
        summary: 'Delete a template (built-in ones cannot be deleted)',
        description: editors,
        params: importTemplateParamsSchema,
        querystring: importTemplateQuerySchema,
        response: { 204: z.null(), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await templates.deleteTemplate(actorOf(request), request.params.key, request.query.orgId);
      return reply.code(204).send(null);
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/import-templates/:key/template.${format}`,
      {
        schema: {
          tags,
          summary:
            format === 'csv'
              ? 'The template as a CSV: header plus one example row'
              : 'The template as a workbook: drop-downs for fixed values and an Instructions sheet',
          params: importTemplateParamsSchema,
          querystring: importTemplateQuerySchema,
        },
      },
      async (request, reply) => {
        const file = await templates.templateFile(actorOf(request), request.params.key, format, request.query.orgId);
        const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        return reply.type(type).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.content);
      },
    );
  }
}

import { ErrorCodes } from '../../../common/error-codes.ts';
import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import { z } from 'zod';
import {
  commitImportSchema,
  importModes,
  importPageSchema,
  importRowPageSchema,
  importSchema,
  rowOutcomes,
} from '../../../common/schemas/imports.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, idParamsSchema, type ApiInstance } from '../../platform/route-types.ts';
import type { FailedRowsService } from './failed-rows.service.ts';
import { maxUploadBytes, spoolUpload, type SpooledUpload } from './import-files.ts';
import type { ImportsService } from './imports.service.ts';

const uploadFieldsSchema = z.strictObject({
  orgId: z.string().trim().min(1, 'Choose the organization the import belongs to.').max(64),
  template: z.string().trim().min(1).max(64).default('accounts'),
  /** Absent: the template's first allowed mode (upsert for the built-in template). */
  mode: z.enum(importModes, { message: `Use one of: ${importModes.join(', ')}.` }).optional(),
});

export function importsRoutes(app: ApiInstance, deps: { imports: ImportsService; failedRows: FailedRowsService }): void {
  const { imports, failedRows } = deps;
  const tags = ['Imports'];

  app.post(
    '/api/imports',
    {
      schema: {
        tags,
        summary: 'Upload a CSV or XLSX file (multipart: file, orgId, template, mode); plans it in the background',
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ id: z.string() }), ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AppError(
          'unsupported',
          'unsupported_media_type',
          'Send the file as multipart/form-data with fields file, orgId, template and mode.',
        );
      const fields: Record<string, string> = {};
      let upload: SpooledUpload | undefined;
      let fileName = 'upload.csv';
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            const file = part as MultipartFile;
            if (file.fieldname !== 'file' || upload) {
              file.file.resume();
              throw fieldError(file.fieldname, 'Send exactly one file, in the field named "file".');
            }
            fileName = file.filename || fileName;
            upload = await spoolUpload(file.file);
            if (file.file.truncated)
              throw new AppError(
                'too_large',
                ErrorCodes.fileTooLarge,
                `The file is larger than ${maxUploadBytes / 1024 / 1024} MB. Split it into smaller files.`,
              );
          } else {
            fields[part.fieldname] = String((part as MultipartValue).value ?? '');
          }
        }
        if (!upload) throw fieldError('file', 'Attach the file to import in the field named "file".');
        const parsed = uploadFieldsSchema.safeParse(fields);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw fieldError(String(issue?.path[0] ?? issue?.code ?? 'fields'), issue?.message ?? 'Invalid field.');
        }
        const result = await imports.startImport(actorOf(request), { ...parsed.data, fileName, upload });
        return reply.code(202).send(result);
      } catch (error) {
        // A cut-off or malformed multipart body is the client's problem, not ours.
        if (!(error instanceof AppError) && /multipart|boundary/i.test((error as Error).message)) {
          throw new AppError(
            'invalid',
            ErrorCodes.invalidMultipart,
            'The upload was cut off or is not valid multipart/form-data; send it again.',
          );
        }
        throw error;
      } finally {
        await upload?.discard();
      }
    },
  );

  app.get(
    '/api/imports',
    {
      schema: {
        tags,
        summary: 'The import log in the caller’s reach, newest first',
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).optional(),
          cursor: z.string().max(500).optional(),
          /** `oldest`: from the oldest import on (the console's "Last" page); the cursor then walks towards the newest. */
          order: z.enum(['newest', 'oldest']).optional(),
        }),
        response: { 200: importPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => imports.listImports(actorOf(request), request.query),
  );

  app.get(
    '/api/imports/:id',
    {
      schema: {
        tags,
        summary: 'One import: status, counts, progress, times',
        params: idParamsSchema,
        response: { 200: importSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => imports.getImport(actorOf(request), request.params.id),
  );

  app.get(
    '/api/imports/:id/rows',
    {
      schema: {
        tags,
        summary: 'Row results (planned before commit, applied after), in file order',
        params: idParamsSchema,
        querystring: z.strictObject({
          outcome: z.enum(rowOutcomes).optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
          cursor: z.string().max(100).optional(),
        }),
        response: {
          200: importRowPageSchema,
          ...errorResponses(400, 401, 404),
        },
      },
    },
    async (request) => imports.listRows(actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/imports/:id/failed.csv',
    {
      schema: {
        tags,
        summary:
          'The failed rows exactly as uploaded plus a Reason column; 410 import_file_removed once the file is gone (30 days after the import ended, or when its preview expired)',
        params: idParamsSchema,
      },
    },
    async (request, reply) => {
      const file = await failedRows.failedRowsCsv(actorOf(request), request.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName.replace(/"/g, '')}"`)
        .send(file.stream);
    },
  );

  app.post(
    '/api/imports/:id/commit',
    {
      schema: {
        tags,
        summary:
          'Apply a planned import (runs in the background; follow GET /api/imports/:id). Body optional: {attested: true} when the tenant asks for a confirmation',
        params: idParamsSchema,
        body: commitImportSchema,
        response: { 202: importSchema, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => reply.code(202).send(await imports.commitImport(actorOf(request), request.params.id, request.body ?? {})),
  );

  for (const [action, summary] of [
    ['rollback', 'Undo an applied import'],
    ['cancel', 'Cancel an import that has not finished'],
  ] as const) {
    app.post(
      `/api/imports/:id/${action}`,
      {
        schema: { tags, summary, params: idParamsSchema, response: { 202: importSchema, ...errorResponses(401, 404, 409) } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const id = request.params.id;
        const view = action === 'rollback' ? await imports.rollbackImport(actor, id) : await imports.cancelImport(actor, id);
        return reply.code(202).send(view);
      },
    );
  }
}

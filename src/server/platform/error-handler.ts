import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ErrorCodes } from '../../common/error-codes.ts';
import { isUnstorableText } from '../db/errors.ts';
import { AppError, type ErrorKind } from './errors.ts';

/** The HTTP status of each kind of failure (SCIM's own error handler answers with the same ones). */
export const statusOf: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  throttled: 429,
  too_large: 413,
  unsupported: 415,
  unavailable: 503,
  precondition_failed: 412,
};

interface Issue {
  path?: PropertyKey[];
  instancePath?: string;
  message?: string;
  code?: string;
  keys?: string[];
  params?: { keys?: string[] };
}

/** Field → message, from zod issues as Fastify hands them over. */
function fieldsOf(issues: Issue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const keys = issue.keys ?? issue.params?.keys;
    if (keys?.length) {
      for (const key of keys) fields[key] = 'This field is not recognised.';
      continue;
    }
    const path = issue.path?.length ? issue.path.join('.') : (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    fields[path || '_'] ??= issue.message ?? 'Invalid value.';
  }
  return fields;
}

/** One place turns every failure into the contract's error shape; a 5xx never shows its internals. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.retryAfter) void reply.header('retry-after', String(error.retryAfter));
      return reply.code(statusOf[error.kind]).send({ error: { code: error.code, message: error.message, details: error.details ?? null } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = fieldsOf(error.validation as unknown as Issue[]);
      const where =
        error.validationContext === 'querystring'
          ? 'The query parameters are'
          : error.validationContext === 'params'
            ? 'The path is'
            : 'The request body is';
      const summary = Object.entries(fields)
        .map(([f, m]) => `${f}: ${m}`)
        .join('; ');
      return reply.code(400).send({
        error: { code: ErrorCodes.validationFailed, message: `${where} not valid. ${summary}`, details: { fields } },
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
      return reply.code(500).send({ error: { code: ErrorCodes.internal, message: 'Something went wrong on our side.', details: null } });
    }
    if (isUnstorableText(error)) {
      return reply.code(400).send({
        error: {
          code: ErrorCodes.validationFailed,
          message: 'The request contains a NUL character, which no field accepts.',
          details: null,
        },
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unhandled error');
      return reply.code(500).send({ error: { code: ErrorCodes.internal, message: 'Something went wrong on our side.', details: null } });
    }
    const code =
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError
        ? ErrorCodes.invalidJson
        : status === 413
          ? ErrorCodes.payloadTooLarge
          : status === 415
            ? ErrorCodes.unsupportedMediaType
            : status === 404
              ? ErrorCodes.notFound
              : ErrorCodes.validationFailed;
    const message = code === ErrorCodes.invalidJson ? 'The request body is not valid JSON.' : error.message;
    return reply.code(status).send({ error: { code, message, details: null } });
  });

  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({
      error: { code: ErrorCodes.notFound, message: `There is no ${request.method} ${request.url.split('?')[0]}.`, details: null },
    });
  });
}

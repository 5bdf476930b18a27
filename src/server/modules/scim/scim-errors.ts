import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ErrorCodes } from '../../../common/error-codes.ts';
import { isUnstorableText } from '../../db/errors.ts';
import { statusOf } from '../../platform/error-handler.ts';
import { AppError, invalid } from '../../platform/errors.ts';

export const scimErrorSchema = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** RFC 7644 §3.12: the detail error keywords a 400 (and 409) may carry. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export interface ScimErrorBody {
  schemas: [typeof scimErrorSchema];
  status: string;
  scimType?: ScimType;
  detail: string;
}

/** A bad request in SCIM's words: the AppError carries the keyword for the SCIM error handler. */
export const scimInvalid = (scimType: ScimType, detail: string) => invalid(detail, { scimType });
export const invalidFilter = (detail: string) => invalid(detail, { scimType: 'invalidFilter' }, ErrorCodes.invalidFilter);

const uniquenessCodes = new Set<string>([ErrorCodes.emailTaken, ErrorCodes.usernameTaken, ErrorCodes.nameTaken, ErrorCodes.alreadyHeld]);

/** Any failure on a SCIM route as SCIM's error body and status; a 5xx never shows its internals. */
export function toScimError(error: unknown): { status: number; body: ScimErrorBody; retryAfter?: number } {
  const body = (status: number, detail: string, scimType?: ScimType) => ({
    status,
    body: { schemas: [scimErrorSchema] as [typeof scimErrorSchema], status: String(status), ...(scimType ? { scimType } : {}), detail },
  });
  if (error instanceof AppError) {
    const status = statusOf[error.kind];
    const given = (error.details as { scimType?: ScimType } | undefined)?.scimType;
    const scimType =
      given ?? (status === 409 && uniquenessCodes.has(error.code) ? 'uniqueness' : status === 400 ? 'invalidValue' : undefined);
    return { ...body(status, error.message, scimType), ...(error.retryAfter ? { retryAfter: error.retryAfter } : {}) };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = (error.validation as unknown as Array<{ path?: PropertyKey[]; message?: string }>).map(
      (i) => `${i.path?.length ? i.path.join('.') : 'request'}: ${i.message ?? 'not valid'}`,
    );
    const where = error.validationContext === 'querystring' ? 'The query parameters are' : 'The request is';
    return body(400, `${where} not valid. ${issues.join('; ')}`, 'invalidSyntax');
  }
  if (isUnstorableText(error)) return body(400, 'The request contains a NUL character, which no attribute accepts.', 'invalidValue');
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  const status = fastifyError.statusCode ?? 500;
  if (status >= 500) return body(500, 'Something went wrong on our side.');
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return body(400, 'The request body is not valid JSON.', 'invalidSyntax');
  }
  if (status === 413) return body(413, 'The request body is too large.');
  if (status === 415) return body(415, 'Send the body as application/scim+json or application/json.');
  return body(status, fastifyError.message ?? 'The request is not valid.', status === 400 ? 'invalidSyntax' : undefined);
}

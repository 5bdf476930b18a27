import { ErrorCodes, type ErrorCode } from '../../common/error-codes.ts';

/**
 * Errors the services raise. They know nothing of HTTP: the error handler maps each kind to a status.
 * Messages are written for the person who will read them.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'throttled'
  | 'gone'
  | 'too_large'
  | 'unsupported'
  | 'unavailable'
  | 'precondition_failed';

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Seconds a throttled client should wait. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalid = (message: string, details?: unknown, code: ErrorCode = ErrorCodes.validationFailed) =>
  new AppError('invalid', code, message, details);

export const fieldError = (field: string, message: string, code: ErrorCode = ErrorCodes.validationFailed) =>
  new AppError('invalid', code, message, { fields: { [field]: message } });

export const notFound = (what: string) => new AppError('not_found', ErrorCodes.notFound, `${what} was not found.`);

export const forbidden = (message = 'You do not have permission to do that.', code: ErrorCode = ErrorCodes.forbidden) =>
  new AppError('forbidden', code, message);

export const conflict = (code: ErrorCode, message: string, details?: unknown) => new AppError('conflict', code, message, details);

export const unauthenticated = (message = 'Sign in first.', code: ErrorCode = ErrorCodes.unauthenticated) =>
  new AppError('unauthenticated', code, message);

export const throttled = (message: string, retryAfter: number) =>
  new AppError('throttled', ErrorCodes.tooManyAttempts, message, { retryAfterSeconds: retryAfter }, retryAfter);

/** An archived account may not sign in, register, reset its password or hold a token. */
export const accountArchived = (message = 'This account is archived. Ask your administrator to reactivate it.') =>
  new AppError('forbidden', ErrorCodes.accountArchived, message);

/** The record is not in a state that allows this (an import already applied, a message already sent). */
export const invalidState = (message: string, details?: unknown) => conflict(ErrorCodes.invalidState, message, details);

/** Another organization with this name already stands beside it. */
export const nameTaken = (message: string) => conflict(ErrorCodes.nameTaken, message);

/** A cookie-authenticated write from another site (cross-site request forgery). */
export const csrfRejected = (message: string) => forbidden(message, ErrorCodes.csrfRejected);

/** The record changed since the client read it (an If-Match that no longer matches). */
export const preconditionFailed = (message: string) => new AppError('precondition_failed', ErrorCodes.preconditionFailed, message);

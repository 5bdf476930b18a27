/** Stable error codes shared by the server and the console. Clients switch on these, never on messages. */
export const ErrorCodes = {
  validationFailed: 'validation_failed',
  invalidJson: 'invalid_json',
  unauthenticated: 'unauthenticated',
  invalidCredentials: 'invalid_credentials',
  tooManyAttempts: 'too_many_attempts',
  passwordChangeRequired: 'password_change_required',
  weakPassword: 'weak_password',
  forbidden: 'forbidden',
  csrfRejected: 'csrf_rejected',
  notFound: 'not_found',
  emailTaken: 'email_taken',
  usernameTaken: 'username_taken',
  conflict: 'conflict',
  roleNotAllowed: 'role_not_allowed',
  roleLimit: 'role_limit',
  invalidState: 'invalid_state',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  internal: 'internal_error',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

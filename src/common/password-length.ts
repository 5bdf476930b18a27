/**
 * How long a password may be. Shared so the console can tick off the length as a person types on every
 * password form; the rest of the policy (common passwords, the person's own name) is the server's.
 */
export const passwordMinLength = 10;
export const passwordMaxLength = 256;

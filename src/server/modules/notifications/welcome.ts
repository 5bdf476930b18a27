import type { OutgoingMessage } from './outbox.service.ts';

export interface WelcomeInput {
  tenantId: string;
  accountId: string;
  email: string;
  username: string;
  firstName: string;
  loginUrl: string;
}

/**
 * The welcome for an account created with a temporary password. It never carries the password: the
 * administrator hands that over, and the first sign-in forces a change.
 */
export function welcomeMessage(input: WelcomeInput): OutgoingMessage {
  const greeting = input.firstName.trim() ? `Hello ${input.firstName.trim()},` : 'Hello,';
  return {
    tenantId: input.tenantId,
    kind: 'welcome',
    recipient: input.email,
    subject: 'Your account is ready',
    bodyText: [
      greeting,
      '',
      'An account has been created for you.',
      '',
      `Username: ${input.username}`,
      `Sign in:  ${input.loginUrl}`,
      '',
      'Your administrator will give you a temporary password. You will be asked to choose your own when you first sign in.',
    ].join('\n'),
    payload: { accountId: input.accountId },
    dedupeKey: `welcome:${input.accountId}`,
  };
}

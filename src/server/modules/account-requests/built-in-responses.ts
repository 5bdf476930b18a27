/**
 * The replies every tenant starts with: the three answers a help desk gives most (the coaching
 * runbook's situations), written for Registrar. A tenant may edit their words, not delete them.
 */
export interface BuiltInResponse {
  key: string;
  label: string;
  subject: string;
  body: string;
}

export const builtInResponses: readonly BuiltInResponse[] = [
  {
    key: 'account_created',
    label: 'Account created',
    subject: 'Your {{tenantName}} account is ready to activate',
    body: [
      'Hello {{firstName}},',
      '',
      'We have created your account. Your username is {{username}}.',
      '',
      'A separate email from us carries a link to choose your own password; once you have chosen it, sign in at {{siteUrl}}. Nobody else knows your password, and we will never ask you for it.',
      '',
      'If the email has not arrived within the hour, look in your spam folder, then answer this message and we will send a new link.',
      '',
      '{{senderFirstName}}',
    ].join('\n'),
  },
  {
    key: 'role_and_programme',
    label: 'Ask for role and programme',
    subject: 'About your account request (no. {{requestNumber}})',
    body: [
      'Hello {{firstName}},',
      '',
      'Thank you for writing. To set you up in the right place, could you tell us what your role is and which programme you work for?',
      '',
      'Most people are invited by someone in their own programme: programme directors invite the people they coach, and coach leads invite their coaches. If neither fits you, tell us a little more and we will either find the right person to invite you or create the account ourselves.',
      '',
      'You can answer through your private link: {{requestUrl}}',
      '',
      '{{senderFirstName}}',
    ].join('\n'),
  },
  {
    key: 'redirected_to_inviter',
    label: 'Sent to the person who invites',
    subject: 'Who will set up your {{tenantName}} account',
    body: [
      'Hello {{firstName}},',
      '',
      'Accounts in your programme are created by invitation, and the person who invites you is {{inviterName}} ({{inviterEmail}}). We have passed your request on to them; you will receive an invitation by email with a link to register.',
      '',
      'If nothing has arrived within a few days, answer through your private link and we will follow up: {{requestUrl}}',
      '',
      '{{senderFirstName}}',
    ].join('\n'),
  },
];

export const builtInResponseKeys = builtInResponses.map((r) => r.key);

/** Values the preview fills in when no request is named. */
export const sampleResponseValues: Readonly<Record<string, string>> = {
  firstName: 'Ana',
  lastName: 'Silva',
  email: 'ana.silva@example.org',
  username: 'ana.silva@example.org',
  requestNumber: '42',
  requestUrl: 'https://registrar.example.org/my-request/sample-link',
  siteUrl: 'https://registrar.example.org',
  tenantName: 'State Training System',
  orgName: 'Early Learning North',
  roleWanted: 'Coach',
  programme: 'Early Achievers',
  inviterName: 'Maria Lopez',
  inviterEmail: 'maria.lopez@example.org',
  senderFirstName: 'Jordan',
  senderLastName: 'Reyes',
};

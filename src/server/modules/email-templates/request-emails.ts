/** The email a person gets when they ask for an account on the public form (its own file: the catalog is long). */
/** Typed where the catalog takes it in (importing the catalog's types here would make a cycle). */
export const accountRequestReceived = {
  key: 'account_request_received' as const,
  label: 'Account request received',
  description:
    'Sent to a person who asks for an account on the public form: their reference number and the private link to follow and answer the request.',
  placeholders: ['firstName', 'lastName', 'email', 'tenantName', 'requestNumber', 'requestUrl', 'siteUrl'],
  required: ['requestUrl'],
  sample: {
    firstName: 'Ana',
    lastName: 'Silva',
    email: 'ana.silva@example.org',
    tenantName: 'State Training System',
    requestNumber: '42',
    requestUrl: 'https://registrar.example.org/request-account/follow/sample-link',
    siteUrl: 'https://registrar.example.org',
  },
  subject: 'We received your request for a {{tenantName}} account (no. {{requestNumber}})',
  bodyText: [
    'Hello {{firstName}},',
    '',
    'Thank you: your request for an account reached us. Its reference number is {{requestNumber}}.',
    '',
    'Someone will answer you by email. To see where your request stands, or to add something to it, use this private link:',
    '{{requestUrl}}',
    '',
    'Keep the link to yourself: anyone who has it can read and answer your request.',
  ].join('\n'),
  bodyHtml: null,
};

import { enrollmentTemplates } from './enrollment-email-templates.ts';
import { accountRequestHanded, accountRequestReceived } from './request-emails.ts';

/**
 * The emails Registrar sends, the placeholders each may use, and the built-in wording a tenant starts
 * from. A tenant's edited copy (email_templates) replaces the built-in one for that tenant only.
 */
export const emailTemplateKeys = [
  'welcome_activation',
  'welcome_password',
  'password_reset',
  'import_log',
  'import_refused',
  'invitation',
  'invitation_accepted',
  'enrolled',
  'waitlisted',
  'promoted',
  'section_cancelled',
  'account_request_received',
  'account_request_handed',
  'seats_warning',
  'inactivity_notice',
] as const;
export type EmailTemplateKey = (typeof emailTemplateKeys)[number];

export interface EmailTemplateText {
  subject: string;
  bodyText: string;
  /** Null: the HTML part is made from the plain text (escaped, links kept, paragraphs). */
  bodyHtml: string | null;
}

export interface EmailTemplateDefinition extends EmailTemplateText {
  key: EmailTemplateKey;
  label: string;
  description: string;
  placeholders: readonly string[];
  /**
   * Placeholders a tenant's wording must keep: without them the email cannot do its job (a welcome
   * without its activation link leaves the person with no way in).
   */
  required: readonly string[];
  /** Values the preview fills in. */
  sample: Readonly<Record<string, string>>;
}

const person = ['firstName', 'lastName', 'email', 'username', 'orgName', 'tenantName', 'loginUrl'] as const;
const personSample = {
  firstName: 'Ana',
  lastName: 'Silva',
  email: 'ana.silva@example.org',
  username: 'ana.silva@example.org',
  orgName: 'Lakeside County',
  tenantName: 'State Training System',
  loginUrl: 'https://registrar.example.org/sign-in',
};

export const emailTemplateCatalog: Record<EmailTemplateKey, EmailTemplateDefinition> = {
  welcome_activation: {
    key: 'welcome_activation',
    label: 'Welcome with activation link',
    description: 'Sent when an account is created without a password: the person follows the link to choose one.',
    placeholders: [...person, 'activationUrl', 'expiresOn', 'senderFirstName', 'senderLastName'],
    required: ['activationUrl'],
    sample: {
      ...personSample,
      activationUrl: 'https://registrar.example.org/register/sample-link',
      expiresOn: 'January 22, 2027',
      senderFirstName: 'Maria',
      senderLastName: 'Lopez',
    },
    subject: 'Activate your {{tenantName}} account',
    bodyText: [
      'Hello {{firstName}},',
      '',
      'An account has been created for you at {{orgName}}.',
      '',
      'Choose your password here to activate it:',
      '{{activationUrl}}',
      '',
      'Your username is {{username}}. The link works once and until {{expiresOn}}.',
      'After that, ask your administrator to send a new one.',
    ].join('\n'),
    bodyHtml: null,
  },
  welcome_password: {
    key: 'welcome_password',
    label: 'Welcome with temporary password',
    description:
      'Sent when an administrator gives a new account a temporary password. The password itself appears only when the tenant allows it.',
    placeholders: [...person, 'temporaryPassword', 'senderFirstName', 'senderLastName'],
    required: [],
    sample: {
      ...personSample,
      temporaryPassword: '(your administrator will give it to you)',
      senderFirstName: 'Maria',
      senderLastName: 'Lopez',
    },
    subject: 'Your {{tenantName}} account is ready',
    bodyText: [
      'Hello {{firstName}},',
      '',
      'An account has been created for you at {{orgName}}.',
      '',
      'Username: {{username}}',
      'Temporary password: {{temporaryPassword}}',
      'Sign in: {{loginUrl}}',
      '',
      'You will be asked to choose your own password when you first sign in.',
    ].join('\n'),
    bodyHtml: null,
  },
  password_reset: {
    key: 'password_reset',
    label: 'Password reset',
    description: 'Sent when someone asks to reset their password from the sign-in page.',
    placeholders: [...person, 'resetUrl', 'expiresInMinutes'],
    required: ['resetUrl'],
    sample: { ...personSample, resetUrl: 'https://registrar.example.org/reset-password/sample-link', expiresInMinutes: '60' },
    subject: 'Reset your {{tenantName}} password',
    bodyText: [
      'Hello {{firstName}},',
      '',
      'Someone asked to reset the password of the account {{username}}.',
      'To choose a new password, open this link within {{expiresInMinutes}} minutes:',
      '{{resetUrl}}',
      '',
      'If it was not you, ignore this email: your password stays as it is.',
    ].join('\n'),
    bodyHtml: null,
  },
  import_log: {
    key: 'import_log',
    label: 'Import log',
    description: 'Sent to the person who uploaded a file when its import has finished.',
    placeholders: [
      'firstName',
      'lastName',
      'tenantName',
      'orgName',
      'fileName',
      'startedAt',
      'finishedAt',
      'total',
      'created',
      'updated',
      'unchanged',
      'archived',
      'reactivated',
      'failed',
      'importUrl',
      'failedRowsUrl',
      'failedSummary',
    ],
    required: [],
    sample: {
      firstName: 'Maria',
      lastName: 'Lopez',
      tenantName: 'State Training System',
      orgName: 'Lakeside County',
      fileName: 'new-hires.csv',
      startedAt: '2026-11-23 09:14 UTC',
      finishedAt: '2026-11-23 09:15 UTC',
      total: '120',
      created: '112',
      updated: '3',
      unchanged: '2',
      archived: '0',
      reactivated: '0',
      failed: '3',
      importUrl: 'https://registrar.example.org/imports/sample',
      failedRowsUrl: 'https://registrar.example.org/api/imports/sample/failed.csv',
      failedSummary: '3 rows failed',
    },
    // {{failedSummary}} says "no rows failed", "1 row failed" or "3 rows failed"; a line with {{failedRowsUrl}}
    // is left out of the email when no row failed (commit.service.ts), so the log never links to an empty file.
    subject: 'Import of {{fileName}}: {{failedSummary}}',
    bodyText: [
      'Your import of {{fileName}} into {{orgName}} has finished.',
      '',
      'Started: {{startedAt}}',
      'Finished: {{finishedAt}}',
      'Records processed: {{total}}',
      'Created {{created}}, updated {{updated}}, unchanged {{unchanged}}, archived {{archived}}, reactivated {{reactivated}}, failed {{failed}}.',
      '',
      'Failed rows, with the reason for each (fix them and upload the file again): {{failedRowsUrl}}',
      'Import log: {{importUrl}}',
    ].join('\n'),
    bodyHtml: null,
  },
  import_refused: {
    key: 'import_refused',
    label: 'Import log: file refused',
    description: 'Sent to the person who uploaded a file when the whole file is refused (its header, its format) and nothing is imported.',
    placeholders: ['firstName', 'lastName', 'tenantName', 'orgName', 'fileName', 'startedAt', 'finishedAt', 'reason', 'importUrl'],
    required: ['reason'],
    sample: {
      firstName: 'Maria',
      lastName: 'Lopez',
      tenantName: 'State Training System',
      orgName: 'Lakeside County',
      fileName: 'new-hires.csv',
      startedAt: '2026-11-23 09:14 UTC',
      finishedAt: '2026-11-23 09:14 UTC',
      reason: 'The file is missing the required column Email. Download the template to see every column.',
      importUrl: 'https://registrar.example.org/imports/sample',
    },
    subject: 'Import of {{fileName}} refused: nothing was imported',
    bodyText: [
      'Your file {{fileName}} for {{orgName}} was refused before any row was imported.',
      '',
      'Why: {{reason}}',
      '',
      'Started: {{startedAt}}',
      'Finished: {{finishedAt}}',
      'Records processed: 0',
      '',
      'Fix the file and upload it again. Import log: {{importUrl}}',
    ].join('\n'),
    bodyHtml: null,
  },
  invitation: {
    key: 'invitation',
    label: 'Invitation',
    description:
      'Sent when someone invites a person: who invites them, to which role at which organization, and until when the link works.',
    placeholders: [...person, 'activationUrl', 'expiresOn', 'inviterFirstName', 'inviterLastName', 'roleLabel', 'groupName', 'message'],
    required: ['activationUrl'],
    sample: {
      ...personSample,
      activationUrl: 'https://registrar.example.org/register/sample-link',
      expiresOn: 'January 22, 2027',
      inviterFirstName: 'Maria',
      inviterLastName: 'Lopez',
      roleLabel: 'Coach',
      groupName: 'North coaches',
      message: 'Welcome to the team!',
    },
    subject: '{{inviterFirstName}} {{inviterLastName}} invites you to {{tenantName}}',
    bodyText: [
      'Hello {{firstName}},',
      '',
      '{{inviterFirstName}} {{inviterLastName}} invites you to join {{orgName}} as {{roleLabel}}.',
      '{{message}}',
      '',
      'Create your account here:',
      '{{activationUrl}}',
      '',
      'The link works once and until {{expiresOn}}.',
    ].join('\n'),
    bodyHtml: null,
  },
  invitation_accepted: {
    key: 'invitation_accepted',
    label: 'Invitation accepted',
    description: 'Sent to the person who invited someone, when that person registers (the tenant may turn it off).',
    placeholders: [
      'firstName',
      'lastName',
      'tenantName',
      'orgName',
      'inviteeFirstName',
      'inviteeLastName',
      'inviteeEmail',
      'roleLabel',
      'groupName',
      'loginUrl',
    ],
    required: [],
    sample: {
      firstName: 'Maria',
      lastName: 'Lopez',
      tenantName: 'State Training System',
      orgName: 'Lakeside County',
      inviteeFirstName: 'Ana',
      inviteeLastName: 'Silva',
      inviteeEmail: 'ana.silva@example.org',
      roleLabel: 'Coach',
      groupName: 'North coaches',
      loginUrl: 'https://registrar.example.org/sign-in',
    },
    subject: '{{inviteeFirstName}} {{inviteeLastName}} accepted your invitation',
    bodyText: [
      'Hello {{firstName}},',
      '',
      '{{inviteeFirstName}} {{inviteeLastName}} ({{inviteeEmail}}) has registered as {{roleLabel}} at {{orgName}}.',
      '',
      '{{loginUrl}}',
    ].join('\n'),
    bodyHtml: null,
  },
  ...enrollmentTemplates(person, personSample),
  account_request_received: accountRequestReceived,
  account_request_handed: accountRequestHanded,
  seats_warning: {
    key: 'seats_warning',
    label: 'Seats running out',
    description:
      'Sent to the administrators of an organization with a seat contract when its use crosses the warning threshold (once per crossing).',
    placeholders: ['firstName', 'lastName', 'tenantName', 'orgName', 'used', 'seats', 'percent', 'warnAt', 'endsOn', 'mode', 'seatsUrl'],
    required: [],
    sample: {
      firstName: 'Maria',
      lastName: 'Lopez',
      tenantName: 'State Training System',
      orgName: 'Lakeside County',
      used: '412',
      seats: '450',
      percent: '92',
      warnAt: '90',
      endsOn: '2027-06-30',
      mode: 'new accounts are refused once every seat is taken',
      seatsUrl: 'https://registrar.example.org/seats',
    },
    subject: '{{orgName}} is using {{percent}}% of its seats',
    bodyText: [
      'Hello {{firstName}},',
      '',
      '{{orgName}} now uses {{used}} of its {{seats}} seats ({{percent}}%), past the {{warnAt}}% warning you set.',
      'Active accounts and invitations not yet expired hold a seat; archiving accounts frees theirs.',
      'The contract runs until {{endsOn}}; {{mode}}.',
      '',
      '{{seatsUrl}}',
    ].join('\n'),
    bodyHtml: null,
  },
  inactivity_notice: {
    key: 'inactivity_notice',
    label: 'Inactive account to be archived',
    description: 'Sent to a person whose account has not been used for a while, some days before it is archived.',
    placeholders: [...person, 'archiveOn', 'inactiveDays'],
    required: ['loginUrl'],
    sample: { ...personSample, archiveOn: 'January 22, 2027', inactiveDays: '180' },
    subject: 'Your {{tenantName}} account will be archived on {{archiveOn}}',
    bodyText: [
      'Hello {{firstName}},',
      '',
      'Your account at {{orgName}} has not been used for {{inactiveDays}} days.',
      'Unless you sign in before {{archiveOn}}, it will be archived. Signing in keeps it:',
      '{{loginUrl}}',
      '',
      'An archived account can be reactivated by your administrator.',
    ].join('\n'),
    bodyHtml: null,
  },
};

export function isEmailTemplateKey(key: string): key is EmailTemplateKey {
  return (emailTemplateKeys as readonly string[]).includes(key);
}

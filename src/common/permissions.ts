/** Permissions a role may carry. A holder exercises them over the subtree where the role is held. */
export const Permissions = {
  accountsRead: 'accounts.read',
  accountsWrite: 'accounts.write',
  accountsLifecycle: 'accounts.lifecycle',
  orgsRead: 'orgs.read',
  orgsWrite: 'orgs.write',
  auditRead: 'audit.read',
  importsRun: 'imports.run',
  /** Held at the tenant's top organization: create, edit and delete the tenant's import templates. */
  importsTemplates: 'imports.templates',
  rolesManage: 'roles.manage',
  invitationsSend: 'invitations.send',
  groupsManage: 'groups.manage',
  coursesManage: 'courses.manage',
  enrollmentsManage: 'enrollments.manage',
  /** Held at the tenant's top organization: enroll past a full section or a closed window, with a reason. */
  enrollmentsForce: 'enrollments.force',
  requestsHandle: 'requests.handle',
} as const;

export type Permission = (typeof Permissions)[keyof typeof Permissions];
export const allPermissions: Permission[] = Object.values(Permissions);

/** What each permission lets its holder do, in words for the person ticking it in the role editor. */
export const permissionDescriptions: Record<Permission, string> = {
  'accounts.read': 'See the accounts in their part of the organization tree.',
  'accounts.write': 'Create accounts and change their details.',
  'accounts.lifecycle':
    'Archive and reactivate accounts, send new activation links, and help people back in with a password reset link or a temporary password.',
  'orgs.read': 'See the organizations in their part of the tree.',
  'orgs.write': 'Create and rename organizations below theirs.',
  'audit.read': 'Read the history of changes made in their part of the tree.',
  'imports.run': 'Create and update many accounts at once from a spreadsheet.',
  'imports.templates': 'Create, edit and delete the import templates (only when held at the top organization).',
  'roles.manage': 'Change the role catalog: add roles, edit what each may do, set limits (only when held at the top organization).',
  'invitations.send': 'Invite people by email to register, in the roles their own role lists as invitable.',
  'groups.manage': 'Create groups and add or remove their members.',
  'courses.manage': 'Create and edit the courses, sections and learning paths their part of the tree offers, and cancel sections.',
  'enrollments.manage': 'Enroll people of their part of the tree into sections and learning paths, withdraw them and record completions.',
  'enrollments.force':
    'Enroll someone into a full section or outside its enrollment window, giving a reason (only when held at the top organization).',
  'requests.handle':
    'Answer the account requests that name an organization in their part of the tree (at the top organization: also those naming none).',
};

export const auditSources = ['api', 'console', 'cli', 'import', 'scim', 'system'] as const;
export type AuditSource = (typeof auditSources)[number];

export const accountStatuses = ['invited', 'active', 'archived', 'expired'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

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
} as const;

export type Permission = (typeof Permissions)[keyof typeof Permissions];
export const allPermissions: Permission[] = Object.values(Permissions);

export const auditSources = ['api', 'console', 'cli', 'import', 'scim', 'system'] as const;
export type AuditSource = (typeof auditSources)[number];

export const accountStatuses = ['invited', 'active', 'archived', 'expired'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

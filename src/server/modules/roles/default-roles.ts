import { allPermissions, Permissions } from '../../../common/permissions.ts';

/** The catalog every new tenant starts with; tenants edit their own copy later. */
export const defaultRoles = [
  {
    key: 'admin',
    label: 'Administrator',
    orgKinds: [] as string[],
    permissions: allPermissions as string[],
    mayGrant: ['admin', 'learner'],
    mayInvite: ['admin', 'learner'],
    bulkCreatable: false,
    perOrgLimit: null,
  },
  {
    key: 'learner',
    label: 'Learner',
    orgKinds: [] as string[],
    permissions: [] as string[],
    mayGrant: [] as string[],
    mayInvite: [] as string[],
    bulkCreatable: true,
    perOrgLimit: null,
  },
] as const;

export const readOnlyAdminPermissions = [Permissions.accountsRead, Permissions.orgsRead, Permissions.auditRead];

import type { CreateRoleInput, GrantResult, Role, UpdateRoleInput } from '../../common/schemas/roles.ts';
import type { Group } from '../../common/schemas/groups.ts';
import type { Invitation, InvitationStatus } from '../../common/schemas/invitations.ts';
import { api, get, patch, post, withQuery } from './client.ts';

export type { Group, GrantResult, Invitation, InvitationStatus, Role, UpdateRoleInput };

export interface RoleCatalog {
  items: Role[];
  permissions: Array<{ key: string; description: string }>;
}

/** The tenant's role catalog; with an organization, who holds what there and what the caller may give or invite. */
export const rolesApi = {
  list: (query: { tenantId?: string; orgId?: string } = {}) => get<RoleCatalog>('/api/roles', query),
  create: (input: Partial<CreateRoleInput> & { label: string }) => post<Role>('/api/roles', input),
  update: (key: string, input: UpdateRoleInput, tenantId?: string) =>
    patch<Role>(withQuery(`/api/roles/${encodeURIComponent(key)}`, { tenantId }), input),
  grant: (accountId: string, role: string, orgId: string) =>
    post<GrantResult>(`/api/accounts/${encodeURIComponent(accountId)}/roles`, { role, orgId }),
  revoke: (accountId: string, grantId: string) =>
    api<void>('DELETE', `/api/accounts/${encodeURIComponent(accountId)}/roles/${encodeURIComponent(grantId)}`),
};

export const groupsApi = {
  list: (orgId?: string) => get<{ items: Group[] }>('/api/groups', { orgId }).then((r) => r.items),
  get: (id: string) => get<Group>(`/api/groups/${encodeURIComponent(id)}`),
  create: (orgId: string, name: string) => post<Group>('/api/groups', { orgId, name }),
  addMember: (id: string, accountId: string) => post<Group>(`/api/groups/${encodeURIComponent(id)}/members`, { accountId }),
  removeMember: (id: string, accountId: string) =>
    api<Group>('DELETE', `/api/groups/${encodeURIComponent(id)}/members/${encodeURIComponent(accountId)}`),
  setDefault: (accountId: string, groupId: string | null) =>
    patch(`/api/accounts/${encodeURIComponent(accountId)}`, { defaultGroupId: groupId }),
};

export interface NewInvitation {
  email: string;
  orgId: string;
  role: string;
  groupId?: string;
  firstName?: string;
  lastName?: string;
  message?: string;
  attested?: boolean;
}

export const invitationsApi = {
  list: (query: { status?: InvitationStatus; orgId?: string; invitedBy?: string; cursor?: string }) =>
    get<{ items: Invitation[]; nextCursor: string | null }>('/api/invitations', query),
  send: (input: NewInvitation) => post<Invitation>('/api/invitations', input),
  resend: (id: string) => post<Invitation>(`/api/invitations/${encodeURIComponent(id)}/resend`),
  revoke: (id: string) => post<Invitation>(`/api/invitations/${encodeURIComponent(id)}/revoke`),
};

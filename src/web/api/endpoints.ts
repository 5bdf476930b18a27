import type { AccountSearchInput } from '../../common/schemas/accounts.ts';
import { api, get, patch, post } from './client.ts';
import type {
  Account,
  AccountPage,
  AuditPage,
  CreateAccountInput,
  DuplicatesResult,
  Me,
  Organization,
  UpdateAccountInput,
} from './types.ts';

/** Typed calls, one per endpoint the console uses. */
export const authApi = {
  me: () => get<Me>('/api/auth/me'),
  login: (username: string, password: string) =>
    post<{ account: Account; mustChangePassword: boolean; expiresAt: string }>('/api/auth/login', { username, password }),
  changePassword: (currentPassword: string, newPassword: string, keepApiTokens = false) =>
    post<{ mustChangePassword: false }>('/api/auth/change-password', { currentPassword, newPassword, keepApiTokens }),
  logout: () => post<void>('/api/auth/logout'),
};

export const orgsApi = {
  list: () => get<{ items: Organization[] }>('/api/orgs').then((r) => r.items),
  create: (input: { name: string; kind: string; parentId: string | null }) => post<Organization>('/api/orgs', input),
  rename: (id: string, name: string) => patch<Organization>(`/api/orgs/${encodeURIComponent(id)}`, { name }),
  /** The organization and everything below it go under `parentId`. */
  move: (id: string, parentId: string) => post<Organization>(`/api/orgs/${encodeURIComponent(id)}/move`, { parentId }),
  /** Only an empty organization can be removed (the refusal names what is left). */
  remove: (id: string) => api<void>('DELETE', `/api/orgs/${encodeURIComponent(id)}`),
};

export const accountsApi = {
  search: (query: AccountSearchInput) => get<AccountPage>('/api/accounts', query),
  get: (id: string) => get<Account>(`/api/accounts/${encodeURIComponent(id)}`),
  create: (input: CreateAccountInput) => post<Account>('/api/accounts', input),
  update: (id: string, input: UpdateAccountInput) => patch<Account>(`/api/accounts/${encodeURIComponent(id)}`, input),
  archive: (id: string) => post<Account>(`/api/accounts/${encodeURIComponent(id)}/archive`),
  reactivate: (id: string) => post<Account>(`/api/accounts/${encodeURIComponent(id)}/reactivate`),
  duplicates: (query: { email?: string; firstName?: string; lastName?: string; orgId?: string; excludeId?: string }) =>
    get<DuplicatesResult>('/api/accounts/duplicates', query),
};

import type { AuditQuery } from '../../common/schemas/audit.ts';

export type { AuditQuery };

export const auditApi = {
  search: (query: AuditQuery) => get<AuditPage>('/api/audit', { ...query }),
};

import type { MailMessage, MailPage, MailQuery } from '../../common/schemas/mail.ts';

export const mailApi = {
  list: (query: MailQuery) => get<MailPage>('/api/mail', { ...query }),
  get: (id: string) => get<MailMessage>(`/api/mail/${encodeURIComponent(id)}`),
};

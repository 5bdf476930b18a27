import type {
  AccountRequest,
  AccountRequestDetail,
  CreateFromRequestInput,
  PublicRequestForm,
  PublicRequestInput,
  PublicRequestView,
  RedirectCandidate,
  RequestPage,
  RequestQuery,
  RequestReceived,
  RequestStats,
  RequestStatus,
} from '../../common/schemas/account-requests.ts';
import type { DuplicatesResult } from '../../common/schemas/accounts.ts';
import type {
  CreateResponseTemplateInput,
  ResponseTemplate,
  ResponseTemplateList,
  ResponseTemplatePreview,
  UpdateResponseTemplateInput,
} from '../../common/schemas/response-templates.ts';
import type { RequestFormSettings, RequestFormView } from '../../common/schemas/account-requests.ts';
import { api, get, patch, post, put, withQuery } from './client.ts';

export type {
  AccountRequest,
  AccountRequestDetail,
  PublicRequestForm,
  PublicRequestView,
  RedirectCandidate,
  RequestFormSettings,
  RequestFormView,
  RequestStatus,
  ResponseTemplate,
};

const at = (id: string) => `/api/account-requests/${encodeURIComponent(id)}`;

/** The public form and the requester's private link: no session. */
export const publicRequestsApi = {
  form: (tenant: string) => get<PublicRequestForm>(`/api/public/account-requests/forms/${encodeURIComponent(tenant)}`),
  submit: (input: PublicRequestInput) => post<RequestReceived>('/api/public/account-requests', input),
  view: (token: string) => get<PublicRequestView>(`/api/public/account-requests/${encodeURIComponent(token)}`),
  answer: (token: string, body: string) =>
    post<PublicRequestView>(`/api/public/account-requests/${encodeURIComponent(token)}/messages`, { body }),
};

/** The help-desk queue. */
export const requestsApi = {
  list: (query: Partial<Omit<RequestQuery, 'limit'>> & { limit?: number }) => get<RequestPage>('/api/account-requests', query),
  stats: () => get<RequestStats>('/api/account-requests/stats'),
  get: (id: string) => get<AccountRequestDetail>(at(id)),
  reply: (id: string, input: { templateKey?: string; subject?: string; body?: string; note?: boolean }) =>
    post<AccountRequestDetail>(`${at(id)}/reply`, input),
  duplicates: (id: string) => get<DuplicatesResult>(`${at(id)}/duplicates`),
  createAccount: (id: string, input: CreateFromRequestInput) => post<AccountRequestDetail>(`${at(id)}/create-account`, input),
  candidates: (id: string) => get<{ items: RedirectCandidate[] }>(`${at(id)}/redirect-candidates`).then((r) => r.items),
  redirect: (id: string, accountId: string) => post<AccountRequestDetail>(`${at(id)}/redirect`, { accountId }),
  tags: (id: string, tags: string[]) => post<AccountRequestDetail>(`${at(id)}/tags`, { tags }),
  resolve: (id: string) => post<AccountRequestDetail>(`${at(id)}/resolve`),
  reopen: (id: string) => post<AccountRequestDetail>(`${at(id)}/reopen`),
};

/** The tenant's request form, for its administrators. */
export const requestFormApi = {
  get: (tenantId: string) => get<RequestFormView>('/api/account-request-form', { tenantId }),
  save: (tenantId: string, input: RequestFormSettings) => put<RequestFormView>(withQuery('/api/account-request-form', { tenantId }), input),
};

const templateAt = (key: string, tenantId?: string) => withQuery(`/api/response-templates/${encodeURIComponent(key)}`, { tenantId });

export const responseTemplatesApi = {
  list: (tenantId?: string) => get<ResponseTemplateList>('/api/response-templates', { tenantId }),
  create: (tenantId: string, input: CreateResponseTemplateInput) =>
    post<ResponseTemplate>(withQuery('/api/response-templates', { tenantId }), input),
  update: (tenantId: string, key: string, input: UpdateResponseTemplateInput) => patch<ResponseTemplate>(templateAt(key, tenantId), input),
  remove: (tenantId: string, key: string) => api<void>('DELETE', templateAt(key, tenantId)),
  preview: (key: string, input: { requestId?: string; subject?: string; body?: string; tenantId?: string }) =>
    post<ResponseTemplatePreview>(`/api/response-templates/${encodeURIComponent(key)}/preview`, input),
};

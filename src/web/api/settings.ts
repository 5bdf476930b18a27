import type { EmailTemplate as EmailTemplateView, EmailTemplateInput, EmailTemplatePreview } from '../../common/schemas/email-templates.ts';
import type { ActivationSent } from '../../common/schemas/onboarding.ts';
import type { TenantSettingsView, UpdateTenantSettingsInput } from '../../common/schemas/tenant-settings.ts';
import { api, get, patch, post, put, withQuery } from './client.ts';

export type { ActivationSent, EmailTemplateInput, EmailTemplatePreview, EmailTemplateView, TenantSettingsView, UpdateTenantSettingsInput };

/*
 * The administrator's side of onboarding and email: a tenant's settings, its email templates, sending
 * held or failed mail again, and new activation links.
 */

const tenantPath = (tenantId: string) => `/api/tenants/${encodeURIComponent(tenantId)}/settings`;
const templatePath = (key: string, tenantId: string, rest = '') =>
  withQuery(`/api/email-templates/${encodeURIComponent(key)}${rest}`, { tenantId });

export const tenantSettingsApi = {
  get: (tenantId: string) => get<TenantSettingsView>(tenantPath(tenantId)),
  update: (tenantId: string, input: UpdateTenantSettingsInput) => patch<TenantSettingsView>(tenantPath(tenantId), input),
};

export const emailTemplatesApi = {
  list: (tenantId: string) => get<{ items: EmailTemplateView[] }>('/api/email-templates', { tenantId }).then((r) => r.items),
  get: (key: string, tenantId: string) => get<EmailTemplateView>(templatePath(key, tenantId)),
  save: (key: string, tenantId: string, input: EmailTemplateInput) => put<EmailTemplateView>(templatePath(key, tenantId), input),
  /** Back to the built-in wording. */
  restore: (key: string, tenantId: string) => api<void>('DELETE', templatePath(key, tenantId)),
  preview: (key: string, tenantId: string, input: EmailTemplateInput) =>
    post<EmailTemplatePreview>(templatePath(key, tenantId, '/preview'), input),
};

export const mailActionsApi = {
  /** A failed or held message goes back in the queue. */
  sendAgain: (id: string) => post<{ queued: number }>(`/api/mail/${encodeURIComponent(id)}/send-again`),
  /** Every held message the caller may read. */
  sendHeld: () => post<{ queued: number }>('/api/mail/send-held'),
};

export const activationApi = {
  /** A new link for an invited or expired account; the previous link stops working. */
  send: (accountId: string) => post<ActivationSent>(`/api/accounts/${encodeURIComponent(accountId)}/send-activation`),
};

import type { Db } from './db/connection.ts';
import type { Clock, IdSource } from './platform/clock.ts';
import type { AccountsService } from './modules/accounts/accounts.service.ts';
import type { DuplicatesService } from './modules/accounts/duplicates.service.ts';
import type { AuditService } from './modules/audit/audit.service.ts';
import type { ThrottleService } from './modules/auth/throttle.service.ts';
import type { EmailTemplatesService } from './modules/email-templates/email-templates.service.ts';
import type { OutboxService } from './modules/notifications/outbox.service.ts';
import type { PasswordResetService } from './modules/onboarding/password-reset.service.ts';
import type { OrganizationsService } from './modules/organizations/organizations.service.ts';
import type { RolesService } from './modules/roles/roles.service.ts';
import type { TenantSettingsService } from './modules/tenants/tenant-settings.service.ts';
import { AccountRequestsRepository } from './modules/account-requests/account-requests.repository.ts';
import { HandOverService } from './modules/account-requests/hand-over.service.ts';
import { IntakeService } from './modules/account-requests/intake.service.ts';
import { QueueService } from './modules/account-requests/queue.service.ts';
import { RepliesService } from './modules/account-requests/replies.service.ts';
import { RequestFormsRepository } from './modules/account-requests/request-forms.repository.ts';
import { RequestFormsService } from './modules/account-requests/request-forms.service.ts';
import { RequesterMailService } from './modules/account-requests/requester-mail.service.ts';
import { ResponseTemplatesService } from './modules/account-requests/response-templates.service.ts';

export interface RequestServices {
  readonly requestIntake: IntakeService;
  readonly requestQueue: QueueService;
  readonly requestReplies: RepliesService;
  readonly requestHandOver: HandOverService;
  readonly requestForms: RequestFormsService;
  readonly responseTemplates: ResponseTemplatesService;
}

export interface RequestDependencies {
  db: Db;
  accounts: AccountsService;
  duplicates: DuplicatesService;
  organizations: OrganizationsService;
  roles: RolesService;
  tenantSettings: TenantSettingsService;
  emailTemplates: EmailTemplatesService;
  outbox: OutboxService;
  passwordReset: PasswordResetService;
  throttle: ThrottleService;
  audit: AuditService;
  clock: Clock;
  ids: IdSource;
  publicUrl: string;
}

/** The account-requests module's part of the composition root (its own file keeps container.ts readable). */
export function createRequestServices(d: RequestDependencies): RequestServices {
  const requestsRepo = new AccountRequestsRepository();
  const formsRepo = new RequestFormsRepository();
  const requestForms = new RequestFormsService(d.db, formsRepo, d.tenantSettings, d.audit, d.clock);
  const mail = new RequesterMailService(requestsRepo, d.emailTemplates, d.outbox, d.clock, d.ids, d.publicUrl);
  const responseTemplates = new ResponseTemplatesService(d.db, formsRepo, d.organizations, d.audit, d.clock, d.ids);
  const requestQueue = new QueueService(d.db, requestsRepo, d.organizations, d.accounts, d.roles, d.audit, d.clock, d.ids);
  return {
    requestIntake: new IntakeService(
      d.db,
      requestsRepo,
      requestForms,
      d.organizations,
      d.accounts,
      d.passwordReset,
      d.throttle,
      mail,
      d.audit,
      d.clock,
      d.ids,
    ),
    requestQueue,
    requestReplies: new RepliesService(
      d.db,
      requestsRepo,
      requestQueue,
      responseTemplates,
      mail,
      d.accounts,
      d.tenantSettings,
      d.clock,
      d.ids,
    ),
    requestHandOver: new HandOverService(
      d.db,
      requestsRepo,
      requestQueue,
      d.accounts,
      d.duplicates,
      d.roles,
      mail,
      d.tenantSettings,
      d.clock,
      d.ids,
    ),
    requestForms,
    responseTemplates,
  };
}

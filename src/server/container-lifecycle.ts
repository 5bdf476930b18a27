import type { Db } from './db/connection.ts';
import type { JobHandlers, JobQueue } from './jobs/index.ts';
import type { Clock, IdSource } from './platform/clock.ts';
import type { AccountBatchService } from './modules/accounts/account-batch.service.ts';
import { AccountBulkWrites } from './modules/accounts/account-bulk-writes.service.ts';
import type { AccountSearchService } from './modules/accounts/account-search.service.ts';
import type { AccountsRepository } from './modules/accounts/accounts.repository.ts';
import type { AuditService } from './modules/audit/audit.service.ts';
import type { AuthService } from './modules/auth/auth.service.ts';
import type { CredentialsService } from './modules/auth/credentials.service.ts';
import { bulkActionHandlers } from './modules/bulk-actions/actions/registry.ts';
import { bulkActionJobHandlers } from './modules/bulk-actions/bulk-actions.jobs.ts';
import { BulkActionsRepository } from './modules/bulk-actions/bulk-actions.repository.ts';
import { BulkActionsService } from './modules/bulk-actions/bulk-actions.service.ts';
import { BulkRunService } from './modules/bulk-actions/bulk-run.service.ts';
import { AccountExportService } from './modules/bulk-actions/export/account-export.service.ts';
import type { EmailTemplatesService } from './modules/email-templates/email-templates.service.ts';
import { inactivityJobHandlers } from './modules/inactivity/inactivity.jobs.ts';
import { InactivityRepository } from './modules/inactivity/inactivity.repository.ts';
import { InactivityService } from './modules/inactivity/inactivity.service.ts';
import type { EnrollmentsService } from './modules/enrollment/enrollments.service.ts';
import type { InvitationsService } from './modules/invitations/invitations.service.ts';
import type { OutboxService } from './modules/notifications/outbox.service.ts';
import type { ActivationService } from './modules/onboarding/activation.service.ts';
import type { OrganizationsService } from './modules/organizations/organizations.service.ts';
import type { RolesService } from './modules/roles/roles.service.ts';
import type { SeatsService } from './modules/seats/seats.service.ts';
import type { TenantSettingsService } from './modules/tenants/tenant-settings.service.ts';

/** The part of the composition root for lifecycle in bulk: bulk actions, export and inactivity (docs/LIFECYCLE.md). */
export function createLifecycleServices(d: {
  db: Db;
  accountsRepo: AccountsRepository;
  roles: RolesService;
  credentials: CredentialsService;
  audit: AuditService;
  seats: SeatsService;
  organizations: OrganizationsService;
  activation: ActivationService;
  invitations: InvitationsService;
  enrollments: EnrollmentsService;
  accountSearch: AccountSearchService;
  batch: AccountBatchService;
  tenantSettings: TenantSettingsService;
  jobQueue: JobQueue;
  emailTemplates: EmailTemplatesService;
  outbox: OutboxService;
  auth: AuthService;
  clock: Clock;
  ids: IdSource;
  loginUrl: string;
}): { bulkActions: BulkActionsService; inactivity: InactivityService; accountExport: AccountExportService; jobHandlers: JobHandlers } {
  const bulkRepo = new BulkActionsRepository();
  const handlers = bulkActionHandlers({
    writes: new AccountBulkWrites(d.accountsRepo, d.roles, d.credentials, d.audit, d.clock, d.seats),
    orgs: d.organizations,
    roles: d.roles,
    audit: d.audit,
    activation: d.activation,
    invitations: d.invitations,
    seats: d.seats,
    enrollments: d.enrollments,
  });
  const bulkActions = new BulkActionsService(
    d.db,
    bulkRepo,
    handlers,
    d.accountSearch,
    d.batch,
    d.organizations,
    d.tenantSettings,
    d.audit,
    d.jobQueue,
    d.clock,
    d.ids,
  );
  const inactivity = new InactivityService(
    d.db,
    new InactivityRepository(),
    d.organizations,
    d.tenantSettings,
    bulkActions,
    d.emailTemplates,
    d.outbox,
    d.audit,
    d.jobQueue,
    d.clock,
    d.loginUrl,
  );
  return {
    bulkActions,
    inactivity,
    accountExport: new AccountExportService(d.accountSearch),
    jobHandlers: {
      ...inactivityJobHandlers(inactivity),
      ...bulkActionJobHandlers({
        bulk: bulkActions,
        runner: new BulkRunService(d.db, bulkRepo, handlers, d.accountSearch, d.batch, d.roles, d.audit, d.clock),
        loadActor: async (accountId, source) => (await d.auth.actorOfAccount(accountId, source))?.actor,
        fail: (trx, id, message) => bulkActions.failFromJob(trx, id, message),
      }),
    },
  };
}

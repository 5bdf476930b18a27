import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/connection.ts';
import { systemClock, systemIds, type Clock, type IdSource } from './platform/clock.ts';
import { AccountSearchService } from './modules/accounts/account-search.service.ts';
import { AccountsRepository } from './modules/accounts/accounts.repository.ts';
import { AccountsService } from './modules/accounts/accounts.service.ts';
import { DuplicatesService } from './modules/accounts/duplicates.service.ts';
import { AuditRepository } from './modules/audit/audit.repository.ts';
import { AuditService } from './modules/audit/audit.service.ts';
import { AuthService } from './modules/auth/auth.service.ts';
import { CredentialsRepository } from './modules/auth/credentials.repository.ts';
import { CredentialsService } from './modules/auth/credentials.service.ts';
import { argon2Hasher, type PasswordHasher } from './modules/auth/password-hasher.ts';
import { SessionsRepository } from './modules/auth/sessions.repository.ts';
import { ThrottleRepository } from './modules/auth/throttle.repository.ts';
import { ThrottleService } from './modules/auth/throttle.service.ts';
import { SignInThrottle } from './modules/auth/sign-in-throttle.ts';
import { BootstrapService } from './modules/bootstrap/bootstrap.service.ts';
import { OrganizationsRepository } from './modules/organizations/organizations.repository.ts';
import { OrganizationsService, type TenantInitializer } from './modules/organizations/organizations.service.ts';
import { RolesRepository } from './modules/roles/roles.repository.ts';
import { RolesService } from './modules/roles/roles.service.ts';
import { RoleCatalogService } from './modules/roles/role-catalog.service.ts';
import { RoleGrantsService } from './modules/roles/role-grants.service.ts';
import { GroupsRepository } from './modules/groups/groups.repository.ts';
import { GroupsService } from './modules/groups/groups.service.ts';
import { InvitationAcceptanceService } from './modules/invitations/invitation-acceptance.service.ts';
import { InvitationsRepository } from './modules/invitations/invitations.repository.ts';
import { InvitationsService } from './modules/invitations/invitations.service.ts';
import { TokensRepository } from './modules/tokens/tokens.repository.ts';
import { TokensService } from './modules/tokens/tokens.service.ts';
import { JobQueue, type JobHandlers } from './jobs/index.ts';
import { AccountBatchService } from './modules/accounts/account-batch.service.ts';
import { CommitService } from './modules/imports/commit.service.ts';
import { FailedRowsService } from './modules/imports/failed-rows.service.ts';
import { importJobHandlers } from './modules/imports/imports.jobs.ts';
import { RefusedFileNotice } from './modules/imports/refused-file-notice.ts';
import { ImportsRepository } from './modules/imports/imports.repository.ts';
import { ImportsService } from './modules/imports/imports.service.ts';
import { PlanService } from './modules/imports/planning/plan.service.ts';
import { RollbackService } from './modules/imports/rollback.service.ts';
import { ImportTemplatesRepository } from './modules/imports/templates/templates.repository.ts';
import { ImportTemplatesService } from './modules/imports/templates/templates.service.ts';
import { OutboxRepository } from './modules/notifications/outbox.repository.ts';
import { OutboxService } from './modules/notifications/outbox.service.ts';
import { DeliveryService } from './modules/notifications/delivery.service.ts';
import { MailService } from './modules/notifications/mail.service.ts';
import { notificationJobHandlers } from './modules/notifications/notifications.jobs.ts';
import { smtpTransport } from './modules/notifications/smtp-transport.ts';
import { heldTransport, type Transport } from './modules/notifications/transport.ts';
import { EmailTemplatesRepository } from './modules/email-templates/email-templates.repository.ts';
import { EmailTemplatesService } from './modules/email-templates/email-templates.service.ts';
import { ActivationService } from './modules/onboarding/activation.service.ts';
import { linkStillLive } from './modules/onboarding/link-check.ts';
import { onboardingJobHandlers } from './modules/onboarding/onboarding.jobs.ts';
import { OneTimeTokensRepository } from './modules/onboarding/one-time-tokens.repository.ts';
import { PasswordResetService } from './modules/onboarding/password-reset.service.ts';
import { RegistrationService } from './modules/onboarding/registration.service.ts';
import { WelcomeService } from './modules/onboarding/welcome.service.ts';
import { TenantSettingsService } from './modules/tenants/tenant-settings.service.ts';
import { TenantsRepository } from './modules/tenants/tenants.repository.ts';
import type { BulkActionsService } from './modules/bulk-actions/bulk-actions.service.ts';
import { SeatsRepository } from './modules/seats/seats.repository.ts';
import { SeatsService } from './modules/seats/seats.service.ts';
import { SeatWarnings } from './modules/seats/seat-warnings.ts';
import type { AccountExportService } from './modules/bulk-actions/export/account-export.service.ts';
import { createLifecycleServices } from './container-lifecycle.ts';
import type { InactivityService } from './modules/inactivity/inactivity.service.ts';

export interface Services {
  readonly organizations: OrganizationsService;
  readonly accounts: AccountsService;
  readonly accountSearch: AccountSearchService;
  readonly duplicates: DuplicatesService;
  readonly roles: RolesService;
  readonly roleCatalog: RoleCatalogService;
  readonly roleGrants: RoleGrantsService;
  readonly groups: GroupsService;
  readonly invitations: InvitationsService;
  readonly auth: AuthService;
  readonly tokens: TokensService;
  readonly audit: AuditService;
  readonly bootstrap: BootstrapService;
  readonly templates: ImportTemplatesService;
  readonly imports: ImportsService;
  readonly failedRows: FailedRowsService;
  readonly outbox: OutboxService;
  readonly mail: MailService;
  readonly emailTemplates: EmailTemplatesService;
  readonly tenantSettings: TenantSettingsService;
  readonly activation: ActivationService;
  readonly registration: RegistrationService;
  readonly passwordReset: PasswordResetService;
  /** Where messages go: SMTP, or held in the outbox. Close it at shutdown. */
  readonly mailTransport: Transport;
  readonly jobQueue: JobQueue;
  readonly bulkActions: BulkActionsService;
  readonly seats: SeatsService;
  readonly inactivity: InactivityService;
  readonly accountExport: AccountExportService;
  /** Background job handlers by type, for the job runner. */
  readonly jobHandlers: JobHandlers;
}

export interface Overrides {
  clock?: Clock;
  ids?: IdSource;
  hasher?: PasswordHasher;
  mailTransport?: Transport;
}

export type ServicesConfig = Pick<Config, 'sessionTtlHours'> & Partial<Pick<Config, 'publicUrl' | 'port' | 'smtpUrl' | 'mailFrom'>>;

/** Composition root: repositories into services, every dependency passed explicitly. */
export function createServices(database: DatabaseHandle, config: ServicesConfig, overrides: Overrides = {}): Services {
  const { db } = database;
  const clock = overrides.clock ?? systemClock;
  const ids = overrides.ids ?? systemIds;
  const hasher = overrides.hasher ?? argon2Hasher;
  const loginUrl = config.publicUrl ?? `http://localhost:${config.port ?? 3000}`;
  const mailTransport = overrides.mailTransport ?? (config.smtpUrl ? smtpTransport(config.smtpUrl) : heldTransport);
  const audit = new AuditService(db, new AuditRepository(), clock, ids);
  const outboxRepo = new OutboxRepository();
  const jobQueue = new JobQueue({ clock, ids });
  const outbox = new OutboxService(outboxRepo, jobQueue, clock, ids);

  const accountsRepo = new AccountsRepository();
  const emailTemplates = new EmailTemplatesService(db, new EmailTemplatesRepository(), audit, clock, ids);
  const tenantSettings = new TenantSettingsService(db, new TenantsRepository(), audit);
  const oneTimeTokens = new OneTimeTokensRepository();
  const welcomes = new WelcomeService(emailTemplates, outbox, oneTimeTokens, clock, ids, loginUrl);
  const sessionsRepo = new SessionsRepository();
  const rolesRepo = new RolesRepository();
  const roles = new RolesService(rolesRepo, audit, clock, ids);
  const tenantInitializers: TenantInitializer[] = [(trx, tenantId) => roles.createDefaultCatalog(trx, tenantId)];
  const organizations = new OrganizationsService(db, new OrganizationsRepository(), tenantInitializers, audit, clock, ids);
  const templates = new ImportTemplatesService(db, new ImportTemplatesRepository(), organizations, audit, clock, ids);
  tenantInitializers.push((trx, tenantId) => templates.createDefaults(trx, tenantId));
  const tokens = new TokensService(db, new TokensRepository(), audit, clock, ids);
  const credentials = new CredentialsService(new CredentialsRepository(), sessionsRepo, tokens, hasher, clock, tenantSettings, db);
  const accounts = new AccountsService(db, accountsRepo, organizations, roles, credentials, audit, welcomes, tenantSettings, clock, ids);
  const groups = new GroupsService(db, new GroupsRepository(), organizations, accounts, audit, clock, ids);
  accounts.useDefaultGroups(groups);
  const seatsRepo = new SeatsRepository();
  const seats = new SeatsService(
    db,
    seatsRepo,
    organizations,
    new SeatWarnings(seatsRepo, emailTemplates, outbox, organizations, tenantSettings, loginUrl),
    audit,
    clock,
    ids,
  );
  accounts.useSeats(seats);
  const throttle = new ThrottleService(db, new ThrottleRepository(), clock);
  const auth = new AuthService(
    db,
    accounts,
    roles,
    credentials,
    sessionsRepo,
    tokens,
    new SignInThrottle(throttle),
    audit,
    clock,
    ids,
    config.sessionTtlHours,
  );

  const importsRepo = new ImportsRepository();
  const batch = new AccountBatchService(accountsRepo, roles, credentials, audit, welcomes, clock, ids);
  const activation = new ActivationService(db, accounts, oneTimeTokens, jobQueue, welcomes, tenantSettings, audit, clock);
  const invitationsRepo = new InvitationsRepository();
  const acceptance = new InvitationAcceptanceService(
    invitationsRepo,
    accounts,
    organizations,
    roles,
    groups,
    welcomes,
    tenantSettings,
    audit,
    clock,
  );
  const registration = new RegistrationService(db, accounts, oneTimeTokens, credentials, auth, tenantSettings, audit, clock, acceptance);
  const passwordReset = new PasswordResetService(
    db,
    accounts,
    oneTimeTokens,
    credentials,
    auth,
    throttle,
    emailTemplates,
    activation,
    outbox,
    tenantSettings,
    audit,
    clock,
    ids,
    loginUrl,
  );
  const imports = new ImportsService(db, importsRepo, organizations, templates, audit, jobQueue, clock, ids);
  const delivery = new DeliveryService(
    db,
    outboxRepo,
    mailTransport,
    config.mailFrom ?? 'Registrar <no-reply@localhost>',
    clock,
    linkStillLive(db, oneTimeTokens, clock),
  );
  const accountSearch = new AccountSearchService(db, accountsRepo, organizations, roles);
  const invitations = new InvitationsService(
    db,
    invitationsRepo,
    accounts,
    organizations,
    roles,
    groups,
    welcomes,
    tenantSettings,
    audit,
    clock,
    ids,
  );
  const lifecycle = createLifecycleServices({
    db,
    accountsRepo,
    roles,
    credentials,
    audit,
    seats,
    organizations,
    activation,
    invitations,
    accountSearch,
    batch,
    tenantSettings,
    jobQueue,
    emailTemplates,
    outbox,
    auth,
    clock,
    ids,
    loginUrl,
  });
  const jobHandlers = {
    ...lifecycle.jobHandlers,
    ...notificationJobHandlers(delivery),
    ...onboardingJobHandlers(activation),
    ...importJobHandlers({
      imports,
      plan: new PlanService(
        db,
        importsRepo,
        organizations,
        roles,
        batch,
        credentials,
        tenantSettings,
        clock,
        new RefusedFileNotice(emailTemplates, outbox, organizations, tenantSettings, loginUrl),
      ),
      commit: new CommitService(
        db,
        importsRepo,
        batch,
        organizations,
        roles,
        credentials,
        outbox,
        tenantSettings,
        emailTemplates,
        clock,
        ids,
        loginUrl,
        seats,
      ),
      rollback: new RollbackService(db, importsRepo, batch, roles, welcomes, clock),
      loadActor: async (accountId) => (accountId ? auth.actorOfAccount(accountId, 'import') : undefined),
    }),
  };
  return {
    organizations,
    accounts,
    accountSearch,
    duplicates: new DuplicatesService(db, accountsRepo, organizations),
    roles,
    roleCatalog: new RoleCatalogService(db, rolesRepo, organizations, audit, clock, ids),
    roleGrants: new RoleGrantsService(db, accounts, organizations, roles),
    groups,
    invitations,
    auth,
    tokens,
    audit,
    bootstrap: new BootstrapService(db, organizations, accounts, ids),
    templates,
    imports,
    failedRows: new FailedRowsService(db, importsRepo, imports),
    outbox,
    mail: new MailService(db, outboxRepo, mailTransport.delivers, outbox, audit),
    emailTemplates,
    tenantSettings,
    activation,
    registration,
    passwordReset,
    mailTransport,
    jobQueue,
    bulkActions: lifecycle.bulkActions,
    seats,
    inactivity: lifecycle.inactivity,
    accountExport: lifecycle.accountExport,
    jobHandlers,
  };
}

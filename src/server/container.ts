import type { Config } from './config.ts';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseHandle } from './db/connection.ts';
import { systemClock, systemIds, type Clock, type IdSource } from './platform/clock.ts';
import { Metrics } from './platform/metrics.ts';
import { HealthRepository } from './modules/health/health.repository.ts';
import { HealthService } from './modules/health/health.service.ts';
import { systemActor } from './platform/actor.ts';
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
import { JobThreads } from './jobs/in-worker-thread.ts';
import { AccountBatchService } from './modules/accounts/account-batch.service.ts';
import { CommitService, commitBatchSize, threadBatchSize } from './modules/imports/commit.service.ts';
import { setCheckpointing } from './db/checkpoints.ts';
import { FailedRowsService } from './modules/imports/failed-rows.service.ts';
import { importJobHandlers } from './modules/imports/imports.jobs.ts';
import { ImportRetentionService, removeOldImportFilesJob } from './modules/imports/import-retention.service.ts';
import { EnrollmentRowsService } from './modules/imports/enrollment-rows/enrollment-rows.service.ts';
import { EnrollmentPreviewService } from './modules/enrollment/enrollment-preview.service.ts';
import { RefusedFileNotice } from './modules/imports/refused-file-notice.ts';
import { ImportsRepository } from './modules/imports/imports.repository.ts';
import { ImportsService } from './modules/imports/imports.service.ts';
import { PlanService, planBatchSize } from './modules/imports/planning/plan.service.ts';
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
import { PasswordHelpService } from './modules/onboarding/password-help.service.ts';
import { MySessionsService } from './modules/auth/my-sessions.service.ts';
import { OrgTreeRepository } from './modules/organizations/org-tree.repository.ts';
import { OrgTreeService } from './modules/organizations/org-tree.service.ts';
import { RegistrationService } from './modules/onboarding/registration.service.ts';
import { WelcomeService } from './modules/onboarding/welcome.service.ts';
import { TenantSettingsService } from './modules/tenants/tenant-settings.service.ts';
import { TenantsRepository } from './modules/tenants/tenants.repository.ts';
import { BulkEnrollmentService } from './modules/enrollment/bulk-enrollment.service.ts';
import { CatalogRepository } from './modules/enrollment/catalog.repository.ts';
import { CatalogService } from './modules/enrollment/catalog.service.ts';
import { EnrollmentNotices } from './modules/enrollment/enrollment-notices.ts';
import { enrollmentJobHandlers } from './modules/enrollment/enrollments.jobs.ts';
import { EnrollmentsRepository } from './modules/enrollment/enrollments.repository.ts';
import { EnrollmentsService } from './modules/enrollment/enrollments.service.ts';
import { LearningPathsService } from './modules/enrollment/learning-paths.service.ts';
import { PathEnrollmentService } from './modules/enrollment/path-enrollment.service.ts';
import { RostersService } from './modules/enrollment/rosters.service.ts';
import { SectionSeatsService } from './modules/enrollment/section-seats.service.ts';
import { createRequestServices, type RequestServices } from './container-requests.ts';
import { ScimAccountsService } from './modules/accounts/scim-accounts.service.ts';
import { ScimAuthService } from './modules/auth/scim-auth.service.ts';
import { ScimGroupsService } from './modules/groups/scim-groups.service.ts';
import { ScimTokensService } from './modules/tokens/scim-tokens.service.ts';
import type { BulkActionsService } from './modules/bulk-actions/bulk-actions.service.ts';
import { SeatsRepository } from './modules/seats/seats.repository.ts';
import { SeatsService } from './modules/seats/seats.service.ts';
import { SeatWarnings } from './modules/seats/seat-warnings.ts';
import type { AccountExportService } from './modules/bulk-actions/export/account-export.service.ts';
import { createLifecycleServices } from './container-lifecycle.ts';
import type { InactivityService } from './modules/inactivity/inactivity.service.ts';

export interface Services extends RequestServices {
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
  readonly importRetention: ImportRetentionService;
  readonly outbox: OutboxService;
  readonly mail: MailService;
  readonly emailTemplates: EmailTemplatesService;
  readonly tenantSettings: TenantSettingsService;
  readonly activation: ActivationService;
  readonly registration: RegistrationService;
  readonly passwordReset: PasswordResetService;
  readonly catalog: CatalogService;
  readonly learningPaths: LearningPathsService;
  readonly enrollments: EnrollmentsService;
  readonly rosters: RostersService;
  readonly bulkEnrollment: BulkEnrollmentService;
  readonly passwordHelp: PasswordHelpService;
  readonly mySessions: MySessionsService;
  readonly orgTree: OrgTreeService;
  /** Where messages go: SMTP, or held in the outbox. Close it at shutdown. */
  readonly mailTransport: Transport;
  /** Ends the worker threads kept for large jobs (a stopping process; tests closing their database). */
  closeJobThreads(): Promise<void>;
  readonly jobQueue: JobQueue;
  readonly bulkActions: BulkActionsService;
  readonly seats: SeatsService;
  readonly inactivity: InactivityService;
  readonly accountExport: AccountExportService;
  /** Background job handlers by type, for the job runner. */
  readonly jobHandlers: JobHandlers;
  readonly health: HealthService;
  /** Prometheus metrics of this process; the gauges read the queue and the outbox on each scrape. */
  readonly metrics: Metrics;
  readonly scimTokens: ScimTokensService;
  readonly scimAuth: ScimAuthService;
  readonly scimAccounts: ScimAccountsService;
  readonly scimGroups: ScimGroupsService;
}

export interface Overrides {
  clock?: Clock;
  ids?: IdSource;
  hasher?: PasswordHasher;
  mailTransport?: Transport;
  /** Counts a commit's applied rows (a worker thread passes them to its parent's metrics). */
  onImportRowsApplied?: (count: number) => void;
}

export type ServicesConfig = Pick<Config, 'sessionTtlHours'> &
  Partial<Pick<Config, 'publicUrl' | 'port' | 'smtpUrl' | 'mailFrom'>> & {
    /** Requests one SCIM token may make per minute (default 6,000). */
    scimRequestsPerMinute?: number;
    /** Set inside a job's worker thread: its jobs run where they are, never in yet another thread. */
    inWorkerThread?: boolean;
  };

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
  const outbox = new OutboxService(outboxRepo, jobQueue, clock, ids, !mailTransport.delivers);
  const metrics = new Metrics();
  metrics.useSources({ jobQueue: () => jobQueue.queueStats(db), outboxBacklog: () => outbox.backlog(db) });

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
  const groupsRepo = new GroupsRepository();
  const groups = new GroupsService(db, groupsRepo, organizations, accounts, audit, clock, ids);
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
  const imports = new ImportsService(db, importsRepo, organizations, templates, tenantSettings, audit, jobQueue, clock, ids);
  const delivery = new DeliveryService(
    db,
    outboxRepo,
    mailTransport,
    config.mailFrom ?? 'Registrar <no-reply@localhost>',
    clock,
    linkStillLive(db, oneTimeTokens, clock),
  );
  const catalogRepo = new CatalogRepository();
  const enrollmentsRepo = new EnrollmentsRepository();
  const catalog = new CatalogService(db, catalogRepo, organizations, audit, clock, ids);
  const notices = new EnrollmentNotices(emailTemplates, outbox, tenantSettings, loginUrl);
  const sectionSeats = new SectionSeatsService(enrollmentsRepo, notices, audit, clock, ids);
  const pathEnrollment = new PathEnrollmentService(enrollmentsRepo, catalogRepo, sectionSeats, audit, clock, ids);
  const learningPaths = new LearningPathsService(db, catalogRepo, catalog, organizations, audit, clock, ids);
  const accountSearch = new AccountSearchService(db, accountsRepo, organizations, roles);
  const enrollments = new EnrollmentsService(
    db,
    enrollmentsRepo,
    catalog,
    learningPaths,
    sectionSeats,
    pathEnrollment,
    accounts,
    accountSearch,
    audit,
    clock,
  );
  const bulkEnrollment = new BulkEnrollmentService(db, jobQueue, enrollments);
  catalog.useCancellation(enrollments);
  enrollments.useBulk(bulkEnrollment);
  accounts.useArchiveHook(enrollments);
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
    mailTransport.delivers,
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
    enrollments,
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
  const jobThreads = threadsFor(database, config, metrics, mailTransport.delivers);
  const importPlan = new PlanService(
    db,
    importsRepo,
    organizations,
    roles,
    accounts,
    credentials,
    tenantSettings,
    clock,
    ids,
    new RefusedFileNotice(emailTemplates, outbox, organizations, tenantSettings, loginUrl),
    config.inWorkerThread ? threadBatchSize : planBatchSize,
  );
  const importCommit = new CommitService(
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
    overrides.onImportRowsApplied ?? metrics.importRowsApplied,
    seats,
    config.inWorkerThread ? threadBatchSize : commitBatchSize,
  );
  const importRollback = new RollbackService(db, importsRepo, batch, roles, welcomes, clock);
  const importRetention = new ImportRetentionService(db, importsRepo, jobQueue, clock);
  // An enrollments template's rows go through the same engine, planned, applied and undone by the enrollment rules.
  const enrollmentRows = new EnrollmentRowsService(
    db,
    importsRepo,
    batch,
    new EnrollmentPreviewService(enrollmentsRepo, catalogRepo, catalog, clock),
    enrollments,
    clock,
  );
  importPlan.useEnrollmentRows(enrollmentRows);
  importCommit.useEnrollmentRows(enrollmentRows);
  importRollback.useEnrollmentRows(enrollmentRows);
  const jobHandlers = {
    ...enrollmentJobHandlers({
      bulk: bulkEnrollment,
      loadActor: async (accountId, source) => (await auth.actorOfAccount(accountId, source))?.actor,
      systemActor: () => systemActor('system'),
    }),
    ...lifecycle.jobHandlers,
    ...notificationJobHandlers(delivery),
    ...onboardingJobHandlers(activation),
    [removeOldImportFilesJob]: async () => importRetention.removeOldFiles(),
    ...importJobHandlers({
      imports,
      plan: importPlan,
      commit: importCommit,
      rollback: importRollback,
      loadActor: async (accountId) => (accountId ? auth.actorOfAccount(accountId, 'import') : undefined),
      inWorkerThread: jobThreads ? (ctx, then) => jobThreads.run(ctx, then) : undefined,
    }),
  };
  const duplicates = new DuplicatesService(db, accountsRepo, organizations);
  return {
    ...createRequestServices({
      db,
      accounts,
      duplicates,
      organizations,
      roles,
      tenantSettings,
      emailTemplates,
      outbox,
      passwordReset,
      throttle,
      audit,
      clock,
      ids,
      publicUrl: loginUrl,
    }),
    organizations,
    accounts,
    accountSearch,
    duplicates,
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
    importRetention,
    outbox,
    mail: new MailService(db, outboxRepo, mailTransport.delivers, outbox, audit),
    emailTemplates,
    tenantSettings,
    activation,
    registration,
    passwordReset,
    catalog,
    learningPaths,
    enrollments,
    rosters: new RostersService(db, enrollmentsRepo, catalogRepo, catalog, accounts),
    bulkEnrollment,
    passwordHelp: new PasswordHelpService(
      db,
      accounts,
      passwordReset,
      credentials,
      auth,
      tenantSettings,
      audit,
      clock,
      mailTransport.delivers,
    ),
    mySessions: new MySessionsService(db, sessionsRepo, accounts, audit, clock),
    orgTree: new OrgTreeService(db, new OrgTreeRepository(), organizations, roles, audit, clock),
    mailTransport,
    closeJobThreads: async () => jobThreads?.close(),
    jobQueue,
    bulkActions: lifecycle.bulkActions,
    seats,
    inactivity: lifecycle.inactivity,
    accountExport: lifecycle.accountExport,
    jobHandlers,
    health: new HealthService(db, new HealthRepository()),
    metrics,
    scimTokens: new ScimTokensService(db, tokens, organizations),
    scimAuth: new ScimAuthService(auth, clock, config.scimRequestsPerMinute ?? 6000),
    scimAccounts: new ScimAccountsService(db, accountsRepo, accounts, organizations, credentials, tenantSettings, audit, clock),
    scimGroups: new ScimGroupsService(db, groupsRepo, groups, accounts, audit, clock),
  };
}

/** What a job's worker thread is given to build its own services (src/server/job-thread.ts). */
export interface JobThreadConfig {
  database: Config['database'];
  services: ServicesConfig;
  /** Whether this process sends mail: the thread only queues messages, held or pending as here. */
  mailDelivers: boolean;
}

/**
 * Runs a job in a worker thread with its own connection (large import commits), or undefined where a
 * thread cannot reach the same data: an in-memory SQLite database, or inside such a thread already.
 */
function threadsFor(database: DatabaseHandle, config: ServicesConfig, metrics: Metrics, mailDelivers: boolean) {
  const { location } = database;
  if (config.inWorkerThread || (location.kind === 'sqlite' && location.file === ':memory:')) return undefined;
  // The thread's entry sits beside this file: .ts when run through tsx, .js once built.
  const entry = new URL(`./job-thread${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  // Only the services' own settings, as plain data (the caller may pass its whole configuration).
  const { sessionTtlHours, publicUrl, port, smtpUrl, mailFrom, scimRequestsPerMinute } = config;
  const services: ServicesConfig = { sessionTtlHours, publicUrl, port, smtpUrl, mailFrom, scimRequestsPerMinute };
  const threadConfig: JobThreadConfig = { database: location, services, mailDelivers };
  const threads = new JobThreads(
    { entry, config: threadConfig },
    {
      onCount: (name, count) => {
        if (name === 'importRowsApplied') metrics.importRowsApplied(count);
      },
      // The thread's connection checkpoints what it writes, off the event loop (db/checkpoints.ts).
      onWorking: (working) => setCheckpointing(database.db, !working),
    },
  );
  return threads;
}

import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  AccountRequestFormsTable,
  AccountRequestLinksTable,
  AccountRequestMessagesTable,
  AccountRequestsTable,
  AccountRequestTagsTable,
  ResponseTemplatesTable,
} from './schema-requests.ts';

export type {
  AccountRequestFormsTable,
  AccountRequestLinksTable,
  AccountRequestMessagesTable,
  AccountRequestsTable,
  AccountRequestTagsTable,
  ResponseTemplatesTable,
};

/* Table types as the application sees them (camelCase; CamelCasePlugin maps to snake_case columns). */

export interface TenantsTable {
  id: string;
  name: string;
  settings: string;
  createdAt: string;
}

export interface OrganizationsTable {
  id: string;
  tenantId: string;
  parentId: string | null;
  name: string;
  kind: string;
  path: string;
  depth: number;
  createdAt: string;
  updatedAt: string;
}

export interface RolesTable {
  id: string;
  tenantId: string;
  key: string;
  label: string;
  orgKinds: string;
  permissions: string;
  mayGrant: string;
  mayInvite: string;
  bulkCreatable: number;
  perOrgLimitMax: number | null;
  perOrgLimitMode: string | null;
  /** Retired roles keep their holders and take no new ones. */
  retiredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AccountsTable {
  id: string;
  tenantId: string;
  orgId: string;
  username: string;
  usernameKey: string;
  email: string;
  emailKey: string;
  emailDomain: string;
  firstName: string;
  lastName: string;
  firstNameKey: string;
  lastNameKey: string;
  firstNameSound: string;
  lastNameSound: string;
  status: string;
  affiliation: string | null;
  employeeType: string | null;
  dateHire: string | null;
  dateTransfer: string | null;
  jobTitle: string | null;
  department: string | null;
  externalId: string | null;
  trainingManager: number;
  supervisor: number;
  isGlobalAdmin: number;
  extra: string;
  lastActivityAt: string | null;
  archivedAt: string | null;
  /** Where the people this account invites land, unless an invitation names another group. */
  defaultGroupId: string | null;
  version: Generated<number>;
  /** The identity provider's id for the person (SCIM `externalId`); null outside SCIM. */
  scimExternalId: string | null;
  /** When SCIM deleted the account: archived, kept, and no longer shown to SCIM. */
  scimDeletedAt: string | null;
  /** The account of the actor who created it (null: made by the system, or before this was recorded). */
  createdBy: string | null;
  /** The import that created it and the line of that import's file; null for other creations. */
  createdByImportId: string | null;
  createdByImportLine: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface RoleAssignmentsTable {
  id: string;
  tenantId: string;
  accountId: string;
  roleId: string;
  orgId: string;
  createdAt: string;
}

export interface CredentialsTable {
  accountId: string;
  passwordHash: string;
  mustChangePassword: number;
  temporaryExpiresAt: string | null;
  passwordChangedAt: string;
}

export interface OneTimeTokensTable {
  id: string;
  tenantId: string;
  accountId: string | null;
  purpose: string;
  tokenHash: string;
  expiresAt: string;
  usedAt: string | null;
  createdAt: string;
}

export interface SessionsTable {
  id: string;
  accountId: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  clientIp: string | null;
  userAgent: string | null;
}

export interface ApiTokensTable {
  id: string;
  tenantId: string;
  accountId: string;
  name: string;
  tokenHash: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** 'api' (the REST API) or 'scim' (only /scim/v2). */
  kind: Generated<string>;
  /** SCIM tokens: the organization where new users land. */
  landingOrgId: string | null;
}

export interface AuthThrottleTable {
  key: string;
  failures: number;
  windowStartedAt: string;
  lockedUntil: string | null;
}

export interface AuditEventsTable {
  id: string;
  tenantId: string | null;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  orgPath: string | null;
  before: string | null;
  after: string | null;
  source: string;
  requestId: string | null;
  jobId: string | null;
}

export interface ImportTemplatesTable {
  id: string;
  tenantId: string;
  key: string;
  label: string;
  definition: string;
  createdAt: string;
  updatedAt: string;
}

export interface ImportsTable {
  id: string;
  tenantId: string;
  orgId: string;
  orgPath: string;
  templateKey: string;
  template: string;
  mode: string;
  status: string;
  fileName: string;
  fileSize: number;
  checksum: string;
  uploadedBy: string | null;
  uploadedByLabel: string;
  counts: string;
  rowsDone: number;
  /** Every row up to this line is applied (see the import-watermark migration). */
  committedThrough: number;
  format: string | null;
  error: string | null;
  planJobId: string | null;
  commitJobId: string | null;
  createdAt: string;
  startedAt: string | null;
  plannedAt: string | null;
  committedAt: string | null;
  finishedAt: string | null;
  rolledBackAt: string | null;
  /** What a rollback did (JSON counts), once it ran. */
  rollback: string | null;
  /** Columns a lenient template did not know and left unread (JSON array); null when none. */
  ignoredColumns: string | null;
  /** 1 while the stored rows may hold temporary passwords; 0 once the plan found no Password column. */
  holdsPasswords: number;
}

export interface ImportFilesTable {
  importId: string;
  seq: number;
  data: Buffer;
}

export interface ImportRowsTable {
  importId: string;
  line: number;
  emailKey: string | null;
  /** The email as the file wrote it, for display. */
  email: string | null;
  /** The outcome the plan expects: created, updated, unchanged, archived, reactivated or failed. */
  planned: string;
  /** What happened when committed (null until then). */
  outcome: string | null;
  reason: string | null;
  message: string | null;
  accountId: string | null;
  expectedVersion: number | null;
  orgId: string | null;
  roleId: string | null;
  /** The row's cleaned values (JSON). */
  values: string | null;
  /** Account columns the row sets (JSON), computed by the plan. */
  changes: string | null;
  /** Those columns' values before the commit (JSON), for rollback. */
  previous: string | null;
  applied: number;
  /** The role the row names, as written (the log's "Type"). */
  type: string | null;
}

export interface OutboxTable {
  id: string;
  tenantId: string | null;
  kind: string;
  recipient: string;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  payload: string;
  dedupeKey: string;
  /** pending → sending → sent; held (no SMTP configured); failed (gave up after the attempt limit). */
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  /** While `sending`: until when this delivery attempt holds the message. */
  leaseUntil?: string | null;
  providerMessageId?: string | null;
  updatedAt?: string | null;
}

/** A tenant's own wording of one email; the built-in text applies where there is no row. */
export interface EmailTemplatesTable {
  id: string;
  tenantId: string;
  key: string;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface GroupsTable {
  id: string;
  tenantId: string;
  orgId: string;
  name: string;
  nameKey: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface GroupMembersTable {
  groupId: string;
  accountId: string;
  addedAt: string;
}

/** What an invited account was invited to; the account itself (status `invited`) is the invitation. */
export interface InvitationsTable {
  id: string;
  tenantId: string;
  accountId: string;
  orgId: string;
  orgPath: string;
  roleId: string;
  groupId: string | null;
  invitedBy: string | null;
  invitedByLabel: string;
  message: string | null;
  createdAt: string;
  /** When the newest link expires (a resend moves it). */
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

export interface CoursesTable {
  id: string;
  tenantId: string;
  /** The offering organization: the course is seen and enrolled into from its subtree. */
  orgId: string;
  orgPath: string;
  code: string;
  codeKey: string;
  title: string;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SectionsTable {
  id: string;
  tenantId: string;
  courseId: string;
  orgId: string;
  orgPath: string;
  code: string;
  codeKey: string;
  startsAt: string | null;
  endsAt: string | null;
  location: string | null;
  online: number;
  capacity: number;
  enrollOpensAt: string | null;
  enrollClosesAt: string | null;
  /** open | cancelled */
  status: string;
  /** The last waitlist position handed out (arrival order). */
  waitlistSeq: number;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
}

export interface LearningPathsTable {
  id: string;
  tenantId: string;
  orgId: string;
  orgPath: string;
  code: string;
  codeKey: string;
  title: string;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface LearningPathCoursesTable {
  pathId: string;
  position: number;
  courseId: string;
}

export interface PathEnrollmentsTable {
  id: string;
  tenantId: string;
  accountId: string;
  pathId: string;
  /** active | withdrawn */
  status: string;
  forced: number;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One account in one section, with its whole life on the row (the profile's history). */
export interface EnrollmentsTable {
  id: string;
  tenantId: string;
  accountId: string;
  sectionId: string;
  courseId: string;
  orgPath: string;
  pathEnrollmentId: string | null;
  /** enrolled | waitlisted | withdrawn | completed */
  status: string;
  waitlistPosition: number | null;
  forced: number;
  reason: string | null;
  enrolledBy: string | null;
  enrolledByLabel: string;
  createdAt: string;
  updatedAt: string;
  enrolledAt: string | null;
  waitlistedAt: string | null;
  withdrawnAt: string | null;
  /** withdrawn (by an administrator), archived (the account), section_cancelled */
  withdrawnBecause: string | null;
  completedAt: string | null;
}

/** A bulk action: what to do to which selection, who asked, and how far it got. */
export interface BulkActionsTable {
  id: string;
  tenantId: string;
  action: string;
  /** The action's parameters (JSON: role, destination, format). */
  params: string;
  /** The selection as sent (JSON: `{ filter }` or `{ accountIds }`). */
  selection: string;
  expectedCount: number;
  /** queued → selecting → running → completed | failed; completed → undoing → undone. */
  status: string;
  total: number;
  /** JSON counts: succeeded, failed, skipped, undone, notUndone. */
  counts: string;
  requestedBy: string | null;
  requestedByLabel: string;
  undoneBy: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  undoneAt: string | null;
}

/** One selected account of a bulk action, numbered in selection order. */
export interface BulkActionItemsTable {
  bulkActionId: string;
  seq: number;
  accountId: string;
  /** Name and email when selected, so the results read well even once the account has moved away. */
  label: string;
  /** pending, succeeded, failed or skipped. */
  outcome: string;
  reason: string | null;
  message: string | null;
  /** What undo needs (JSON): the values before and the account's version after. */
  previous: string | null;
  /** What undo did (JSON `{ done, reason?, message }`); null until undone. */
  undo: string | null;
}

export interface SeatContractsTable {
  id: string;
  tenantId: string;
  orgId: string;
  orgPath: string;
  seats: number;
  startsOn: string;
  endsOn: string;
  /** Percent of the seats at which the organization's administrators are warned. */
  warnAt: number;
  mode: string;
  /** When the warning for the current crossing went out; cleared when usage falls back below. */
  warnedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SeatSnapshotsTable {
  contractId: string;
  day: string;
  active: number;
  invited: number;
  seats: number;
}

/** The notice an account got for its current period of inactivity. */
export interface InactivityNoticesTable {
  accountId: string;
  /** When the period began (last activity, or creation); a new period means a new notice. */
  inactiveSince: string;
  noticedAt: string;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'held' | 'failed' | 'cancelled';

export interface Database {
  tenants: TenantsTable;
  organizations: OrganizationsTable;
  roles: RolesTable;
  accounts: AccountsTable;
  roleAssignments: RoleAssignmentsTable;
  credentials: CredentialsTable;
  oneTimeTokens: OneTimeTokensTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  authThrottle: AuthThrottleTable;
  auditEvents: AuditEventsTable;
  importTemplates: ImportTemplatesTable;
  imports: ImportsTable;
  importFiles: ImportFilesTable;
  importRows: ImportRowsTable;
  outbox: OutboxTable;
  emailTemplates: EmailTemplatesTable;
  groups: GroupsTable;
  groupMembers: GroupMembersTable;
  invitations: InvitationsTable;
  courses: CoursesTable;
  sections: SectionsTable;
  learningPaths: LearningPathsTable;
  learningPathCourses: LearningPathCoursesTable;
  pathEnrollments: PathEnrollmentsTable;
  enrollments: EnrollmentsTable;
  accountRequests: AccountRequestsTable;
  accountRequestMessages: AccountRequestMessagesTable;
  accountRequestLinks: AccountRequestLinksTable;
  accountRequestTags: AccountRequestTagsTable;
  accountRequestForms: AccountRequestFormsTable;
  responseTemplates: ResponseTemplatesTable;
  bulkActions: BulkActionsTable;
  bulkActionItems: BulkActionItemsTable;
  seatContracts: SeatContractsTable;
  seatSnapshots: SeatSnapshotsTable;
  inactivityNotices: InactivityNoticesTable;
}

export type OrganizationRow = Selectable<OrganizationsTable>;
export type AccountRow = Selectable<AccountsTable>;
export type NewAccountRow = Insertable<AccountsTable>;
export type AccountUpdate = Updateable<AccountsTable>;
export type RoleRow = Selectable<RolesTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type ImportRow = Selectable<ImportsTable>;
export type ImportRowResult = Selectable<ImportRowsTable>;
export type GroupRow = Selectable<GroupsTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type CourseRow = Selectable<CoursesTable>;
export type SectionRow = Selectable<SectionsTable>;
export type LearningPathRow = Selectable<LearningPathsTable>;
export type EnrollmentRow = Selectable<EnrollmentsTable>;
export type PathEnrollmentRow = Selectable<PathEnrollmentsTable>;
export type BulkActionRow = Selectable<BulkActionsTable>;
export type BulkActionItemRow = Selectable<BulkActionItemsTable>;
export type SeatContractRow = Selectable<SeatContractsTable>;

/* Table types of account requests and response templates (beside schema.ts, which names them in Database). */

/** One person asking for an account; org_path is the organization named, or the tenant's root. */
export interface AccountRequestsTable {
  id: string;
  tenantId: string;
  number: number;
  orgId: string | null;
  orgPath: string;
  orgText: string | null;
  firstName: string;
  lastName: string;
  email: string;
  roleWanted: string | null;
  programme: string | null;
  message: string | null;
  searchText: string;
  status: string;
  assigneeId: string | null;
  redirectedToId: string | null;
  accountId: string | null;
  createdAt: string;
  updatedAt: string;
  firstAnsweredAt: string | null;
  resolvedAt: string | null;
  firstAnswerSeconds: number | null;
  resolutionSeconds: number | null;
}

export interface AccountRequestMessagesTable {
  id: string;
  requestId: string;
  /** requester, reply (emailed), note (staff only), event (a change, shown in the thread). */
  kind: string;
  authorId: string | null;
  authorLabel: string;
  subject: string | null;
  body: string;
  templateKey: string | null;
  createdAt: string;
}

export interface AccountRequestLinksTable {
  id: string;
  requestId: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
}

export interface AccountRequestTagsTable {
  requestId: string;
  tenantId: string;
  tag: string;
}

export interface AccountRequestFormsTable {
  tenantId: string;
  slug: string | null;
  /** JSON: which fields the form asks, whether it lists organizations, its introduction. */
  settings: string;
  updatedAt: string;
}

export interface ResponseTemplatesTable {
  id: string;
  tenantId: string;
  key: string;
  label: string;
  subject: string;
  body: string;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

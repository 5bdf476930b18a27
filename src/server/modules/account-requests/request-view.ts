import type { AccountRequest, RequestMessage, RequestStatus } from '../../../common/schemas/account-requests.ts';
import type { MessageRow, RequestWithNames } from './account-requests.repository.ts';

/** Whole seconds from one instant to another (null while the second has not happened). */
export const secondsBetween = (from: string, to: string | null) =>
  to === null ? null : Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

const ref = (id: string | null, name: string | null) => (id ? { id, name: (name ?? '').trim() || id } : null);

/** A stored request as the API shows it, with the times the help desk is measured by. */
export function toAccountRequest(row: RequestWithNames, tags: readonly string[]): AccountRequest {
  return {
    id: row.id,
    number: Number(row.number),
    tenantId: row.tenantId,
    status: row.status as RequestStatus,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    orgId: row.orgId,
    orgName: row.orgName,
    organizationText: row.orgText,
    roleWanted: row.roleWanted,
    programme: row.programme,
    message: row.message,
    tags: [...tags],
    assignee: ref(row.assigneeId, row.assigneeName),
    redirectedTo: ref(row.redirectedToId, row.redirectedToName),
    account: ref(row.accountId, row.accountName),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    firstAnsweredAt: row.firstAnsweredAt,
    resolvedAt: row.resolvedAt,
    firstAnswerSeconds: row.firstAnswerSeconds === null ? null : Number(row.firstAnswerSeconds),
    resolutionSeconds: row.resolutionSeconds === null ? null : Number(row.resolutionSeconds),
  };
}

export function toRequestMessage(row: MessageRow): RequestMessage {
  return {
    id: row.id,
    kind: row.kind as RequestMessage['kind'],
    authorLabel: row.authorLabel,
    subject: row.subject,
    body: row.body,
    templateKey: row.templateKey,
    createdAt: row.createdAt,
  };
}

/** Lowercased words `q` searches: names, email, the organization typed, the role wanted and programme. */
export function searchTextOf(parts: readonly (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => Boolean(p))
    .join(' ')
    .toLowerCase();
}

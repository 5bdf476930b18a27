import type { Invitation, InvitationStatus } from '../../../common/schemas/invitations.ts';
import type { InvitationWithDetails } from './invitations.repository.ts';

/** Revoked and accepted are recorded; pending and expired follow the invited account's status. */
export function invitationStatus(row: InvitationWithDetails, now: string): InvitationStatus {
  if (row.revokedAt) return 'revoked';
  if (row.acceptedAt || row.accountStatus === 'active') return 'accepted';
  if (row.accountStatus === 'expired' || row.expiresAt <= now) return 'expired';
  return 'pending';
}

export function toInvitation(row: InvitationWithDetails, now: string): Invitation {
  return {
    id: row.id,
    status: invitationStatus(row, now),
    expiresAt: row.expiresAt,
    accountId: row.accountId,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    orgId: row.orgId,
    orgName: row.orgName,
    role: row.roleKey,
    roleLabel: row.roleLabel,
    groupId: row.groupId,
    groupName: row.groupName,
    invitedBy: { id: row.invitedBy, name: row.invitedByLabel },
    message: row.message,
    createdAt: row.createdAt,
    acceptedAt: row.acceptedAt,
    revokedAt: row.revokedAt,
  };
}

import type { BulkActionKind } from '../../../../common/schemas/bulk-actions.ts';
import type { AccountBulkWrites } from '../../accounts/account-bulk-writes.service.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import type { InvitationsService } from '../../invitations/invitations.service.ts';
import type { ActivationService } from '../../onboarding/activation.service.ts';
import type { OrganizationsService } from '../../organizations/organizations.service.ts';
import type { RolesService } from '../../roles/roles.service.ts';
import type { EnrollmentsService } from '../../enrollment/enrollments.service.ts';
import type { BulkActionHandler, SeatGate } from './action-types.ts';
import { archiveAction } from './archive-action.ts';
import { enrollAction } from './enroll-action.ts';
import { exportAction } from './export-action.ts';
import { grantRoleAction } from './grant-role-action.ts';
import { moveAction } from './move-action.ts';
import { reactivateAction } from './reactivate-action.ts';
import { resendInvitationAction } from './resend-action.ts';

/** Every bulk action by name. */
export function bulkActionHandlers(deps: {
  writes: AccountBulkWrites;
  orgs: OrganizationsService;
  roles: RolesService;
  audit: AuditService;
  activation: ActivationService;
  invitations: InvitationsService;
  seats: SeatGate;
  enrollments: EnrollmentsService;
}): Record<BulkActionKind, BulkActionHandler> {
  return {
    archive: archiveAction(deps.writes),
    reactivate: reactivateAction(deps.writes, deps.seats),
    grant_role: grantRoleAction(deps.roles, deps.orgs, deps.audit),
    move: moveAction(deps.writes, deps.orgs, deps.seats),
    resend_invitation: resendInvitationAction(deps.activation, deps.invitations),
    export: exportAction(),
    enroll: enrollAction(deps.enrollments),
  };
}

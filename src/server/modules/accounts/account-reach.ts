import { ErrorCodes } from '../../../common/error-codes.ts';
import type { Permission } from '../../../common/permissions.ts';
import { can, type Actor } from '../../platform/actor.ts';
import { forbidden } from '../../platform/errors.ts';

/** A role an account holds, where it holds it. */
export interface HeldRole {
  roleLabel: string;
  orgName: string;
  orgPath: string;
}

/**
 * Why the actor may not change this account, or null when they may. An account is only as reachable as
 * its widest role: its home organization being in reach is not enough, or a county administrator could
 * change the email of a state administrator placed in their county and take over the state through a
 * password link. A global administrator's account is changed by global administrators only.
 */
export function beyondReachReason(
  actor: Actor,
  permission: Permission,
  account: { isGlobalAdmin: number | boolean },
  held: readonly HeldRole[],
): string | null {
  if (actor.isGlobalAdmin) return null;
  if (account.isGlobalAdmin) return 'This account is a global administrator; only a global administrator can change it.';
  const outside = held.find((role) => !can(actor, permission, role.orgPath));
  if (!outside) return null;
  return `This account holds a role at ${outside.orgName}, outside your organizations; ask an administrator there.`;
}

/** Refuses (403 `account_beyond_reach`) a change to an account whose roles reach past the actor's. */
export function assertAccountWithinReach(
  actor: Actor,
  permission: Permission,
  account: { isGlobalAdmin: number | boolean },
  held: readonly HeldRole[],
): void {
  const reason = beyondReachReason(actor, permission, account, held);
  if (reason) throw forbidden(reason, ErrorCodes.accountBeyondReach);
}

/**
 * The roles an account loses when it moves to the organization at `destinationPath`: those held at an
 * organization that is neither above the new home (a state role still covers a county) nor inside it.
 * A site administrator transferred from one school to another stops administering the first one.
 */
export function rolesLostOnMove<T extends { orgPath: string }>(held: readonly T[], destinationPath: string): T[] {
  return held.filter((role) => !destinationPath.startsWith(role.orgPath) && !role.orgPath.startsWith(destinationPath));
}

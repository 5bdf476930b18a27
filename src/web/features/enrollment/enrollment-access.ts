import { Permissions } from '../../../common/permissions.ts';
import { can, useSession } from '../../app/session.ts';
import { useOrganizations } from '../organizations/useOrganizations.ts';

/** Force is offered only to those who may: enrollments.force held at a tenant's top organization (docs/ENROLLMENT.md). */
export function useMayForce(): boolean {
  const me = useSession();
  const { index } = useOrganizations();
  if (me.isGlobalAdmin) return true;
  return me.scope.some((s) => s.permissions.includes(Permissions.enrollmentsForce) && index.byId.get(s.orgId)?.parentId === null);
}

export function useMayEnroll(): boolean {
  return can(useSession(), Permissions.enrollmentsManage);
}

export function useMayManageCourses(): boolean {
  return can(useSession(), Permissions.coursesManage);
}

/** "18 of 20 · 3 waitlisted" */
export function capacityLabel(s: { enrolledCount: number; completedCount: number; capacity: number; waitlistedCount: number }): string {
  const taken = s.enrolledCount + s.completedCount;
  return `${taken} of ${s.capacity}${s.waitlistedCount ? ` · ${s.waitlistedCount} waitlisted` : ''}`;
}

import { Permissions } from '../../../common/permissions.ts';
import { can, reach, type Actor } from '../../platform/actor.ts';

/**
 * Who sees a catalog entry (course, section, learning path). An entry offered by an organization is
 * seen from that organization's whole subtree — a county administrator sees the state's courses, to
 * enroll their people into them — and by whoever reaches the organization from above. Entries of a
 * sibling county stay out of sight (404).
 */
export type CatalogRoots = 'all' | string[];

export function catalogRoots(actor: Actor): CatalogRoots {
  const byPermission = [Permissions.coursesManage, Permissions.enrollmentsManage].map((p) => reach(actor, p));
  if (byPermission.includes('all')) return 'all';
  return [...new Set(byPermission.flat() as string[])];
}

export function seesCatalogEntry(roots: CatalogRoots, orgPath: string): boolean {
  if (roots === 'all') return true;
  return roots.some((root) => orgPath.startsWith(root) || root.startsWith(orgPath));
}

/** `/t/a/b/` → [`/t/`, `/t/a/`, `/t/a/b/`]: the offering organizations whose subtree holds this one. */
export function pathAndAncestors(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

/** Creating and changing catalog entries: courses.manage over the offering organization. */
export const managesCatalogAt = (actor: Actor, orgPath: string) => can(actor, Permissions.coursesManage, orgPath);

/** Force is taken at the tenant's top organization (docs/ENROLLMENT.md, "Force"). */
export const mayForce = (actor: Actor, tenantId: string) => can(actor, Permissions.enrollmentsForce, `/${tenantId}/`);

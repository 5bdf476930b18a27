import { useSession } from '../../app/session.ts';
import { useOrganizations } from '../organizations/useOrganizations.ts';

/**
 * Usernames are changed only by a tenant's administrators (the admin role at its top organization) and
 * global administrators — the server's rule (isTenantAdministrator); everyone else is not offered the field.
 */
export function useMayChangeUsername(): boolean {
  const me = useSession();
  const { index } = useOrganizations();
  if (me.isGlobalAdmin) return true;
  return me.scope.some((s) => s.roleKey === 'admin' && index.byId.get(s.orgId)?.parentId === null);
}

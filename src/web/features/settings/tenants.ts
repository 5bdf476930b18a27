import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Organization } from '../../api/types.ts';
import { Permissions } from '../../../common/permissions.ts';
import type { Me } from '../../../common/schemas/auth.ts';
import { useSession } from '../../app/session.ts';
import { useOrganizations } from '../organizations/useOrganizations.ts';

/** The cached answer of GET /api/tenants/:id/settings (the settings page and the add-account form share it). */
export const tenantSettingsKey = (tenantId: string) => ['tenant-settings', tenantId] as const;

/** Permissions that, held at a tenant's top organization, open a part of its settings to their holder. */
const tenantLevelPermissions = [Permissions.rolesManage, Permissions.importsTemplates];

/**
 * What the signed-in person may change in a tenant's settings: everything as a global administrator or
 * as `admin` of its top organization; otherwise the parts a tenant-level permission held there opens (a
 * custom role with `roles.manage` edits the role catalog). The API decides; this shapes the page.
 */
export function settingsAccess(me: Me, tenantId: string): { everything: boolean; roles: boolean; templates: boolean } {
  const atRoot = me.scope.filter((s) => s.orgId === tenantId);
  const everything = me.isGlobalAdmin || atRoot.some((s) => s.roleKey === 'admin');
  const holds = (permission: string) => everything || atRoot.some((s) => s.permissions.includes(permission));
  return { everything, roles: holds(Permissions.rolesManage), templates: holds(Permissions.importsTemplates) };
}

/** The tenants with some part of their settings open to the signed-in person. */
export function useAdministeredTenants(): { tenants: Organization[]; isPending: boolean; error: unknown } {
  const me = useSession();
  const { index, isPending, error } = useOrganizations();
  const tenants = useMemo(
    () =>
      index.list.filter(
        (o) =>
          o.parentId === null &&
          (me.isGlobalAdmin ||
            me.scope.some(
              (s) => s.orgId === o.id && (s.roleKey === 'admin' || tenantLevelPermissions.some((p) => s.permissions.includes(p))),
            )),
      ),
    [index.list, me],
  );
  return { tenants, isPending, error };
}

/** The root organization above `orgId`: the tenant it belongs to. */
function tenantOf(orgId: string, byId: Map<string, Organization>): string | undefined {
  let org = byId.get(orgId);
  for (let hops = 0; org?.parentId && hops < 64; hops++) org = byId.get(org.parentId);
  return org?.id;
}

/**
 * The tenant the settings pages work on, kept in the address (`?tenantId=`) so a link to a template
 * names its tenant. Without one, the first tenant the person administers; for a global administrator,
 * the first other than their own when there is one — theirs is the system tenant nobody is onboarded into.
 */
export function useChosenTenant() {
  const me = useSession();
  const { index } = useOrganizations();
  const { tenants, isPending, error } = useAdministeredTenants();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tenantId');
  const own = me.isGlobalAdmin ? tenantOf(me.account.orgId, index.byId) : undefined;
  const fallback = tenants.find((t) => t.id !== own) ?? tenants[0];
  const tenant = tenants.find((t) => t.id === asked) ?? (asked ? undefined : fallback);
  const choose = useCallback((tenantId: string) => setParams({ tenantId }, { replace: true }), [setParams]);
  return { tenants, tenant, asked, isPending, error, choose };
}

import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Organization } from '../../api/types.ts';
import { useSession } from '../../app/session.ts';
import { useOrganizations } from '../organizations/useOrganizations.ts';

/** The cached answer of GET /api/tenants/:id/settings (the settings page and the add-account form share it). */
export const tenantSettingsKey = (tenantId: string) => ['tenant-settings', tenantId] as const;

/**
 * The tenants whose settings the signed-in person may change: every root organization for a global
 * administrator, otherwise the roots where they hold `admin` (the API decides; this shapes the page).
 */
export function useAdministeredTenants(): { tenants: Organization[]; isPending: boolean; error: unknown } {
  const me = useSession();
  const { index, isPending, error } = useOrganizations();
  const tenants = useMemo(
    () => index.list.filter((o) => o.parentId === null && (me.isGlobalAdmin || me.scope.some((s) => s.roleKey === 'admin' && s.orgId === o.id))),
    [index.list, me],
  );
  return { tenants, isPending, error };
}

/**
 * The tenant the settings pages work on, kept in the address (`?tenantId=`) so a link to a template
 * names its tenant; without one, the first tenant the person administers.
 */
export function useChosenTenant() {
  const { tenants, isPending, error } = useAdministeredTenants();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tenantId');
  const tenant = tenants.find((t) => t.id === asked) ?? (asked ? undefined : tenants[0]);
  const choose = (tenantId: string) => setParams({ tenantId }, { replace: true });
  return { tenants, tenant, asked, isPending, error, choose };
}

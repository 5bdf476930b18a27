import { useQuery } from '@tanstack/react-query';
import { rolesApi, type Role } from '../../api/roles.ts';

export const rolesQueryKey = (orgId?: string, tenantId?: string) => ['roles', orgId ?? null, tenantId ?? null] as const;

/** The catalog, and with an organization how many hold each role there and what the caller may do with it. */
export function useRoles(orgId?: string, tenantId?: string) {
  return useQuery({ queryKey: rolesQueryKey(orgId, tenantId), queryFn: () => rolesApi.list({ orgId, tenantId }), staleTime: 30_000 });
}

/** "Site Admin: 2 of 2 at Lincoln High" — the place left under a role's limit at one organization. */
export function describeRoleAtOrg(role: Role): string {
  if (!role.atOrg) return role.label;
  if (!role.perOrgLimit) return role.label;
  return `${role.label}: ${role.atOrg.held} of ${role.perOrgLimit.max} at ${role.atOrg.orgName}`;
}

/** Select options for the roles the caller may give (or invite into) at an organization; full ones say so. */
export function roleOptions(
  roles: Role[] | undefined,
  purpose: 'grant' | 'invite',
): { value: string; label: string; disabled?: boolean }[] {
  return (roles ?? [])
    .filter((r) => !r.retired && (purpose === 'grant' ? r.atOrg?.youMayGrant : r.atOrg?.youMayInvite))
    .map((r) => {
      const full = r.perOrgLimit?.mode === 'block' && r.atOrg !== undefined && r.atOrg.held >= r.perOrgLimit.max;
      return { value: r.key, label: `${describeRoleAtOrg(r)}${full ? ' (full)' : ''}`, disabled: full };
    });
}

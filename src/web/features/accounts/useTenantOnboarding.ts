import { useQuery } from '@tanstack/react-query';
import type { OnboardingMode } from '../../../common/schemas/tenant-settings.ts';
import { tenantSettingsApi } from '../../api/settings.ts';
import { useOrganizations } from '../organizations/useOrganizations.ts';
import { tenantSettingsKey } from '../settings/tenants.ts';

/**
 * How the tenant of `orgId` onboards new accounts, and its registration window. Undefined while no
 * organization is chosen, and for administrators below the tenant's top, who may not read tenant
 * settings: the form then explains both ways and the server applies the right one.
 */
export interface TenantOnboarding {
  mode: OnboardingMode;
  registrationWindowDays: number;
  temporaryPasswordInEmail: boolean;
}

export function useTenantOnboarding(orgId: string): TenantOnboarding | undefined {
  const { index } = useOrganizations();
  const tenantId = orgId ? index.byId.get(orgId)?.tenantId : undefined;
  const settings = useQuery({
    // Shared with the settings page, so a change saved there shows here at once.
    queryKey: tenantSettingsKey(tenantId ?? ''),
    queryFn: () => tenantSettingsApi.get(tenantId ?? ''),
    enabled: tenantId !== undefined,
    retry: false,
    staleTime: 60_000,
  });
  const data = settings.data;
  return data
    ? {
        mode: data.onboarding,
        registrationWindowDays: data.registrationWindowDays,
        temporaryPasswordInEmail: data.temporaryPasswordInEmail,
      }
    : undefined;
}

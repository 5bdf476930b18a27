import { useQuery } from '@tanstack/react-query';
import { seatsApi } from '../../api/bulk.ts';
import { useOrganizations } from '../organizations/useOrganizations.ts';

/** Whether a seat contract in force today covers the organization (held there or above it). */
export function useSeatContractAt(orgId: string | undefined): boolean {
  const { index } = useOrganizations();
  const contracts = useQuery({ queryKey: ['seats', 'contracts'], queryFn: () => seatsApi.contracts(), staleTime: 60_000, retry: false });
  const current = new Set((contracts.data ?? []).filter((c) => c.current).map((c) => c.orgId));
  for (let id = orgId; id; id = index.byId.get(id)?.parentId ?? undefined) if (current.has(id)) return true;
  return false;
}

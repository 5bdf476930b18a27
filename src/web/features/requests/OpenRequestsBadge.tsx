import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Permissions } from '../../../common/permissions.ts';
import { requestsApi } from '../../api/requests.ts';
import { can, useSession } from '../../app/session.ts';

export const requestStatsKey = ['account-requests', 'stats'] as const;

export function useMayHandleRequests(): boolean {
  const me = useSession();
  return can(me, Permissions.requestsHandle) || can(me, Permissions.invitationsSend);
}

/** How many requests wait for an answer, beside the navigation link (nothing when none do). */
export function OpenRequestsBadge() {
  const stats = useQuery({ queryKey: requestStatsKey, queryFn: requestsApi.stats, refetchInterval: 60_000, staleTime: 30_000 });
  const open = stats.data?.open ?? 0;
  if (open === 0) return null;
  return (
    <Badge size="sm" circle={open < 10} aria-label={`${open} open ${open === 1 ? 'request' : 'requests'}`}>
      {open}
    </Badge>
  );
}

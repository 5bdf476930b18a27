import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { authApi } from '../api/endpoints.ts';
import type { Me } from '../api/types.ts';

export const meQueryKey = ['me'] as const;

export function useMeQuery() {
  return useQuery({ queryKey: meQueryKey, queryFn: authApi.me, staleTime: 60_000 });
}

export const SessionContext = createContext<Me | undefined>(undefined);

/** The signed-in person; only rendered inside the gate, so it is always there. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside a signed-in session');
  return me;
}

export function can(me: Me, permission: string): boolean {
  return me.isGlobalAdmin || me.scope.some((s) => s.permissions.includes(permission));
}

/** Forgets everything the last person loaded, then asks who is signed in (nobody: the sign-in page shows). */
export async function forgetSession(queryClient: import('@tanstack/react-query').QueryClient): Promise<void> {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
  await queryClient.resetQueries({ queryKey: meQueryKey });
}

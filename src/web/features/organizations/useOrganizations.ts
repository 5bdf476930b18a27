import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { orgsApi } from '../../api/endpoints.ts';
import type { Organization } from '../../api/types.ts';

export const orgsQueryKey = ['orgs'] as const;

export interface OrgIndex {
  list: Organization[];
  byId: Map<string, Organization>;
  /** "State › County › Site", from the highest organization the caller can see. */
  pathOf(id: string): string;
  /** Select options in tree order, labelled with their path. */
  options: { value: string; label: string }[];
}

export function indexOrganizations(list: Organization[]): OrgIndex {
  const byId = new Map(list.map((o) => [o.id, o]));
  const paths = new Map<string, string>();
  const pathOf = (id: string): string => {
    const known = paths.get(id);
    if (known) return known;
    const org = byId.get(id);
    if (!org) return 'Unknown organization';
    const parent = org.parentId ? byId.get(org.parentId) : undefined;
    const path = parent ? `${pathOf(parent.id)} › ${org.name}` : org.name;
    paths.set(id, path);
    return path;
  };
  return { list, byId, pathOf, options: list.map((o) => ({ value: o.id, label: pathOf(o.id) })) };
}

/** The organizations in the signed-in person's reach, in tree-walk order (parents first). */
export function useOrganizations() {
  const query = useQuery({ queryKey: orgsQueryKey, queryFn: orgsApi.list, staleTime: 60_000 });
  const index = useMemo(() => indexOrganizations(query.data ?? []), [query.data]);
  return { ...query, index };
}

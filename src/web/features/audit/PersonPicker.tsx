import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { accountsApi } from '../../api/endpoints.ts';
import { fullName } from '../../components/format.ts';

const label = (a: { firstName: string; lastName: string; email: string }) => `${fullName(a)} <${a.email}>`;

/**
 * Chooses one person (by name or email) to follow through the audit trail: what they did and what was
 * done to their account. Offers the accounts the viewer can see, as the accounts list finds them.
 */
export function PersonPicker({ value, onChange }: { value: string; onChange(id: string | null): void }) {
  const [search, setSearch] = useState('');
  const [settled] = useDebouncedValue(search.trim(), 250);
  const chosen = useQuery({ queryKey: ['accounts', 'one', value], queryFn: () => accountsApi.get(value), enabled: Boolean(value) });
  const found = useQuery({
    queryKey: ['accounts', 'search', { q: settled, limit: 10, picker: true }],
    queryFn: () => accountsApi.search({ q: settled, limit: 10 }),
    enabled: settled.length >= 2,
    placeholderData: keepPreviousData,
  });
  const options = new Map<string, string>();
  if (chosen.data) options.set(chosen.data.id, label(chosen.data));
  if (settled.length >= 2) for (const a of found.data?.items ?? []) options.set(a.id, label(a));
  return (
    <Select
      label="Person"
      placeholder="Name or email"
      description="What they did, and what was done to their account"
      searchable
      clearable
      data={[...options].map(([id, text]) => ({ value: id, label: text }))}
      value={value || null}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={settled.length >= 2 ? (found.isFetching ? 'Searching…' : 'Nobody found') : 'Type two letters or more'}
      // The server has already matched; filtering again here would hide accounts found by their email.
      filter={({ options: all }) => all}
    />
  );
}

import { Button, Group, MultiSelect, Paper, Select, SimpleGrid, Stack } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import { accountStatuses } from '../../../common/permissions.ts';
import { DebouncedTextInput } from '../../components/DebouncedTextInput.tsx';
import { statusLabels } from '../../components/StatusBadge.tsx';
import { useOrganizations } from '../organizations/useOrganizations.ts';
import { useRoles } from '../roles/useRoles.ts';
import { filterKeys, type useAccountFilters } from './useAccountFilters.ts';

const statusOptions = accountStatuses.map((s) => ({ value: s, label: statusLabels[s] }));

export function AccountFilters({ state }: { state: ReturnType<typeof useAccountFilters> }) {
  const roles = useRoles();
  const { filters, update, activeFilterCount } = state;
  const { index, isPending } = useOrganizations();
  const anything = activeFilterCount > 0 || Boolean(filters.q);

  return (
    <Paper p="md" mb="md">
      <Stack gap="sm">
        <DebouncedTextInput
          type="search"
          label="Search accounts"
          placeholder="Name, email or username"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={filters.q}
          onSettled={(q) => update({ q })}
          size="md"
        />
        {/* Six across only on wide screens: at a laptop's width a chosen status shrank to "I…". */}
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 6 }} spacing="sm">
          <MultiSelect
            label="Status"
            placeholder={filters.status ? undefined : 'Any status'}
            data={statusOptions}
            value={filters.status ? filters.status.split(',') : []}
            onChange={(v) => update({ status: v.join(',') })}
            clearable
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label="Organization"
            placeholder={isPending ? 'Loading…' : 'All organizations'}
            data={index.options}
            value={filters.orgId || null}
            onChange={(v) => update({ orgId: v ?? undefined })}
            searchable
            clearable
            nothingFoundMessage="No organization matches"
            description={undefined}
          />
          <Select
            label="Role"
            placeholder="Any role"
            data={(roles.data?.items ?? []).map((r) => ({ value: r.key, label: r.label }))}
            value={filters.role || null}
            onChange={(v) => update({ role: v ?? undefined })}
            clearable
          />
          <DebouncedTextInput
            label="Affiliation"
            placeholder="Any"
            value={filters.affiliation}
            onSettled={(affiliation) => update({ affiliation })}
          />
          <DebouncedTextInput
            label="Employee type"
            placeholder="Any"
            value={filters.employeeType}
            onSettled={(employeeType) => update({ employeeType })}
          />
          <DebouncedTextInput
            label="Email domain"
            placeholder="e.g. school.org"
            value={filters.emailDomain}
            onSettled={(emailDomain) => update({ emailDomain })}
          />
        </SimpleGrid>
        {anything && (
          <Group justify="flex-end">
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconX size={14} aria-hidden />}
              onClick={() => update(Object.fromEntries(filterKeys.map((k) => [k, undefined])))}
            >
              Clear search and filters
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

import { Anchor, Badge, Checkbox, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Account } from '../../api/types.ts';
import { formatDateTime, formatRelative, fullName } from '../../components/format.ts';
import { EmailText } from '../../components/EmailText.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { roleLabel } from './roles.ts';
import type { SortKey } from './useAccountFilters.ts';

interface SortProps {
  sort: SortKey;
  direction: 'asc' | 'desc';
  onSort(sort: SortKey, direction: 'asc' | 'desc'): void;
}

function SortableHeader({ column, label, sort, direction, onSort }: SortProps & { column: SortKey; label: string }) {
  const active = sort === column;
  const Icon = !active ? IconArrowsSort : direction === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" onClick={() => onSort(column, active && direction === 'asc' ? 'desc' : 'asc')}>
        {label}
        <Icon size={14} stroke={1.8} aria-hidden style={{ opacity: active ? 1 : 0.4 }} />
        <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
          {active ? `, sorted ${direction === 'asc' ? 'ascending' : 'descending'}` : ', sortable'}
        </span>
      </button>
    </Table.Th>
  );
}

/** Row selection for bulk actions (absent for people who may act on nothing). */
export interface RowSelection {
  isSelected(id: string): boolean;
  toggle(id: string): void;
  /** Selects every row of the page, or clears them when all are selected. */
  togglePage(): void;
  pageState: 'none' | 'some' | 'all';
}

export function AccountsTable({
  accounts,
  busy,
  selection,
  ...sortProps
}: SortProps & { accounts: Account[]; busy: boolean; selection?: RowSelection }) {
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table
        className="registrar-table"
        highlightOnHover
        verticalSpacing="sm"
        horizontalSpacing="md"
        style={{ opacity: busy ? 0.6 : 1, transition: 'opacity 120ms' }}
        aria-busy={busy}
      >
        <Table.Thead>
          <Table.Tr>
            {selection && (
              <Table.Th w={40}>
                <Checkbox
                  aria-label="Select every account on this page"
                  checked={selection.pageState === 'all'}
                  indeterminate={selection.pageState === 'some'}
                  onChange={selection.togglePage}
                />
              </Table.Th>
            )}
            <SortableHeader column="name" label="Name" {...sortProps} />
            <SortableHeader column="email" label="Email" {...sortProps} />
            <Table.Th>Organization</Table.Th>
            <SortableHeader column="status" label="Status" {...sortProps} />
            <Table.Th>Roles</Table.Th>
            <SortableHeader column="lastActivityAt" label="Last activity" {...sortProps} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.map((a) => (
            <Table.Tr key={a.id}>
              {selection && (
                <Table.Td>
                  <Checkbox
                    aria-label={`Select ${fullName(a)}`}
                    checked={selection.isSelected(a.id)}
                    onChange={() => selection.toggle(a.id)}
                  />
                </Table.Td>
              )}
              <Table.Td>
                <Anchor component={Link} to={`/accounts/${a.id}`} fw={600} size="sm">
                  {fullName(a)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <EmailText email={a.email} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{a.orgName}</Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={a.status} />
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {a.isGlobalAdmin && (
                    <Badge size="sm" variant="outline" color="grape" radius="sm">
                      Global admin
                    </Badge>
                  )}
                  {a.roles.map((r) => (
                    <Tooltip key={`${r.key}@${r.orgId}`} label={`${roleLabel(r.key, r.label)} at ${r.orgName}`}>
                      <Badge size="sm" variant="outline" color="gray" radius="sm" style={{ textTransform: 'none' }}>
                        {roleLabel(r.key, r.label)}
                      </Badge>
                    </Tooltip>
                  ))}
                  {!a.isGlobalAdmin && a.roles.length === 0 && (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text
                  size="sm"
                  c={a.lastActivityAt ? undefined : 'dimmed'}
                  title={a.lastActivityAt ? formatDateTime(a.lastActivityAt) : undefined}
                >
                  {formatRelative(a.lastActivityAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

import '@mantine/charts/styles.css';
import { AreaChart } from '@mantine/charts';
import { Button, Drawer, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { seatsApi } from '../../api/bulk.ts';
import { formatNumber } from '../../components/format.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useMayReadMail } from '../mail/mail-labels.tsx';
import { useOrganizations } from '../organizations/useOrganizations.ts';
import { SeatContractForm } from './SeatContractForm.tsx';
import { SeatsBadge } from './SeatsBadge.tsx';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Paper>
  );
}

/** Seats at one organization: the contract in force, use now and over time, and where the seats go. */
export function SeatsPage() {
  useDocumentTitle('Seats');
  const [params, setParams] = useSearchParams();
  const { index } = useOrganizations();
  const orgId = params.get('orgId') ?? index.list[0]?.id ?? '';
  const mayContract = useMayReadMail();
  const [adding, setAdding] = useState(false);
  const seats = useQuery({ queryKey: ['seats', orgId], queryFn: () => seatsApi.seats(orgId), enabled: Boolean(orgId) });
  const view = seats.data;
  const orgName = index.byId.get(orgId)?.name ?? view?.orgName ?? '';

  return (
    <>
      <PageHeader
        title="Seats"
        description="Active accounts and pending invitations hold a seat; archived and expired ones do not."
        actions={
          mayContract &&
          orgId && (
            <Button variant="default" onClick={() => setAdding(true)}>
              New contract
            </Button>
          )
        }
      />
      <Select
        label="Organization"
        data={index.options}
        value={orgId || null}
        onChange={(value) => value && setParams({ orgId: value })}
        searchable
        mb="md"
        maw={480}
      />
      {!orgId ? null : seats.isPending ? (
        <LoadingState label="Loading seats…" />
      ) : seats.isError || !view ? (
        <ErrorState error={seats.error} onRetry={() => void seats.refetch()} />
      ) : (
        <Stack>
          <SeatsBadge orgId={orgId} />
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Figure label="Used" value={formatNumber(view.used)} />
            <Figure label="Active" value={formatNumber(view.active)} />
            <Figure label="Invited (not expired)" value={formatNumber(view.invited)} />
            <Figure label="Free" value={view.free === null ? 'No contract' : formatNumber(view.free)} />
          </SimpleGrid>
          {view.contract ? (
            <Paper withBorder p="md">
              <Title order={2} size="h4">
                {formatNumber(view.contract.seats)} seats, {view.contract.startsOn} to {view.contract.endsOn}
              </Title>
              <Text size="sm" c="dimmed" mb="md">
                {view.contract.mode === 'block'
                  ? 'New accounts are refused once every seat is taken'
                  : 'New accounts are still accepted past the seats'}
                ; administrators are warned at {view.contract.warnAt}%.
              </Text>
              <AreaChart
                h={260}
                data={view.history.map((p) => ({ ...p, free: Math.max(0, p.seats - p.active - p.invited) }))}
                dataKey="day"
                type="stacked"
                withLegend
                aria-label={`Seats used over time at ${orgName}`}
                series={[
                  { name: 'active', label: 'Active', color: 'indigo.6' },
                  { name: 'invited', label: 'Invited', color: 'blue.3' },
                  { name: 'free', label: 'Free', color: 'gray.3' },
                ]}
              />
            </Paper>
          ) : (
            <EmptyState title="No seat contract here">
              {mayContract ? 'Add one to limit and follow the accounts this organization holds.' : 'Ask a system administrator to add one.'}
            </EmptyState>
          )}
          {view.breakdown.length > 0 && (
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="sm">
                By organization
              </Title>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Organization</Table.Th>
                    <Table.Th>Active</Table.Th>
                    <Table.Th>Invited</Table.Th>
                    <Table.Th>Used</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {view.breakdown.map((b) => (
                    <Table.Tr key={b.orgId + b.orgName}>
                      <Table.Td>{b.orgName}</Table.Td>
                      <Table.Td>{formatNumber(b.active)}</Table.Td>
                      <Table.Td>{formatNumber(b.invited)}</Table.Td>
                      <Table.Td>{formatNumber(b.used)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
        </Stack>
      )}
      <Drawer
        opened={adding}
        onClose={() => setAdding(false)}
        title={`New seat contract for ${orgName}`}
        position="right"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {adding && <SeatContractForm orgId={orgId} orgName={orgName} onDone={() => setAdding(false)} />}
      </Drawer>
    </>
  );
}

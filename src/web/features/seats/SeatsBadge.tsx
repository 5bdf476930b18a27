import { Badge, Group, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { seatsApi } from '../../api/bulk.ts';
import { formatNumber } from '../../components/format.ts';

/** "Seats 412 / 450" for an organization with a contract in force; nothing otherwise. */
export function SeatsBadge({ orgId }: { orgId: string }) {
  const seats = useQuery({ queryKey: ['seats', orgId], queryFn: () => seatsApi.seats(orgId), retry: false });
  const view = seats.data;
  if (!view?.contract) return null;
  const full = view.used >= view.contract.seats;
  return (
    <Group mb="sm">
      <Tooltip
        label={`${formatNumber(view.active)} active, ${formatNumber(view.invited)} invited (not expired); contract until ${view.contract.endsOn}`}
      >
        <Badge
          component={Link}
          to={`/seats?orgId=${orgId}`}
          size="lg"
          variant="light"
          color="indigo"
          style={{ textTransform: 'none', cursor: 'pointer' }}
        >
          Seats {formatNumber(view.used)} / {formatNumber(view.contract.seats)}
          {full ? ' (full)' : ''}
        </Badge>
      </Tooltip>
    </Group>
  );
}

import { Badge } from '@mantine/core';
import type { AccountStatus } from '../api/types.ts';

const colors: Record<AccountStatus, string> = { active: 'teal', invited: 'blue', archived: 'gray', expired: 'orange' };
export const statusLabels: Record<AccountStatus, string> = { active: 'Active', invited: 'Invited', archived: 'Archived', expired: 'Expired' };

export function StatusBadge({ status }: { status: AccountStatus }) {
  return (
    <Badge color={colors[status]} variant="light" radius="sm">
      {statusLabels[status]}
    </Badge>
  );
}

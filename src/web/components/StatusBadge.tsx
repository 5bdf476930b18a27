import { Badge } from '@mantine/core';
import type { AccountStatus } from '../api/types.ts';

const colors: Record<AccountStatus, string> = { active: 'teal', invited: 'blue', archived: 'gray', expired: 'orange' };
export const statusLabels: Record<AccountStatus, string> = {
  active: 'Active',
  invited: 'Invited',
  archived: 'Archived',
  expired: 'Expired',
};

export function StatusBadge({ status }: { status: AccountStatus }) {
  return (
    // The dot variant keeps the text dark (readable at badge size) and carries the colour in the dot.
    <Badge color={colors[status]} variant="dot" radius="sm" size="md" style={{ textTransform: 'none' }}>
      {statusLabels[status]}
    </Badge>
  );
}

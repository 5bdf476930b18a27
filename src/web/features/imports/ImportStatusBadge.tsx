import { Badge } from '@mantine/core';
import type { ImportStatus } from '../../api/imports.ts';
import { statusColors, statusLabels } from './import-labels.ts';

export function ImportStatusBadge({ status, size = 'md' }: { status: ImportStatus; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <Badge color={statusColors[status]} variant="dot" radius="sm" size={size} style={{ textTransform: 'none' }}>
      {statusLabels[status]}
    </Badge>
  );
}

import { Badge } from '@mantine/core';
import type { ImportStatus } from '../../api/imports.ts';
import { statusColors, statusLabels } from './import-labels.ts';

/** An import's status; a completed one where rows failed says so in a warning colour rather than a green "Completed". */
export function ImportStatusBadge({
  status,
  failed = 0,
  size = 'md',
}: {
  status: ImportStatus;
  failed?: number;
  size?: 'sm' | 'md' | 'lg';
}) {
  const withFailures = status === 'completed' && failed > 0;
  return (
    <Badge color={withFailures ? 'orange' : statusColors[status]} variant="dot" radius="sm" size={size} style={{ textTransform: 'none' }}>
      {withFailures ? 'Completed with failures' : statusLabels[status]}
    </Badge>
  );
}

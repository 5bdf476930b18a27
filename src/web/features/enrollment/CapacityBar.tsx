import { Progress, Stack, Text } from '@mantine/core';
import type { Section } from '../../api/enrollment.ts';
import { capacityLabel } from './enrollment-access.ts';

/** How full a section is: a bar and "18 of 20 · 3 waitlisted". */
export function CapacityBar({ section }: { section: Section }) {
  const taken = section.enrolledCount + section.completedCount;
  const percent = section.capacity === 0 ? 100 : Math.min(100, Math.round((taken / section.capacity) * 100));
  const label = capacityLabel(section);
  return (
    <Stack gap={2} miw={160}>
      <Progress value={percent} color={taken >= section.capacity ? 'orange' : 'indigo'} aria-label={`${section.code}: ${label}`} />
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

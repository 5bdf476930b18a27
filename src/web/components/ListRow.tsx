import { Group, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * One entry of a list of things a person can open (email templates, import templates): the title with its
 * badges, what it is below, and its actions on the right. The row is labelled by its title for screen readers.
 */
export function ListRow({
  id,
  title,
  badges,
  actions,
  children,
}: {
  id: string;
  title: string;
  badges?: ReactNode;
  actions: ReactNode;
  children: ReactNode;
}) {
  return (
    <Group
      component="li"
      justify="space-between"
      align="flex-start"
      wrap="nowrap"
      py="sm"
      aria-labelledby={id}
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)', listStyle: 'none' }}
    >
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={3} fz="sm" id={id}>
            {title}
          </Title>
          {badges}
        </Group>
        {children}
      </Stack>
      {actions}
    </Group>
  );
}

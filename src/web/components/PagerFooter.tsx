import { Button, Group, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';

interface PagerFooterProps {
  /** "Showing 51–100 of 1,234", announced politely to screen readers when it changes. */
  summary: string;
  previousLabel?: string;
  nextLabel?: string;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious(): void;
  onNext(): void;
}

/** The footer under every cursor-paged table: what is shown, and buttons to the page before and after. */
export function PagerFooter({
  summary,
  previousLabel = 'Previous',
  nextLabel = 'Next',
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
}: PagerFooterProps) {
  return (
    <Group justify="space-between" p="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Text size="sm" c="dimmed" aria-live="polite">
        {summary}
      </Text>
      <Group gap="xs">
        <Button
          variant="default"
          size="xs"
          leftSection={<IconChevronLeft size={14} aria-hidden />}
          disabled={!hasPrevious}
          onClick={onPrevious}
        >
          {previousLabel}
        </Button>
        <Button variant="default" size="xs" rightSection={<IconChevronRight size={14} aria-hidden />} disabled={!hasNext} onClick={onNext}>
          {nextLabel}
        </Button>
      </Group>
    </Group>
  );
}

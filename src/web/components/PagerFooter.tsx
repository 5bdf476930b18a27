import { Button, Group, Select, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconChevronsLeft, IconChevronsRight } from '@tabler/icons-react';

/** The page sizes every long list offers. */
export const pageSizes = [25, 50, 100] as const;
export type PageSize = (typeof pageSizes)[number];
export const asPageSize = (value: unknown, fallback: PageSize = 25): PageSize =>
  pageSizes.find((size) => String(size) === String(value)) ?? fallback;

interface PagerFooterProps {
  /** "Showing 51–100 of 1,234", announced politely to screen readers when it changes. */
  summary: string;
  previousLabel?: string;
  nextLabel?: string;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious(): void;
  onNext(): void;
  /** With these, a jump back to the first page; `hasFirst` says whether this is not already it. */
  onFirst?(): void;
  hasFirst?: boolean;
  /** With this, a jump to the last page; `hasLast` says whether there is a last page beyond this one. */
  onLast?(): void;
  hasLast?: boolean;
  /** With these, a page-size picker (25, 50 or 100 rows). */
  pageSize?: PageSize;
  onPageSize?(size: PageSize): void;
}

/** The footer under every cursor-paged table: what is shown, how many a page, and buttons to the first, last and neighbouring pages. */
export function PagerFooter({
  summary,
  previousLabel = 'Previous',
  nextLabel = 'Next',
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  onFirst,
  hasFirst = hasPrevious,
  onLast,
  hasLast = hasNext,
  pageSize,
  onPageSize,
}: PagerFooterProps) {
  return (
    <Group justify="space-between" p="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Text size="sm" c="dimmed" aria-live="polite">
        {summary}
      </Text>
      <Group gap="xs">
        {pageSize !== undefined && onPageSize && (
          <Select
            size="xs"
            w={130}
            aria-label="Rows per page"
            data={pageSizes.map((size) => ({ value: String(size), label: `${size} per page` }))}
            value={String(pageSize)}
            onChange={(value) => onPageSize(asPageSize(value, pageSize))}
            allowDeselect={false}
            comboboxProps={{ position: 'top' }}
          />
        )}
        {onFirst && (
          <Button
            variant="default"
            size="xs"
            leftSection={<IconChevronsLeft size={14} aria-hidden />}
            disabled={!hasFirst}
            onClick={onFirst}
          >
            First
          </Button>
        )}
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
        {onLast && (
          <Button
            variant="default"
            size="xs"
            rightSection={<IconChevronsRight size={14} aria-hidden />}
            disabled={!hasLast}
            onClick={onLast}
          >
            Last
          </Button>
        )}
      </Group>
    </Group>
  );
}

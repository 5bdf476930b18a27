import { Alert, Anchor, Button, Group, Menu, Modal, Paper, Stack, Text } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorCodes } from '../../../common/error-codes.ts';
import { Permissions } from '../../../common/permissions.ts';
import type { BulkActionKind, BulkFilter } from '../../../common/schemas/bulk-actions.ts';
import { bulkApi } from '../../api/bulk.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { can, useSession } from '../../app/session.ts';
import { accountsWord, bulkWords } from './bulk-words.ts';

/** What is selected: rows picked by hand, or every account the list's filter matches. */
export type Selection = { kind: 'ids'; ids: string[] } | { kind: 'all'; filter: BulkFilter; count: number };

const menuActions: { action: BulkActionKind; permission: (typeof Permissions)[keyof typeof Permissions] }[] = [
  { action: 'archive', permission: Permissions.accountsLifecycle },
  { action: 'reactivate', permission: Permissions.accountsLifecycle },
  { action: 'resend_invitation', permission: Permissions.accountsLifecycle },
  { action: 'export', permission: Permissions.accountsRead },
];

/**
 * The bar above the list once rows are selected: how many, "select all N matching", the actions, and a
 * confirmation that states the exact count and the effect before anything is sent.
 */
export function BulkBar(props: {
  selection: Selection;
  pageFullySelected: boolean;
  total: number;
  totalCapped: boolean;
  onSelectAll(): void;
  onClear(): void;
  onCountChanged(): void;
}) {
  const me = useSession();
  const navigate = useNavigate();
  const [pending, setPending] = useState<BulkActionKind | null>(null);
  const [changed, setChanged] = useState<string | null>(null);
  const count = props.selection.kind === 'ids' ? props.selection.ids.length : props.selection.count;
  const send = useMutation({
    mutationFn: (action: BulkActionKind) =>
      bulkApi.create({
        action,
        expectedCount: count,
        // The dialog the person just confirmed states the exact count: that is the confirmation the threshold asks for.
        confirm: true,
        ...(props.selection.kind === 'ids' ? { accountIds: props.selection.ids } : { filter: props.selection.filter }),
      }),
    onSuccess: (bulk) => {
      props.onClear();
      void navigate(`/bulk-actions/${bulk.id}`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === ErrorCodes.selectionChanged) {
        setChanged(
          `The list changed: it now has ${accountsWord(Number(error.errorDetails.count))}, not ${accountsWord(count)}. Nothing was done; check the list and select again.`,
        );
        setPending(null);
        props.onCountChanged();
      }
    },
  });

  return (
    <Paper p="sm" mb="sm" withBorder role="region" aria-label="Selected accounts">
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          <Text fw={600}>{accountsWord(count)} selected</Text>
          {props.selection.kind === 'ids' && props.pageFullySelected && !props.totalCapped && props.total > count && (
            <Anchor component="button" type="button" onClick={props.onSelectAll}>
              Select all {accountsWord(props.total)} matching
            </Anchor>
          )}
          <Anchor component="button" type="button" c="dimmed" onClick={props.onClear}>
            Clear selection
          </Anchor>
        </Group>
        <Menu position="bottom-end">
          <Menu.Target>
            <Button rightSection={<IconChevronDown size={16} aria-hidden />}>Actions</Button>
          </Menu.Target>
          <Menu.Dropdown>
            {menuActions
              .filter((m) => can(me, m.permission))
              .map((m) => (
                <Menu.Item key={m.action} color={bulkWords[m.action].danger ? 'red' : undefined} onClick={() => setPending(m.action)}>
                  {bulkWords[m.action].label}…
                </Menu.Item>
              ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
      {changed && (
        <Alert color="orange" mt="sm" withCloseButton closeButtonLabel="Dismiss" onClose={() => setChanged(null)}>
          {changed}
        </Alert>
      )}
      <Modal
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={pending ? `${bulkWords[pending].label} ${accountsWord(count)}?` : ''}
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {pending && (
          <Stack>
            <Text size="sm">{bulkWords[pending].effect(accountsWord(count))}</Text>
            {props.selection.kind === 'all' && (
              <Text size="sm" c="dimmed">
                Every account matching the list’s search and filters is included, not only this page.
              </Text>
            )}
            {send.isError && !(send.error instanceof ApiError && send.error.code === ErrorCodes.selectionChanged) && (
              <Alert color="red">{errorMessage(send.error)}</Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPending(null)}>
                Cancel
              </Button>
              <Button color={bulkWords[pending].danger ? 'red' : undefined} loading={send.isPending} onClick={() => send.mutate(pending)}>
                {bulkWords[pending].label} {accountsWord(count)}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}

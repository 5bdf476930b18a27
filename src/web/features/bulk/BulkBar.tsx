import { Alert, Anchor, Button, Group, Loader, Menu, Modal, Paper, Text } from '@mantine/core';
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
import { formatNumber } from '../../components/format.ts';
import { BulkConfirm } from './BulkConfirm.tsx';
import type { BulkParams } from './BulkParams.tsx';
import { accountsWord, bulkWords } from './bulk-words.ts';

/**
 * What is selected: rows picked by hand, or every account the list's filter matches. The count of "all"
 * is exact: null while it is being counted (a list past its cap only says "1,000+").
 */
export type Selection = { kind: 'ids'; ids: string[] } | { kind: 'all'; filter: BulkFilter; count: number | null; countError?: string };

const menuActions: { action: BulkActionKind; permission: (typeof Permissions)[keyof typeof Permissions] }[] = [
  { action: 'archive', permission: Permissions.accountsLifecycle },
  { action: 'reactivate', permission: Permissions.accountsLifecycle },
  { action: 'grant_role', permission: Permissions.accountsWrite },
  { action: 'move', permission: Permissions.accountsWrite },
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
    mutationFn: ({ action, params }: { action: BulkActionKind; params: BulkParams }) =>
      bulkApi.create({
        action,
        ...params,
        expectedCount: count ?? 0,
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
          `The list changed: it now has ${accountsWord(Number(error.errorDetails.count))}, not ${accountsWord(count ?? 0)}. Nothing was done; check the list and select again.`,
        );
        setPending(null);
        props.onCountChanged();
      }
    },
  });
  const close = () => {
    setPending(null);
    send.reset();
  };
  const sendError =
    send.isError && !(send.error instanceof ApiError && send.error.code === ErrorCodes.selectionChanged) ? errorMessage(send.error) : null;
  const totalWords = props.totalCapped ? `${formatNumber(props.total)}+ accounts` : accountsWord(props.total);

  return (
    <Paper p="sm" mb="sm" withBorder role="region" aria-label="Selected accounts">
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          {props.selection.kind === 'all' && props.selection.countError ? (
            <Text fw={600} c="red">
              The matching accounts could not be counted ({props.selection.countError}); clear the selection and try again.
            </Text>
          ) : count === null ? (
            <Group gap="xs">
              <Loader size="xs" aria-hidden />
              <Text fw={600}>Counting every account that matches…</Text>
            </Group>
          ) : (
            <Text fw={600}>{accountsWord(count)} selected</Text>
          )}
          {props.selection.kind === 'ids' && props.pageFullySelected && (props.totalCapped || props.total > (count ?? 0)) && (
            <Anchor component="button" type="button" onClick={props.onSelectAll}>
              Select all {totalWords} matching
            </Anchor>
          )}
          <Anchor component="button" type="button" c="dimmed" onClick={props.onClear}>
            Clear selection
          </Anchor>
        </Group>
        <Menu position="bottom-end">
          <Menu.Target>
            {/* No action before the exact count is known: the confirmation must state it. */}
            <Button rightSection={<IconChevronDown size={16} aria-hidden />} disabled={count === null}>
              Actions
            </Button>
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
        opened={pending !== null && count !== null}
        onClose={close}
        title={pending && count !== null ? `${bulkWords[pending].label} ${accountsWord(count)}?` : ''}
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {pending && count !== null && (
          <BulkConfirm
            key={pending}
            action={pending}
            count={count}
            allMatching={props.selection.kind === 'all'}
            sending={send.isPending}
            error={sendError}
            onCancel={close}
            onSend={(params) => send.mutate({ action: pending, params })}
          />
        )}
      </Modal>
    </Paper>
  );
}

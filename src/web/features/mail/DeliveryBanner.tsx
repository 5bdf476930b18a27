import { Alert, Button, Group, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconMailForward, IconMailPause, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.ts';
import { mailApi } from '../../api/endpoints.ts';
import { mailActionsApi } from '../../api/settings.ts';
import { useSession } from '../../app/session.ts';
import { formatNumber } from '../../components/format.ts';
import { useReadsAllMail } from './mail-labels.tsx';

// Coloured titles on a pale background fall below WCAG AA contrast; the title takes the text colour.
const readableTitle = { title: { color: 'var(--mantine-color-text)' } };

/** Says whether this server sends mail or keeps it here, and offers to send what was held while it could not. */
export function DeliveryBanner({ delivery }: { delivery: 'smtp' | 'held' }) {
  const queryClient = useQueryClient();
  const me = useSession();
  // Sending held mail is the tenant's administrators' decision; others read their part of it only.
  const maySendHeld = useReadsAllMail();
  const held = useQuery({
    queryKey: ['mail', 'held-count'],
    queryFn: () => mailApi.list({ status: 'held', limit: 1 }),
    enabled: delivery === 'smtp' && maySendHeld,
  });
  const sendHeld = useMutation({
    mutationFn: mailActionsApi.sendHeld,
    onSuccess: async ({ queued }) => {
      await queryClient.invalidateQueries({ queryKey: ['mail'] });
      notifications.show({
        color: 'teal',
        title: 'Held messages queued',
        message: `${formatNumber(queued)} ${queued === 1 ? 'message is' : 'messages are'} queued and will be sent in the background.`,
      });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'The held messages were not sent', message: errorMessage(error) }),
  });

  if (delivery === 'held') {
    return (
      <Alert color="gray" styles={readableTitle} mb="md" icon={<IconMailPause size={18} />} title="Mail is held, not sent">
        No SMTP server is configured, so nothing leaves Registrar: each message is kept here, marked Held, to show what would have gone out.{' '}
        {maySendHeld
          ? 'Set SMTP_URL and restart to send mail; held messages can then be sent from this page.'
          : 'Once an SMTP server is configured, the tenant’s administrators can send held messages.'}
      </Alert>
    );
  }
  const count = held.data?.total ?? 0;
  const countLabel = formatNumber(count);
  // Held mail may be old and goes to real people: say what leaves, and for whom, before it does.
  const confirm = () =>
    modals.openConfirmModal({
      title: `Send ${countLabel} held ${count === 1 ? 'message' : 'messages'}?`,
      children: (
        <Text size="sm">
          {count === 1 ? 'The message goes' : `The ${countLabel} messages go`} to real email addresses now, and this cannot be undone. A
          message whose link was already used, replaced by a newer one or has run out is skipped and marked Failed.
          {me.isGlobalAdmin && ' As a global administrator, you send the held mail of every tenant, not just one.'}
        </Text>
      ),
      labels: { confirm: 'Send now', cancel: 'Cancel' },
      closeButtonProps: { 'aria-label': 'Close' },
      onConfirm: () => sendHeld.mutate(),
    });
  return (
    <Alert color="teal" styles={readableTitle} mb="md" icon={<IconSend size={18} />} title="Mail is sent through the SMTP server">
      <Group justify="space-between" gap="sm">
        <Text size="sm">
          {count > 0
            ? 'Some messages were held while no SMTP server was configured. They have not been sent.'
            : 'Messages are delivered in the background, with retries while the mail server is unreachable.'}
        </Text>
        {count > 0 && (
          <Button size="xs" leftSection={<IconMailForward size={16} aria-hidden />} loading={sendHeld.isPending} onClick={confirm}>
            Send held messages ({countLabel})
          </Button>
        )}
      </Group>
    </Alert>
  );
}

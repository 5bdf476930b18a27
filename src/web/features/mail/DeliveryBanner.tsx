import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailForward, IconMailPause, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.ts';
import { mailApi } from '../../api/endpoints.ts';
import { mailActionsApi } from '../../api/settings.ts';
import { formatNumber } from '../../components/format.ts';

// Coloured titles on a pale background fall below WCAG AA contrast; the title takes the text colour.
const readableTitle = { title: { color: 'var(--mantine-color-text)' } };

// The most held messages counted for the button's label; beyond it the label says "200+".
const heldCountLimit = 200;

/** Says whether this server sends mail or keeps it here, and offers to send what was held while it could not. */
export function DeliveryBanner({ delivery }: { delivery: 'smtp' | 'held' }) {
  const queryClient = useQueryClient();
  const held = useQuery({
    queryKey: ['mail', 'held-count'],
    queryFn: () => mailApi.list({ status: 'held', limit: heldCountLimit }),
    enabled: delivery === 'smtp',
  });
  const sendHeld = useMutation({
    mutationFn: mailActionsApi.sendHeld,
    onSuccess: async ({ queued }) => {
      await queryClient.invalidateQueries({ queryKey: ['mail'] });
      notifications.show({ color: 'teal', title: 'Held messages queued', message: `${formatNumber(queued)} ${queued === 1 ? 'message is' : 'messages are'} on the way.` });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'The held messages were not sent', message: errorMessage(error) }),
  });

  if (delivery === 'held') {
    return (
      <Alert color="gray" styles={readableTitle} mb="md" icon={<IconMailPause size={18} />} title="Mail is held, not sent">
        No SMTP server is configured, so nothing leaves Registrar: each message is kept here, marked Held, to show what would
        have gone out. Set SMTP_URL and restart to send mail; held messages can then be sent from this page.
      </Alert>
    );
  }
  const count = held.data?.items.length ?? 0;
  const countLabel = held.data?.nextCursor ? `${formatNumber(heldCountLimit)}+` : formatNumber(count);
  return (
    <Alert color="teal" styles={readableTitle} mb="md" icon={<IconSend size={18} />} title="Mail is sent through the SMTP server">
      <Group justify="space-between" gap="sm">
        <Text size="sm">
          {count > 0 ? 'Some messages were held while no SMTP server was configured. They have not been sent.' : 'Messages are delivered in the background, with retries while the mail server is unreachable.'}
        </Text>
        {count > 0 && (
          <Button size="xs" leftSection={<IconMailForward size={16} aria-hidden />} loading={sendHeld.isPending} onClick={() => sendHeld.mutate()}>
            Send held messages ({countLabel})
          </Button>
        )}
      </Group>
    </Alert>
  );
}

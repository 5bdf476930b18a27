import { Alert, Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconMailForward } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MailMessage } from '../../../common/schemas/mail.ts';
import { errorMessage } from '../../api/client.ts';
import { mailApi } from '../../api/endpoints.ts';
import { mailActionsApi } from '../../api/settings.ts';
import { useReadsAllMail } from './mail-labels.tsx';

/** Whether this server sends mail: the list answers it, so ask for the smallest list. */
function useDelivery() {
  return useQuery({ queryKey: ['mail', 'delivery'], queryFn: () => mailApi.list({ limit: 1 }).then((p) => p.delivery), staleTime: 60_000 });
}

/**
 * "Send again" for a message that never left: failed after its retries, or held while no SMTP server
 * was configured. Without SMTP the button is off and says why, since the message would only be held again.
 */
export function SendAgain({ message }: { message: MailMessage }) {
  const queryClient = useQueryClient();
  const delivery = useDelivery();
  const send = useMutation({
    mutationFn: () => mailActionsApi.sendAgain(message.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['mail'] });
      notifications.show({ color: 'teal', title: 'Message queued', message: `It will be sent to ${message.recipient} in the background.` });
    },
  });
  const mayResend = useReadsAllMail();
  if (!mayResend || (message.status !== 'failed' && message.status !== 'held')) return null;
  const noSmtp = delivery.data === 'held';
  return (
    <Stack gap="xs" align="flex-end">
      <Button
        leftSection={<IconMailForward size={16} aria-hidden />}
        loading={send.isPending}
        disabled={noSmtp}
        aria-describedby={noSmtp ? 'send-again-help' : undefined}
        onClick={() => send.mutate()}
      >
        Send again
      </Button>
      {noSmtp && (
        <Text id="send-again-help" size="xs" c="dimmed" maw={320} ta="right">
          No SMTP server is configured, so it would only be held again.
        </Text>
      )}
      {send.isError && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="The message was not queued" role="alert" maw={420}>
          {errorMessage(send.error)}
        </Alert>
      )}
    </Stack>
  );
}

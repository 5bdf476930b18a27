import { Alert, Button, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconMailCheck, IconMailForward } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.ts';
import { activationApi, type ActivationSent } from '../../api/settings.ts';
import type { Account } from '../../api/types.ts';
import { formatDateTime, fullName } from '../../components/format.ts';
import { useHeldMailNote } from './held-mail.ts';

// Coloured titles on a pale background fall below WCAG AA contrast; the title takes the text colour.
const readableTitle = { title: { color: 'var(--mantine-color-text)' } };

/** Invited accounts wait for their link to be used; expired ones let it run out. Both can get a new one. */
export const mayGetActivationLink = (a: Account) => a.status === 'invited' || a.status === 'expired';

/** Called before the profile knows the account (hooks come first), so it takes the id from the address. */
export function useSendActivation(accountId: string, email: string | undefined) {
  const queryClient = useQueryClient();
  const held = useHeldMailNote();
  return useMutation({
    mutationFn: () => activationApi.send(accountId),
    onSuccess: async (sent) => {
      await queryClient.invalidateQueries({ queryKey: ['accounts'] });
      await queryClient.invalidateQueries({ queryKey: ['audit'] });
      await queryClient.invalidateQueries({ queryKey: ['mail'] });
      const until = `It works until ${formatDateTime(sent.expiresAt)}.`;
      notifications.show(
        held
          ? { color: 'teal', title: 'New activation link made', message: `${held} ${until}` }
          : { color: 'teal', title: 'Activation link sent', message: `${email ?? 'The person'} gets a new link. ${until}` },
      );
    },
    onError: (error) => notifications.show({ color: 'red', title: 'The activation link was not sent', message: errorMessage(error) }),
  });
}

/** The profile's button: asks first, because the link already sent stops working. */
export function SendActivationButton({ account, send }: { account: Account; send: ReturnType<typeof useSendActivation> }) {
  const expired = account.status === 'expired';
  const label = expired ? 'Send a new activation link' : 'Send activation link';
  const confirm = () =>
    modals.openConfirmModal({
      title: `${label} to ${fullName(account)}?`,
      children: (
        <Text size="sm">
          Registrar emails {account.email} a new link to choose a password.
          {expired ? ' The account becomes Invited again until the link is used or runs out.' : ' The link sent before stops working.'}
        </Text>
      ),
      labels: { confirm: 'Send the link', cancel: 'Cancel' },
      closeButtonProps: { 'aria-label': 'Close' },
      onConfirm: () => send.mutate(),
    });
  return (
    <Button variant="light" leftSection={<IconMailForward size={16} aria-hidden />} loading={send.isPending} onClick={confirm}>
      {label}
    </Button>
  );
}

/** What the profile says about the account's link: why it needs a new one, or until when the new one works. */
export function ActivationNotice({ account, sent }: { account: Account; sent: ActivationSent | undefined }) {
  const held = useHeldMailNote();
  // The page stays mounted from one profile to the next; a link sent to someone else is not news here.
  if (sent?.accountId === account.id) {
    const until = `It works until ${formatDateTime(sent.expiresAt)}; the one sent before no longer does.`;
    return (
      <Alert
        color="teal"
        variant="light"
        styles={readableTitle}
        icon={<IconMailCheck size={18} />}
        title={held ? 'New activation link made' : 'Activation link sent'}
        mb="md"
        role="status"
      >
        {held ? `A new link for ${account.email} was made. ${held} ${until}` : `A new link is on its way to ${account.email}. ${until}`}
      </Alert>
    );
  }
  if (account.status === 'expired') {
    return (
      <Alert color="orange" variant="light" styles={readableTitle} title="The activation link expired" mb="md">
        {account.firstName} never used the link to choose a password before it ran out, so the account cannot be used. Send a new link to
        invite them again.
      </Alert>
    );
  }
  return null;
}

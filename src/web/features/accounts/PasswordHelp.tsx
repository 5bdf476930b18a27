import { ActionIcon, Alert, Button, Code, CopyButton, Group, Paper, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconCheck, IconCopy, IconKey, IconMailForward } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { passwordHelpApi, type ResetLinkSent, type TemporaryPasswordSet } from '../../api/password-help.ts';
import type { Account } from '../../api/types.ts';
import { formatDateTime, fullName } from '../../components/format.ts';

// Coloured titles on a pale background fall below WCAG AA contrast; the title takes the text colour.
const readableTitle = { title: { color: 'var(--mantine-color-text)' } };

type Outcome = { kind: 'link'; sent: ResetLinkSent } | { kind: 'password'; set: TemporaryPasswordSet };

function Copy({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : label} withArrow>
          <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={label}>
            {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

/** What came of the last action, shown only on this page and only until it is left: the secret is not kept anywhere. */
function OutcomeNotice({ account, outcome }: { account: Account; outcome: Outcome }) {
  const name = fullName(account);
  if (outcome.kind === 'password') {
    const { temporaryPassword, expiresAt } = outcome.set;
    return (
      <Alert color="teal" variant="light" styles={readableTitle} title="Temporary password set" role="status">
        <Stack gap="xs">
          <Text size="sm">
            Give this password to {name} yourself; it is shown only this once. They choose their own at sign-in
            {expiresAt ? `, before ${formatDateTime(expiresAt)}` : ''}. Every session they had was signed out.
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Code fz="md" aria-label="Temporary password">
              {temporaryPassword}
            </Code>
            <Copy value={temporaryPassword} label="Copy the temporary password" />
          </Group>
        </Stack>
      </Alert>
    );
  }
  const { sent } = outcome;
  const until = `It works once, until ${formatDateTime(sent.expiresAt)}.`;
  if (sent.resetUrl === null) {
    return (
      <Alert color="teal" variant="light" styles={readableTitle} title="Reset link sent" role="status">
        A link to choose a new password is on its way to {account.email}. {until}
      </Alert>
    );
  }
  return (
    <Alert color="teal" variant="light" styles={readableTitle} title="Reset link made" role="status">
      <Stack gap="xs">
        <Text size="sm">
          No SMTP server is configured, so the email is not sent. Give this link to {name} yourself; it is shown only this once. {until}
        </Text>
        <Group gap="xs" wrap="nowrap" align="end">
          <TextInput label="Reset link" value={sent.resetUrl} readOnly style={{ flex: 1 }} onFocus={(e) => e.currentTarget.select()} />
          <Copy value={sent.resetUrl} label="Copy the reset link" />
        </Group>
      </Stack>
    </Alert>
  );
}

/** "Forgot their password?" on an active account's profile, for those who hold accounts.lifecycle over it. */
export function PasswordHelp({ account }: { account: Account }) {
  const queryClient = useQueryClient();
  // Kept with the account it concerns: the page stays mounted from one profile to the next.
  const [outcome, setOutcome] = useState<{ accountId: string; outcome: Outcome } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const name = fullName(account);

  const help = useMutation({
    mutationFn: async (kind: Outcome['kind']): Promise<Outcome> =>
      kind === 'link'
        ? { kind, sent: await passwordHelpApi.sendResetLink(account.id) }
        : { kind, set: await passwordHelpApi.setTemporaryPassword(account.id) },
    onMutate: () => {
      setProblem(null);
      setOutcome(null);
    },
    onSuccess: async (result) => {
      setOutcome({ accountId: account.id, outcome: result });
      await queryClient.invalidateQueries({ queryKey: ['audit'] });
      await queryClient.invalidateQueries({ queryKey: ['mail'] });
    },
    onError: (error) => setProblem(errorMessage(error)),
  });

  const confirmLink = () =>
    modals.openConfirmModal({
      title: `Send ${name} a password reset link?`,
      children: (
        <Text size="sm">
          Registrar emails {account.email} a link to choose a new password. It works once, for an hour; an earlier reset link stops working.
          Their current password keeps working until they use it.
        </Text>
      ),
      labels: { confirm: 'Send the link', cancel: 'Cancel' },
      closeButtonProps: { 'aria-label': 'Close' },
      onConfirm: () => help.mutate('link'),
    });
  const confirmPassword = () =>
    modals.openConfirmModal({
      title: `Set a temporary password for ${name}?`,
      children: (
        <Text size="sm">
          Registrar makes up a password you hand over yourself; it is shown only once. Their current password stops working, they are signed
          out everywhere and their API tokens are revoked. At sign-in they must choose a new one.
        </Text>
      ),
      labels: { confirm: 'Set a temporary password', cancel: 'Cancel' },
      closeButtonProps: { 'aria-label': 'Close' },
      onConfirm: () => help.mutate('password'),
    });

  const shown = outcome?.accountId === account.id ? outcome.outcome : null;
  return (
    <Paper p="lg">
      <Title order={2} fz="md" mb={4}>
        Password
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Forgot their password? Email them a link to choose a new one, or give them a temporary password they replace at sign-in.
      </Text>
      <Group gap="sm" mb={shown || problem ? 'md' : 0}>
        <Button
          variant="light"
          leftSection={<IconMailForward size={16} aria-hidden />}
          loading={help.isPending && help.variables === 'link'}
          disabled={help.isPending}
          onClick={confirmLink}
        >
          Send password reset link
        </Button>
        <Button
          variant="default"
          leftSection={<IconKey size={16} aria-hidden />}
          loading={help.isPending && help.variables === 'password'}
          disabled={help.isPending}
          onClick={confirmPassword}
        >
          Set a temporary password
        </Button>
      </Group>
      {problem && (
        <Alert color="red" variant="light" styles={readableTitle} title="That did not work" role="alert">
          {problem}
        </Alert>
      )}
      {shown && <OutcomeNotice account={account} outcome={shown} />}
    </Paper>
  );
}

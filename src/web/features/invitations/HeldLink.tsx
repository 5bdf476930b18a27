import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

/**
 * While mail is held (no SMTP server), the answer to sending or re-sending an invitation carries its
 * registration link: shown here once, to copy and pass on another way. Links are stored hashed, so it
 * cannot be shown again later; "Resend" makes a new one (and the old one stops working).
 */
export function HeldLink({ email, link, onClose }: { email: string; link: string; onClose(): void }) {
  return (
    <Alert color="blue" variant="light" mb="md" withCloseButton onClose={onClose} closeButtonLabel="Close" title="The email was not sent">
      <Stack gap="xs">
        <Text size="sm">
          No SMTP server is configured, so the invitation email to {email} was not sent. Pass this link to them yourself: it is shown only
          now (Resend makes a new one and ends this one).
        </Text>
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            label={`Registration link for ${email}`}
            value={link}
            readOnly
            style={{ flex: 1 }}
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton value={link}>
            {({ copied, copy }) => (
              <Button leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />} onClick={copy}>
                {copied ? 'Copied' : 'Copy link'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}

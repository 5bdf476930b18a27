import { Anchor, Code, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconChevronLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { mailApi } from '../../api/endpoints.ts';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { SendAgain } from './SendAgain.tsx';
import { explainMailError, htmlPreviewSandbox, linkify, withLinksInNewTab } from './mail-text.tsx';
import { MailStatusBadge, mailForbidden, mailKindLabels } from './mail-labels.tsx';

/** The error in plain words when it has a known cause, with the mail server's own text below it. */
function LastError({ error }: { error: string }) {
  const plain = explainMailError(error);
  if (!plain) return <>{error}</>;
  return (
    <>
      <Text size="sm">{plain}</Text>
      <Text size="xs" c="dimmed" mt={2}>
        {error}
      </Text>
    </>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

export function MailMessagePage() {
  const { id = '' } = useParams();
  const message = useQuery({ queryKey: ['mail', 'message', id], queryFn: () => mailApi.get(id) });
  useDocumentTitle(message.data?.subject ?? 'Mail');
  const back = (
    <Anchor component={Link} to="/mail" size="sm">
      <Group gap={4}>
        <IconChevronLeft size={14} aria-hidden />
        Mail
      </Group>
    </Anchor>
  );
  if (message.isPending) return <LoadingState label="Loading the message…" />;
  if (message.isError)
    return (
      <>
        <PageHeader title="Mail" above={back} />
        <ErrorState error={message.error} forbidden={mailForbidden} onRetry={() => void message.refetch()} />
      </>
    );
  const m = message.data;
  return (
    <>
      <PageHeader title={m.subject} above={back} actions={<SendAgain message={m} />} />
      <Paper p="md" mb="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
          <Field label="To">{m.recipient}</Field>
          <Field label="Kind">{mailKindLabels[m.kind] ?? m.kind}</Field>
          <Field label="Status">
            <MailStatusBadge status={m.status} />
          </Field>
          <Field label="Attempts">{m.attempts}</Field>
          <Field label="Queued">{formatDateTime(m.createdAt)}</Field>
          <Field label="Sent">{m.sentAt ? formatDateTime(m.sentAt) : '—'}</Field>
          {m.lastError && (
            <Field label="Last error">
              <LastError error={m.lastError} />
            </Field>
          )}
        </SimpleGrid>
      </Paper>
      <Paper p="md">
        <Text size="xs" c="dimmed" mb="xs">
          Message
        </Text>
        <Code block style={{ whiteSpace: 'pre-wrap', fontSize: 'var(--mantine-font-size-sm)' }}>
          {linkify(m.bodyText)}
        </Code>
      </Paper>
      {m.bodyHtml && (
        <Paper p="md" mt="md">
          <Text size="xs" c="dimmed" mb="xs">
            HTML version
          </Text>
          {/* Sandboxed: the message's HTML runs no script and reaches nothing of the console's page; its links open in a new tab. */}
          <iframe
            title="HTML version of the message"
            sandbox={htmlPreviewSandbox}
            srcDoc={withLinksInNewTab(m.bodyHtml)}
            style={{
              width: '100%',
              height: 360,
              border: '1px solid var(--mantine-color-gray-3)',
              borderRadius: 'var(--mantine-radius-sm)',
              background: 'white',
            }}
          />
        </Paper>
      )}
    </>
  );
}

import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { publicRequestsApi } from '../../api/requests.ts';
import { useDocumentTitle } from '../../components/PageHeader.tsx';
import { AuthLayout } from '../auth/AuthLayout.tsx';
import { LinkLoading } from '../onboarding/LinkLoading.tsx';
import { statusColors, when } from './request-format.ts';

const publicStatus = { open: 'With us', waiting: 'Waiting for your answer', resolved: 'Resolved' } as const;

/** /my-request/:token — the requester follows their request and answers through the private link from our email. */
export function FollowRequestPage() {
  const { token = '' } = useParams();
  const queryClient = useQueryClient();
  const view = useQuery({ queryKey: ['my-request', token], queryFn: () => publicRequestsApi.view(token) });
  const [answer, setAnswer] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [thanks, setThanks] = useState(false);
  useDocumentTitle(view.data ? `Your request no. ${view.data.number}` : 'Your request');

  if (view.isPending) return <LinkLoading title="Your request" label="Loading your request…" />;
  if (view.error) {
    return (
      <AuthLayout title="This link does not work">
        <Alert color="red" variant="light" role="alert">
          {view.error instanceof ApiError && view.error.status === 404
            ? 'The link is wrong or has lapsed. Use the newest email we sent you, or send a new request.'
            : errorMessage(view.error)}
        </Alert>
      </AuthLayout>
    );
  }

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!answer.trim()) {
      setProblem('Write your answer first.');
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      queryClient.setQueryData(['my-request', token], await publicRequestsApi.answer(token, answer.trim()));
      setAnswer('');
      setThanks(true);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const r = view.data;
  return (
    <AuthLayout title={`Your request no. ${r.number}`} subtitle={`${r.tenantName} · sent ${when(r.createdAt)}`}>
      <Stack gap="md">
        <Group gap="xs">
          <Text size="sm">Status:</Text>
          <Badge color={statusColors[r.status]} variant="dot">
            {publicStatus[r.status]}
          </Badge>
        </Group>
        <Stack gap="sm" component="section" aria-label="Conversation">
          {r.messages.length === 0 && <Text size="sm">No messages yet. We will write to you by email.</Text>}
          {r.messages.map((m, i) => (
            <Paper key={i} withBorder p="sm" bg={m.kind === 'requester' ? 'gray.0' : undefined}>
              <Text size="xs" c="dimmed">
                {m.authorLabel} · {when(m.createdAt)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {m.body}
              </Text>
            </Paper>
          ))}
        </Stack>
        {thanks && (
          <Alert color="green" variant="light" role="status">
            Thank you: your answer was added to your request.
          </Alert>
        )}
        <form onSubmit={(e) => void send(e)} noValidate>
          <Stack gap="sm">
            <Textarea
              label="Your answer"
              autosize
              minRows={3}
              maxLength={4000}
              value={answer}
              onChange={(e) => setAnswer(e.currentTarget.value)}
              error={problem}
            />
            <Button type="submit" loading={busy}>
              Send the answer
            </Button>
          </Stack>
        </form>
      </Stack>
    </AuthLayout>
  );
}

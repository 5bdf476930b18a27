import { Alert, Anchor, Badge, Button, Grid, Group, Paper, Stack, TagsInput, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Permissions } from '../../../common/permissions.ts';
import { errorMessage } from '../../api/client.ts';
import { requestsApi, type AccountRequestDetail } from '../../api/requests.ts';
import { can, useSession } from '../../app/session.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { CreateAccountPanel } from './CreateAccountPanel.tsx';
import { RedirectPanel } from './RedirectPanel.tsx';
import { ReplyPanel } from './ReplyPanel.tsx';
import { duration, placeOf, statusColors, statusLabels, when } from './request-format.ts';

const kindLabels = { requester: 'From the person', reply: 'Reply sent', note: 'Note for staff', event: 'Change' } as const;

/** One request: who asks for what, the thread, and what the handler can do about it. */
export function RequestPage() {
  const { id = '' } = useParams();
  const me = useSession();
  const queryClient = useQueryClient();
  const request = useQuery({ queryKey: ['account-requests', 'one', id], queryFn: () => requestsApi.get(id) });
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  useDocumentTitle(request.data ? `Request no. ${request.data.number}` : 'Request');

  if (request.isPending) return <LoadingState label="Loading the request…" />;
  if (request.error) return <ErrorState error={request.error} />;
  const r = request.data;
  const handler = can(me, Permissions.requestsHandle);

  const changed = (next: AccountRequestDetail, text: string) => {
    queryClient.setQueryData(['account-requests', 'one', id], next);
    void queryClient.invalidateQueries({ queryKey: ['account-requests'], predicate: (q) => q.queryKey[1] !== 'one' });
    setNotice({ ok: true, text });
  };
  const failed = (error: unknown) => setNotice({ ok: false, text: errorMessage(error) });
  const run = async (work: () => Promise<AccountRequestDetail>, text: string) => {
    try {
      changed(await work(), text);
    } catch (error) {
      failed(error);
    }
  };

  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to="/requests" size="sm">
            ← Requests
          </Anchor>
        }
        title={`Request no. ${r.number}: ${r.firstName} ${r.lastName}`}
        description={`${r.email} · ${placeOf(r)} · received ${when(r.createdAt)}`}
        actions={
          r.status === 'resolved' ? (
            <Button variant="default" onClick={() => void run(() => requestsApi.reopen(r.id), 'The request is open again.')}>
              Reopen
            </Button>
          ) : (
            <Button onClick={() => void run(() => requestsApi.resolve(r.id), 'The request is resolved.')}>Resolve</Button>
          )
        }
      />
      {notice && (
        <Alert
          color={notice.ok ? 'green' : 'red'}
          variant="light"
          role={notice.ok ? 'status' : 'alert'}
          mb="md"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setNotice(null)}
        >
          {notice.text}
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Paper p="md">
              <Group gap="xs" mb="xs">
                <Badge color={statusColors[r.status]} variant="dot">
                  {statusLabels[r.status]}
                </Badge>
                <Text size="sm">First answer: {duration(r.firstAnswerSeconds)}</Text>
                <Text size="sm">· Resolved in: {duration(r.resolutionSeconds)}</Text>
              </Group>
              <Text size="sm">Role wanted: {r.roleWanted ?? '—'}</Text>
              <Text size="sm">Programme: {r.programme ?? '—'}</Text>
              {r.account && (
                <Text size="sm">
                  Account:{' '}
                  <Anchor component={Link} to={`/accounts/${r.account.id}`}>
                    {r.account.name}
                  </Anchor>
                </Text>
              )}
              {r.redirectedTo && <Text size="sm">Handed to: {r.redirectedTo.name}</Text>}
            </Paper>
            <Paper p="md" component="section" aria-labelledby="thread-title">
              <Title order={2} fz="lg" id="thread-title" mb="sm">
                Conversation
              </Title>
              <Stack gap="sm">
                {r.messages.length === 0 && <Text size="sm">No messages yet.</Text>}
                {r.messages.map((m) => (
                  <Paper key={m.id} withBorder p="sm" bg={m.kind === 'requester' ? 'gray.0' : m.kind === 'note' ? 'yellow.0' : undefined}>
                    <Text size="xs" c="dimmed">
                      {kindLabels[m.kind]} · {m.authorLabel} · {when(m.createdAt)}
                    </Text>
                    {m.subject && (
                      <Text size="sm" fw={600}>
                        {m.subject}
                      </Text>
                    )}
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {m.body}
                    </Text>
                  </Paper>
                ))}
              </Stack>
            </Paper>
            <ReplyPanel request={r} onDone={changed} onError={failed} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Paper p="md">
              <TagsInput
                label="Tags"
                description="Press Enter after each tag; changes are saved at once."
                value={r.tags}
                onChange={(tags) => void run(() => requestsApi.tags(r.id, tags), 'Tags saved.')}
                maxTags={20}
              />
            </Paper>
            {handler && !r.account && <CreateAccountPanel request={r} onDone={changed} onError={failed} />}
            {handler && <RedirectPanel request={r} onDone={changed} onError={failed} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

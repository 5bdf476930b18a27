import { Button, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { requestsApi, type AccountRequestDetail } from '../../api/requests.ts';

interface Props {
  request: AccountRequestDetail;
  onDone: (next: AccountRequestDetail, text: string) => void;
  onError: (error: unknown) => void;
}

/** Hands the request to someone who may invite the person (a programme director, a coach lead). */
export function RedirectPanel({ request, onDone, onError }: Props) {
  const candidates = useQuery({
    queryKey: ['account-requests', 'candidates', request.id],
    queryFn: () => requestsApi.candidates(request.id),
  });
  const [accountId, setAccountId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const redirect = async () => {
    if (!accountId) return;
    setBusy(true);
    try {
      const next = await requestsApi.redirect(request.id, accountId);
      onDone(next, `The request was handed to ${next.redirectedTo?.name ?? 'them'}; it is now in their queue.`);
      setAccountId(null);
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper p="md" component="section" aria-labelledby="redirect-title">
      <Title order={2} fz="lg" id="redirect-title" mb="sm">
        Hand to someone who invites
      </Title>
      <Stack gap="sm">
        <Text size="sm">They see the request in their queue and can invite the person themselves.</Text>
        <Select
          label="Person"
          searchable
          placeholder="Choose who may invite"
          data={(candidates.data ?? []).map((c) => ({ value: c.id, label: `${c.name} · ${c.mayInvite.join(', ')} · ${c.orgName}` }))}
          value={accountId}
          onChange={setAccountId}
          nothingFoundMessage="Nobody in your reach may invite"
        />
        <Button variant="light" onClick={() => void redirect()} loading={busy} disabled={!accountId}>
          Hand the request over
        </Button>
      </Stack>
    </Paper>
  );
}

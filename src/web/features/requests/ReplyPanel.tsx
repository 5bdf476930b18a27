import { Button, Checkbox, Group, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { requestsApi, responseTemplatesApi, type AccountRequestDetail } from '../../api/requests.ts';

interface Props {
  request: AccountRequestDetail;
  onDone: (next: AccountRequestDetail, text: string) => void;
  onError: (error: unknown) => void;
}

/** Answer from a template (previewed as the person will read it) or in your own words; or leave a note for staff. */
export function ReplyPanel({ request, onDone, onError }: Props) {
  const templates = useQuery({
    queryKey: ['response-templates', request.tenantId],
    queryFn: () => responseTemplatesApi.list(request.tenantId),
    staleTime: 60_000,
  });
  const [templateKey, setTemplateKey] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [note, setNote] = useState(false);
  const [busy, setBusy] = useState(false);
  const preview = useQuery({
    queryKey: ['response-templates', 'preview', templateKey, request.id],
    queryFn: () => responseTemplatesApi.preview(templateKey ?? '', { requestId: request.id }),
    enabled: templateKey !== null,
  });

  const send = async () => {
    setBusy(true);
    try {
      const next = await requestsApi.reply(
        request.id,
        templateKey
          ? { templateKey }
          : { body: body.trim(), ...(subject.trim() ? { subject: subject.trim() } : {}), ...(note ? { note } : {}) },
      );
      setTemplateKey(null);
      setBody('');
      setSubject('');
      onDone(next, note && !templateKey ? 'The note was added.' : `The reply was emailed to ${request.email}.`);
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper p="md" component="section" aria-labelledby="reply-title">
      <Title order={2} fz="lg" id="reply-title" mb="sm">
        Reply
      </Title>
      <Stack gap="sm">
        <Select
          label="Response template"
          placeholder="Write your own words"
          clearable
          data={(templates.data?.items ?? []).map((t) => ({ value: t.key, label: t.label }))}
          value={templateKey}
          onChange={setTemplateKey}
        />
        {templateKey ? (
          <Paper withBorder p="sm" aria-live="polite" aria-label="Preview">
            <Text size="xs" c="dimmed">
              Preview, as {request.firstName} will read it
            </Text>
            {preview.data ? (
              <>
                <Text size="sm" fw={600}>
                  {preview.data.subject}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {preview.data.body}
                </Text>
              </>
            ) : (
              <Text size="sm">{preview.error ? 'The preview could not be made.' : 'Making the preview…'}</Text>
            )}
          </Paper>
        ) : (
          <>
            {!note && (
              <TextInput
                label="Subject"
                placeholder={`About your account request (no. ${request.number})`}
                value={subject}
                onChange={(e) => setSubject(e.currentTarget.value)}
              />
            )}
            <Textarea
              label={note ? 'Note' : 'Message'}
              autosize
              minRows={4}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
            />
            <Checkbox label="Note for staff only (not emailed)" checked={note} onChange={(e) => setNote(e.currentTarget.checked)} />
          </>
        )}
        <Group justify="flex-end">
          <Button onClick={() => void send()} loading={busy} disabled={!templateKey && !body.trim()}>
            {templateKey || !note ? 'Send the reply' : 'Add the note'}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

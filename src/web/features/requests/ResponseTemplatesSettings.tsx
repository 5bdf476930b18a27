import { Alert, Badge, Button, Drawer, Group, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/client.ts';
import { responseTemplatesApi, type ResponseTemplate } from '../../api/requests.ts';
import { ErrorState, LoadingState } from '../../components/States.tsx';

type Editing = { template: ResponseTemplate | null } | null;

/** Settings → Response templates: the replies handlers pick from, with their placeholders and a preview. */
export function ResponseTemplatesSettings({ tenantId }: { tenantId: string }) {
  const list = useQuery({ queryKey: ['response-templates', tenantId], queryFn: () => responseTemplatesApi.list(tenantId) });
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing>(null);
  const [problem, setProblem] = useState<string>();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['response-templates'] });

  const remove = async (t: ResponseTemplate) => {
    try {
      await responseTemplatesApi.remove(tenantId, t.key);
      refresh();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };

  return (
    <Paper p="lg" component="section" aria-labelledby="response-templates-heading">
      <Group justify="space-between" mb="md">
        <div>
          <Title order={2} fz="lg" id="response-templates-heading">
            Response templates
          </Title>
          <Text size="sm" c="dimmed">
            Replies to account requests. The three built in may be reworded; your own may also be deleted.
          </Text>
        </div>
        <Button variant="light" onClick={() => setEditing({ template: null })}>
          Add a response template
        </Button>
      </Group>
      {problem && (
        <Alert
          color="red"
          variant="light"
          role="alert"
          mb="md"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setProblem(undefined)}
        >
          {problem}
        </Alert>
      )}
      {list.isPending ? (
        <LoadingState label="Loading response templates…" />
      ) : list.error ? (
        <ErrorState error={list.error} />
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Template</Table.Th>
              <Table.Th>Subject</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((t) => (
              <Table.Tr key={t.key}>
                <Table.Td>
                  {t.label}{' '}
                  {t.builtIn && (
                    <Badge variant="dot" color="gray" size="sm">
                      {t.customized ? 'built in, reworded' : 'built in'}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{t.subject}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Button size="xs" variant="default" aria-label={`Edit ${t.label}`} onClick={() => setEditing({ template: t })}>
                      Edit
                    </Button>
                    {!t.builtIn && (
                      <Button size="xs" color="red" variant="light" aria-label={`Delete ${t.label}`} onClick={() => void remove(t)}>
                        Delete
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && (
        <TemplateDrawer
          tenantId={tenantId}
          template={editing.template}
          placeholders={list.data?.placeholders ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
    </Paper>
  );
}

function TemplateDrawer({
  tenantId,
  template,
  placeholders,
  onClose,
  onSaved,
}: {
  tenantId: string;
  template: ResponseTemplate | null;
  placeholders: string[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [label, setLabel] = useState(template?.label ?? '');
  const [subject, setSubject] = useState(template?.subject ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const title = template ? `Edit ${template.label}` : 'Add a response template';
  const [draft] = useDebouncedValue({ subject, body }, 400);
  const preview = useQuery({
    queryKey: ['response-templates', 'draft-preview', tenantId, draft.subject, draft.body],
    queryFn: () => responseTemplatesApi.preview(template?.key ?? 'draft', { ...draft, tenantId }),
    enabled: draft.subject.trim() !== '' && draft.body.trim() !== '',
  });

  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      if (template) await responseTemplatesApi.update(tenantId, template.key, { label, subject, body });
      else await responseTemplatesApi.create(tenantId, { label, subject, body });
      onSaved();
    } catch (error) {
      setErrors(error instanceof ApiError && Object.keys(error.fields).length ? error.fields : { form: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer opened onClose={onClose} title={title} position="right" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="md">
        {errors.form && (
          <Alert color="red" variant="light" role="alert">
            {errors.form}
          </Alert>
        )}
        <TextInput label="Name" required value={label} onChange={(e) => setLabel(e.currentTarget.value)} error={errors.label} />
        <TextInput label="Subject" required value={subject} onChange={(e) => setSubject(e.currentTarget.value)} error={errors.subject} />
        <Textarea
          label="Reply"
          required
          autosize
          minRows={8}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={errors.body}
        />
        <Text size="xs" c="dimmed">
          Placeholders: {placeholders.map((p) => `{{${p}}}`).join(', ')}
        </Text>
        {preview.data && (
          <Paper withBorder p="sm" aria-label="Preview">
            <Text size="xs" c="dimmed">
              Preview with sample values
            </Text>
            {preview.data.unknown.length > 0 && (
              <Text size="sm" c="red.8">
                Not a placeholder: {preview.data.unknown.map((n) => `{{${n}}}`).join(', ')}
              </Text>
            )}
            <Text size="sm" fw={600}>
              {preview.data.subject}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {preview.data.body}
            </Text>
          </Paper>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void save()} loading={busy}>
            Save the template
          </Button>
        </Group>
      </Stack>
    </Drawer>
  );
}

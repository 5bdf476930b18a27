import { Alert, Button, Checkbox, Group, Paper, Stack, Switch, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { importModes } from '../../../common/schemas/imports.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { importTemplateKey, importTemplatesApi, importTemplatesKey } from '../../api/import-templates.ts';
import { modeLabels } from '../imports/import-labels.ts';
import { ColumnsEditor } from './ColumnsEditor.tsx';
import { importTemplateUrl } from './ImportTemplatesSection.tsx';
import { LiveCheckPanel } from './LiveCheckPanel.tsx';
import { columnOf, patchOf, type TemplateDraft } from './template-draft.ts';

interface Props {
  tenantId: string;
  initial: TemplateDraft;
  creating?: boolean;
  builtIn?: boolean;
}

/** The template's settings and columns, saved as a whole; the live check follows every edit. */
export function ImportTemplateEditor({ tenantId, initial, creating = false, builtIn = false }: Props) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(initial);
  const [saved, setSaved] = useState(false);
  const set = (change: Partial<TemplateDraft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...change }));
  };
  const save = useMutation({
    mutationFn: () =>
      creating
        ? importTemplatesApi.create(tenantId, {
            ...patchOf(draft),
            key: draft.key.trim(),
            label: draft.label.trim(),
            columns: draft.columns.map(columnOf),
          })
        : importTemplatesApi.update(draft.key, tenantId, patchOf(draft)),
    onSuccess: async (template) => {
      await queryClient.invalidateQueries({ queryKey: importTemplatesKey(tenantId) });
      if (creating) return void navigate(importTemplateUrl(template.key, tenantId));
      queryClient.setQueryData(importTemplateKey(template.key, tenantId), template);
      setSaved(true);
    },
  });
  const problems = save.error instanceof ApiError ? (save.error.fields as Record<string, string>) : {};
  return (
    <Stack gap="md">
      <Paper p="lg" component="form" aria-labelledby="template-settings-title" onSubmit={(e) => (e.preventDefault(), save.mutate())}>
        <Title order={2} fz="lg" id="template-settings-title" mb="sm">
          Template
        </Title>
        <Stack gap="sm" maw={640}>
          {creating && (
            <TextInput
              label="Key"
              description="How imports name it: lowercase letters, digits and dashes. It cannot change later."
              value={draft.key}
              onChange={(e) => set({ key: e.currentTarget.value })}
              error={problems.key}
              required
            />
          )}
          <TextInput
            label="Name"
            value={draft.label}
            onChange={(e) => set({ label: e.currentTarget.value })}
            error={problems.label}
            required
          />
          <Textarea
            label="Description"
            description="Shown at the top of the Excel workbook's instructions."
            autosize
            minRows={2}
            value={draft.description}
            onChange={(e) => set({ description: e.currentTarget.value })}
          />
          <Switch
            label="Strict header"
            description="The first line must be exactly these headers, in this order. Off: any case and order, unknown columns ignored."
            checked={draft.strict}
            onChange={(e) => set({ strict: e.currentTarget.checked })}
          />
          <Switch
            label="Every field is required"
            description="Every column must be present and every cell filled."
            checked={draft.allRequired}
            onChange={(e) => set({ allRequired: e.currentTarget.checked })}
          />
          <Checkbox.Group
            label="Import modes allowed"
            error={problems.modes}
            value={draft.modes}
            onChange={(chosen) => set({ modes: importModes.filter((m) => chosen.includes(m)) })}
          >
            <Group gap="md" mt={4}>
              {importModes.map((mode) => (
                <Checkbox key={mode} value={mode} label={modeLabels[mode]} />
              ))}
            </Group>
          </Checkbox.Group>
        </Stack>
        <Title order={2} fz="lg" mt="lg" mb="xs">
          Columns
        </Title>
        <ColumnsEditor columns={draft.columns} onChange={(columns) => set({ columns })} problems={problems} />
        {save.isError && (
          <Alert color="red" variant="light" role="alert" mt="md" title="Not saved">
            {errorMessage(save.error)}
            {problems.columns ? ` ${problems.columns}` : ''}
          </Alert>
        )}
        {saved && (
          <Alert color="green" variant="light" role="status" mt="md">
            Saved. New imports with this template read files this way.
          </Alert>
        )}
        <Group mt="md">
          <Button type="submit" loading={save.isPending}>
            {creating ? 'Create template' : 'Save template'}
          </Button>
          {builtIn && <span>Built-in templates can be changed but not deleted.</span>}
        </Group>
      </Paper>
      <LiveCheckPanel draft={draft} />
    </Stack>
  );
}

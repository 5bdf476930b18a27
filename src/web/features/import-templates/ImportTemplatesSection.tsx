import { Alert, Anchor, Badge, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage, withQuery } from '../../api/client.ts';
import { importTemplatesApi, importTemplatesKey, type ImportTemplateView } from '../../api/import-templates.ts';
import { ListRow } from '../../components/ListRow.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';

export const importTemplateUrl = (key: string, tenantId: string) =>
  withQuery(`/settings/import-templates/${encodeURIComponent(key)}`, { tenantId });

function TemplateRow({ template, tenantId, onDelete }: { template: ImportTemplateView; tenantId: string; onDelete(): void }) {
  const headingId = `import-template-${template.key}`;
  return (
    <ListRow
      id={headingId}
      title={template.label}
      badges={
        <>
          <Badge variant="light" color={template.headerMode === 'strict' ? 'indigo' : 'gray'} radius="sm" style={{ textTransform: 'none' }}>
            {template.headerMode === 'strict' ? 'Strict' : 'Lenient'}
          </Badge>
          {template.builtIn && (
            <Badge variant="outline" color="gray" radius="sm" style={{ textTransform: 'none' }}>
              Built-in
            </Badge>
          )}
        </>
      }
      actions={
        <Group gap="xs" wrap="nowrap">
          <Button
            component={Link}
            to={importTemplateUrl(template.key, tenantId)}
            variant="default"
            size="xs"
            leftSection={<IconPencil size={14} aria-hidden />}
            aria-label={`Edit ${template.label}`}
          >
            Edit
          </Button>
          {!template.builtIn && (
            <Button
              variant="subtle"
              color="red"
              size="xs"
              leftSection={<IconTrash size={14} aria-hidden />}
              aria-label={`Delete ${template.label}`}
              onClick={onDelete}
            >
              Delete
            </Button>
          )}
        </Group>
      }
    >
      <Text size="sm" c="dimmed">
        {template.columns.length} columns: {template.columns.map((c) => c.name).join(', ')}
      </Text>
      <Group gap="md">
        <Anchor href={importTemplatesApi.fileUrl(template.key, tenantId, 'csv')} size="sm">
          <IconDownload size={14} aria-hidden /> CSV
        </Anchor>
        <Anchor href={importTemplatesApi.fileUrl(template.key, tenantId, 'xlsx')} size="sm">
          <IconDownload size={14} aria-hidden /> Excel workbook
        </Anchor>
      </Group>
    </ListRow>
  );
}

/** Settings → Import templates: the tenant's templates, presets to install, and a way to start a new one. */
export function ImportTemplatesSection({ tenantId }: { tenantId: string }) {
  const queryClient = useQueryClient();
  const templates = useQuery({ queryKey: importTemplatesKey(tenantId), queryFn: () => importTemplatesApi.list(tenantId) });
  const presets = useQuery({ queryKey: ['import-template-presets'], queryFn: () => importTemplatesApi.presets() });
  const [preset, setPreset] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: importTemplatesKey(tenantId) });
  const install = useMutation({
    mutationFn: (key: string) => importTemplatesApi.create(tenantId, { preset: key }),
    onSuccess: async (created) => {
      setNotice(`Installed “${created.label}”.`);
      setPreset(null);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (template: ImportTemplateView) => importTemplatesApi.remove(template.key, tenantId).then(() => template),
    onSuccess: async (template) => {
      setNotice(`Deleted “${template.label}”.`);
      await refresh();
    },
  });
  const installed = new Set(templates.data?.map((t) => t.key));
  const failure = install.error ?? remove.error;

  return (
    <Paper p="lg" component="section" aria-labelledby="import-templates-title">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} fz="lg" id="import-templates-title">
            Import templates
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            The spreadsheet layouts people in this tenant import with: their columns, what each one fills, and how strictly the header is
            read.
          </Text>
        </div>
        <Button component={Link} to={importTemplateUrl('new', tenantId)} leftSection={<IconPlus size={16} aria-hidden />} variant="light">
          New template
        </Button>
      </Group>
      <Group align="flex-end" gap="sm" mb="md">
        <Select
          label="Install a preset"
          description="Templates shaped like the guides your people already follow."
          placeholder="Choose a preset"
          maw={360}
          data={(presets.data ?? []).map((p) => ({ value: p.key, label: p.label, disabled: installed.has(p.key) }))}
          value={preset}
          onChange={setPreset}
        />
        <Button disabled={!preset} loading={install.isPending} onClick={() => preset && install.mutate(preset)}>
          Install
        </Button>
      </Group>
      {notice && (
        <Alert
          color="green"
          variant="light"
          role="status"
          mb="sm"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setNotice(null)}
        >
          {notice}
        </Alert>
      )}
      {failure && (
        <Alert color="red" variant="light" role="alert" mb="sm">
          {errorMessage(failure)}
        </Alert>
      )}
      {templates.isPending ? (
        <LoadingState label="Loading the import templates…" />
      ) : templates.isError ? (
        <ErrorState error={templates.error} title="The import templates could not be loaded" onRetry={() => void templates.refetch()} />
      ) : (
        <Stack component="ul" gap={0} p={0} m={0}>
          {templates.data.map((t) => (
            <TemplateRow
              key={t.key}
              template={t}
              tenantId={tenantId}
              onDelete={() => {
                if (window.confirm(`Delete the import template “${t.label}”? Imports already made with it are not affected.`))
                  remove.mutate(t);
              }}
            />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

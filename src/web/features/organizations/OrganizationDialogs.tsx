import { Autocomplete, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { orgKindSchema, orgNameSchema } from '../../../common/schemas/organizations.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { orgsApi } from '../../api/endpoints.ts';
import type { Organization } from '../../api/types.ts';
import { orgsQueryKey } from './useOrganizations.ts';

export type OrgDialog =
  { kind: 'create'; parent: Organization | null } | { kind: 'rename'; org: Organization } | { kind: 'move'; org: Organization } | null;

const firstIssue = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? undefined : r.error?.issues[0]?.message;

export function OrganizationDialogs({ dialog, kinds, onClose }: { dialog: OrgDialog; kinds: string[]; onClose(): void }) {
  const queryClient = useQueryClient();
  const startName = (d: OrgDialog) => (d?.kind === 'rename' ? d.org.name : '');
  const [name, setName] = useState(startName(dialog));
  const [kind, setKind] = useState('');
  const [errors, setErrors] = useState<{ name?: string; kind?: string; form?: string }>({});

  // Each dialog opened starts from a clean form. Reset while rendering, so it never shows the last one's text.
  const [formFor, setFormFor] = useState(dialog);
  if (formFor !== dialog) {
    setFormFor(dialog);
    setErrors({});
    setName(startName(dialog));
    setKind('');
  }

  const save = useMutation({
    mutationFn: async () => {
      if (dialog?.kind === 'rename') return orgsApi.rename(dialog.org.id, name.trim());
      if (dialog?.kind === 'create') return orgsApi.create({ name: name.trim(), kind: kind.trim(), parentId: dialog.parent?.id ?? null });
      throw new Error('No dialog is open.');
    },
    onSuccess: async (org) => {
      await queryClient.invalidateQueries({ queryKey: orgsQueryKey });
      notifications.show({
        color: 'teal',
        title: dialog?.kind === 'rename' ? 'Organization renamed' : 'Organization created',
        message: org.name,
      });
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && Object.keys(error.fields).length) setErrors({ name: error.fields.name, kind: error.fields.kind });
      else setErrors({ form: errorMessage(error) });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local = {
      name: firstIssue(orgNameSchema.safeParse(name)),
      kind: dialog?.kind === 'create' ? firstIssue(orgKindSchema.safeParse(kind)) : undefined,
    };
    setErrors(local);
    if (!local.name && !local.kind) save.mutate();
  };

  const title =
    dialog?.kind === 'rename'
      ? `Rename ${dialog.org.name}`
      : dialog?.kind === 'create'
        ? dialog.parent
          ? `Add an organization under ${dialog.parent.name}`
          : 'New tenant'
        : '';

  return (
    <Modal
      opened={dialog !== null && dialog.kind !== 'move'}
      onClose={onClose}
      title={title}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {dialog?.kind === 'create' && !dialog.parent && (
            <Text size="sm" c="dimmed">
              A tenant is a whole platform, with its own role catalog, templates and accounts.
            </Text>
          )}
          <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} data-autofocus />
          {dialog?.kind === 'create' && (
            <Autocomplete
              label="Kind"
              description="What this level is called, such as county, district or school."
              data={kinds}
              value={kind}
              onChange={setKind}
              // Opening upwards, over the name, the suggestions never cover Create and Cancel.
              comboboxProps={{ position: 'top', middlewares: { flip: false, shift: true } }}
              error={errors.kind}
            />
          )}
          {errors.form && (
            <Text c="red" size="sm" role="alert">
              {errors.form}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {dialog?.kind === 'rename' ? 'Rename' : 'Create'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

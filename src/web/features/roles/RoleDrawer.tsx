import {
  Alert,
  Button,
  Checkbox,
  Drawer,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/client.ts';
import { rolesApi, type Role, type RoleCatalog } from '../../api/roles.ts';

interface Draft {
  label: string;
  permissions: string[];
  mayGrant: string[];
  mayInvite: string[];
  orgKinds: string;
  bulkCreatable: boolean;
  limited: boolean;
  max: number;
  mode: 'warn' | 'block';
  retired: boolean;
}

const draftOf = (role: Role | null): Draft => ({
  label: role?.label ?? '',
  permissions: role?.permissions ?? [],
  mayGrant: role?.mayGrant ?? [],
  mayInvite: role?.mayInvite ?? [],
  orgKinds: (role?.orgKinds ?? []).join(', '),
  bulkCreatable: role?.bulkCreatable ?? false,
  limited: role?.perOrgLimit != null,
  max: role?.perOrgLimit?.max ?? 2,
  mode: role?.perOrgLimit?.mode ?? 'block',
  retired: role?.retired ?? false,
});

/** Adding or editing one role: its name, a checklist of what holders may do in plain words, whom they may give or invite, its limit. */
export function RoleDrawer({
  opened,
  role,
  catalog,
  tenantId,
  onClose,
  onSaved,
}: {
  opened: boolean;
  role: Role | null;
  catalog: RoleCatalog;
  tenantId?: string;
  onClose(): void;
  onSaved(): void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(role));
  const [problem, setProblem] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const others = catalog.items.map((r) => ({ value: r.key, label: r.label }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setProblem(null);
    setFields({});
    const input = {
      label: draft.label,
      permissions: draft.permissions,
      mayGrant: draft.mayGrant,
      mayInvite: draft.mayInvite,
      orgKinds: draft.orgKinds
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
      bulkCreatable: draft.bulkCreatable,
      perOrgLimit: draft.limited ? { max: draft.max, mode: draft.mode } : null,
    };
    try {
      if (role) await rolesApi.update(role.key, { ...input, retired: draft.retired }, tenantId);
      else await rolesApi.create({ ...input, ...(tenantId ? { tenantId } : {}) });
      onSaved();
    } catch (error) {
      setProblem(errorMessage(error));
      if (error instanceof ApiError) setFields(error.fields);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="lg" title={role ? `Edit ${role.label}` : 'Add a role'}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          {problem && (
            <Alert color="red" variant="light" role="alert">
              {problem}
            </Alert>
          )}
          <TextInput label="Name" required value={draft.label} onChange={(e) => set('label', e.currentTarget.value)} error={fields.label} />
          <Checkbox.Group label="Holders may" value={draft.permissions} onChange={(v) => set('permissions', v)} error={fields.permissions}>
            <Stack gap={6} mt={6}>
              {catalog.permissions.map((p) => (
                <Checkbox key={p.key} value={p.key} label={p.description} />
              ))}
            </Stack>
          </Checkbox.Group>
          <MultiSelect
            label="May give these roles"
            data={others}
            value={draft.mayGrant}
            onChange={(v) => set('mayGrant', v)}
            searchable
            error={fields.mayGrant}
          />
          <MultiSelect
            label="May invite people as"
            data={others}
            value={draft.mayInvite}
            onChange={(v) => set('mayInvite', v)}
            searchable
            error={fields.mayInvite}
          />
          <TextInput
            label="Held at these kinds of organization"
            description="Comma-separated, for example: site. Leave empty for any."
            value={draft.orgKinds}
            onChange={(e) => set('orgKinds', e.currentTarget.value)}
          />
          <Switch
            label="May be given by import"
            checked={draft.bulkCreatable}
            onChange={(e) => set('bulkCreatable', e.currentTarget.checked)}
          />
          <Switch
            label="Limit how many people hold it at one organization"
            checked={draft.limited}
            onChange={(e) => set('limited', e.currentTarget.checked)}
          />
          {draft.limited && (
            <Group align="flex-end">
              <NumberInput label="At most" min={1} max={100000} value={draft.max} onChange={(v) => set('max', Number(v) || 1)} w={120} />
              <Stack gap={4}>
                <Text size="sm" fw={500} id="limit-mode">
                  When reached
                </Text>
                <SegmentedControl
                  aria-labelledby="limit-mode"
                  value={draft.mode}
                  onChange={(v) => set('mode', v as 'warn' | 'block')}
                  data={[
                    { value: 'block', label: 'Refuse' },
                    { value: 'warn', label: 'Warn' },
                  ]}
                />
              </Stack>
            </Group>
          )}
          {role && (
            <Switch
              label="Retired: nobody new can be given this role (holders keep it)"
              checked={draft.retired}
              onChange={(e) => set('retired', e.currentTarget.checked)}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              {role ? 'Save role' : 'Add role'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}

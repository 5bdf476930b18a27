import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { orgsApi } from '../../api/endpoints.ts';
import type { Organization } from '../../api/types.ts';
import { orgsQueryKey, type OrgIndex } from './useOrganizations.ts';

/** True when `id` is `ancestor` or lies below it. */
function within(index: OrgIndex, id: string, ancestor: string): boolean {
  for (let at = index.byId.get(id); at; at = at.parentId ? index.byId.get(at.parentId) : undefined) if (at.id === ancestor) return true;
  return false;
}

/** Moving an organization under another parent of its tenant; what it holds comes along. */
export function MoveOrganizationDialog({ org, index, onClose }: { org: Organization | null; index: OrgIndex; onClose(): void }) {
  const queryClient = useQueryClient();
  const [parentId, setParentId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Each organization opened starts from a clean form; reset while rendering.
  const [formFor, setFormFor] = useState(org);
  if (formFor !== org) {
    setFormFor(org);
    setParentId(null);
    setProblem(null);
  }
  const options = org
    ? index.options.filter((o) => {
        const candidate = index.byId.get(o.value);
        return candidate?.tenantId === org.tenantId && o.value !== org.parentId && !within(index, o.value, org.id);
      })
    : [];
  const move = useMutation({
    mutationFn: () => orgsApi.move(org?.id ?? '', parentId ?? ''),
    onSuccess: async (moved) => {
      await queryClient.invalidateQueries({ queryKey: orgsQueryKey });
      await queryClient.invalidateQueries({ queryKey: ['accounts'] });
      notifications.show({
        color: 'teal',
        title: 'Organization moved',
        message: `${moved.name} is now under ${index.byId.get(moved.parentId ?? '')?.name ?? 'its new parent'}.`,
      });
      onClose();
    },
    onError: (error) => setProblem(errorMessage(error)),
  });
  return (
    <Modal
      opened={org !== null}
      onClose={onClose}
      title={org ? `Move ${org.name}` : ''}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="md">
        <Text size="sm">
          Everything inside it comes along: the organizations below it and their accounts. Roles that would no longer sit at their holder’s
          organization, above it or inside it are removed, and the history says so.
        </Text>
        <Select
          label="New parent"
          placeholder="Choose an organization"
          searchable
          data={options}
          value={parentId}
          onChange={setParentId}
          allowDeselect={false}
          nothingFoundMessage="No organization matches"
          comboboxProps={{ position: 'bottom', middlewares: { flip: false, shift: true } }}
        />
        {problem && (
          <Alert
            color="red"
            variant="light"
            title="The organization was not moved"
            role="alert"
            styles={{ title: { color: 'var(--mantine-color-text)' } }}
          >
            {problem}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => move.mutate()} disabled={!parentId} loading={move.isPending}>
            Move
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

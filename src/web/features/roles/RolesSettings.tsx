import { Badge, Button, Group, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Role } from '../../api/roles.ts';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { RoleDrawer } from './RoleDrawer.tsx';
import { useRoles } from './useRoles.ts';

/** Settings → Roles: the tenant's catalog, each role editable in a drawer. */
export function RolesSettings({ tenantId }: { tenantId: string }) {
  const roles = useRoles(undefined, tenantId);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ role: Role | null } | null>(null);
  const saved = () => {
    setEditing(null);
    void queryClient.invalidateQueries({ queryKey: ['roles'] });
  };

  return (
    <Paper p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg">
          Roles
        </Title>
        <Button size="xs" onClick={() => setEditing({ role: null })} disabled={!roles.data}>
          Add role
        </Button>
      </Group>
      {roles.isPending ? (
        <LoadingState label="Loading roles…" />
      ) : roles.error ? (
        <ErrorState error={roles.error} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Role</Table.Th>
                <Table.Th>Holders may</Table.Th>
                <Table.Th>Per organization</Table.Th>
                <Table.Th>By import</Table.Th>
                <Table.Th>Held by</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {roles.data.items.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td>
                    <Text fw={500}>{r.label}</Text>
                    <Text size="xs" c="dimmed">
                      {r.key}
                      {r.retired && (
                        <Badge ml="xs" color="gray" size="xs">
                          Retired
                        </Badge>
                      )}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {r.permissions.length === 0 ? 'Nothing beyond their own account' : `${r.permissions.length} permissions`}
                  </Table.Td>
                  <Table.Td>
                    {r.perOrgLimit ? `At most ${r.perOrgLimit.max} (${r.perOrgLimit.mode === 'block' ? 'refuse' : 'warn'})` : 'No limit'}
                  </Table.Td>
                  <Table.Td>{r.bulkCreatable ? 'Yes' : 'No'}</Table.Td>
                  <Table.Td>{r.holders}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" onClick={() => setEditing({ role: r })} aria-label={`Edit ${r.label}`}>
                      Edit
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && roles.data && (
        <RoleDrawer opened role={editing.role} catalog={roles.data} tenantId={tenantId} onClose={() => setEditing(null)} onSaved={saved} />
      )}
    </Paper>
  );
}

import { Alert, List, Text } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import type { Account, Organization } from '../../api/types.ts';

type RoleHeld = Account['roles'][number];

/**
 * The roles a move takes away, by the server's rule (docs/SECURITY.md, "Moves"): a role stays when it is
 * held at the new organization, above it, or inside it; any other is removed.
 */
export function rolesLostOnMove(roles: readonly RoleHeld[], destinationId: string, byId: ReadonlyMap<string, Organization>): RoleHeld[] {
  const lineage = (id: string): string[] => {
    const chain: string[] = [];
    for (let org = byId.get(id); org; org = org.parentId ? byId.get(org.parentId) : undefined) chain.push(org.id);
    return chain;
  };
  const aboveOrAt = new Set(lineage(destinationId));
  return roles.filter((role) => !aboveOrAt.has(role.orgId) && !lineage(role.orgId).includes(destinationId));
}

/** Shown in the edit form once another organization is chosen: exactly which roles the move removes. */
export function MoveNotice({
  roles,
  destinationId,
  byId,
}: {
  roles: readonly RoleHeld[];
  destinationId: string;
  byId: ReadonlyMap<string, Organization>;
}) {
  const destination = byId.get(destinationId)?.name ?? 'the new organization';
  const lost = rolesLostOnMove(roles, destinationId, byId);
  const kept = roles.filter((role) => !lost.includes(role));
  return (
    <Alert
      color={lost.length > 0 ? 'yellow' : 'blue'}
      variant="light"
      // The light variant's coloured title is too faint on its background; dark text reads at any tint.
      styles={{ title: { color: 'var(--mantine-color-dark-8)' } }}
      icon={<IconArrowsExchange size={18} />}
      title={`Moving to ${destination}`}
      data-testid="move-notice"
    >
      {lost.length > 0 ? (
        <List size="sm" spacing={2}>
          {lost.map((role) => (
            <List.Item key={`${role.key}:${role.orgId}`}>
              {role.label} at {role.orgName} will be removed.
            </List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm">No role is removed.</Text>
      )}
      {kept.length > 0 && (
        <Text size="sm" mt={4}>
          Kept: {kept.map((role) => `${role.label} at ${role.orgName}`).join(', ')}.
        </Text>
      )}
    </Alert>
  );
}

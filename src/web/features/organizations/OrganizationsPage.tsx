import { ActionIcon, Anchor, Badge, Box, Button, Group, Paper, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowsMove, IconChevronDown, IconChevronRight, IconPencil, IconPlus, IconTrash, IconUsers } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { countOf } from '../../components/plural.ts';
import { Permissions } from '../../../common/permissions.ts';
import type { Organization } from '../../api/types.ts';
import { can, useSession } from '../../app/session.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { errorMessage } from '../../api/client.ts';
import { orgsApi } from '../../api/endpoints.ts';
import { MoveOrganizationDialog } from './MoveOrganizationDialog.tsx';
import { OrganizationDialogs, type OrgDialog } from './OrganizationDialogs.tsx';
import { orgsQueryKey, useOrganizations } from './useOrganizations.ts';

interface NodeProps {
  org: Organization;
  childrenOf: Map<string | null, Organization[]>;
  collapsed: Set<string>;
  onToggle(id: string): void;
  onDialog(d: OrgDialog): void;
  canWrite: boolean;
}

function OrgNode({ org, childrenOf, collapsed, onToggle, onDialog, canWrite }: NodeProps) {
  const children = childrenOf.get(org.id) ?? [];
  const confirmRemove = useConfirmRemove();
  const open = !collapsed.has(org.id);
  return (
    <li>
      <Group justify="space-between" wrap="nowrap" py={8} px="sm" style={{ borderRadius: 'var(--mantine-radius-md)' }} className="org-row">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          {children.length > 0 ? (
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              onClick={() => onToggle(org.id)}
              aria-expanded={open}
              aria-label={`${open ? 'Collapse' : 'Expand'} ${org.name}`}
            >
              {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
            </ActionIcon>
          ) : (
            <Box w={22} aria-hidden />
          )}
          <Text fw={org.parentId ? 500 : 700} size="sm" truncate>
            {org.name}
          </Text>
          <Badge size="xs" variant="light" color="gray" radius="sm" style={{ textTransform: 'none' }}>
            {org.kind}
          </Badge>
          {children.length > 0 && (
            <Text size="xs" c="dimmed">
              {children.length} {children.length === 1 ? 'unit' : 'units'}
            </Text>
          )}
        </Group>
        <Group gap={4} wrap="nowrap">
          <Tooltip label="Accounts in this organization">
            <ActionIcon
              component={Link}
              to={`/accounts?orgId=${encodeURIComponent(org.id)}`}
              variant="subtle"
              color="gray"
              aria-label={`Accounts in ${org.name}`}
            >
              <IconUsers size={16} />
            </ActionIcon>
          </Tooltip>
          {canWrite && (
            <>
              <Tooltip label="Rename">
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={() => onDialog({ kind: 'rename', org })}
                  aria-label={`Rename ${org.name}`}
                >
                  <IconPencil size={16} />
                </ActionIcon>
              </Tooltip>
              {org.parentId && (
                <Tooltip label="Move with everything inside it">
                  <ActionIcon variant="subtle" color="gray" onClick={() => onDialog({ kind: 'move', org })} aria-label={`Move ${org.name}`}>
                    <IconArrowsMove size={16} />
                  </ActionIcon>
                </Tooltip>
              )}
              {org.parentId && children.length === 0 && (
                <Tooltip label="Remove (only when empty)">
                  <ActionIcon variant="subtle" color="red" onClick={() => confirmRemove(org)} aria-label={`Remove ${org.name}`}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              )}
              <Tooltip label="Add an organization inside this one">
                <ActionIcon
                  variant="subtle"
                  onClick={() => onDialog({ kind: 'create', parent: org })}
                  aria-label={`Add an organization under ${org.name}`}
                >
                  <IconPlus size={16} />
                </ActionIcon>
              </Tooltip>
            </>
          )}
        </Group>
      </Group>
      {children.length > 0 && open && (
        <ul style={{ listStyle: 'none', margin: 0, paddingLeft: 22, borderLeft: '1px solid var(--mantine-color-gray-2)', marginLeft: 20 }}>
          {children.map((c) => (
            <OrgNode
              key={c.id}
              org={c}
              childrenOf={childrenOf}
              collapsed={collapsed}
              onToggle={onToggle}
              onDialog={onDialog}
              canWrite={canWrite}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

/** "Remove" asks first; the server refuses an organization that still holds something and says what. */
function useConfirmRemove() {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (org: Organization) => orgsApi.remove(org.id).then(() => org),
    onSuccess: async (org) => {
      await queryClient.invalidateQueries({ queryKey: orgsQueryKey });
      notifications.show({ color: 'teal', title: 'Organization removed', message: org.name });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'The organization was not removed', message: errorMessage(error) }),
  });
  return (org: Organization) =>
    modals.openConfirmModal({
      title: `Remove ${org.name}?`,
      children: <Text size="sm">Only an empty organization can be removed: no accounts, roles, groups, invitations or imports.</Text>,
      labels: { confirm: 'Remove', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      closeButtonProps: { 'aria-label': 'Close' },
      onConfirm: () => remove.mutate(org),
    });
}

export function OrganizationsPage() {
  useDocumentTitle('Organizations');
  const me = useSession();
  const orgs = useOrganizations();
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<OrgDialog>(null);

  const { roots, childrenOf, kinds } = useMemo(() => {
    const list = orgs.index.list;
    const ids = new Set(list.map((o) => o.id));
    const childrenOf = new Map<string | null, Organization[]>();
    const roots: Organization[] = [];
    for (const o of list) {
      // The top of the signed-in person's reach is a root here, even when it has a parent they cannot see.
      if (!o.parentId || !ids.has(o.parentId)) roots.push(o);
      else childrenOf.set(o.parentId, [...(childrenOf.get(o.parentId) ?? []), o]);
    }
    return { roots, childrenOf, kinds: [...new Set(list.map((o) => o.kind))].sort() };
  }, [orgs.index.list]);

  const toggle = (id: string) =>
    setCollapsed((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const canWrite = can(me, Permissions.orgsWrite);

  return (
    <>
      <PageHeader
        title="Organizations"
        description={me.isGlobalAdmin ? 'Every tenant and its tree of organizations.' : 'The part of the organization tree you manage.'}
        actions={
          <>
            {collapsed.size > 0 ? (
              <Button variant="default" onClick={() => setCollapsed(new Set())}>
                Expand all
              </Button>
            ) : (
              childrenOf.size > 0 && (
                <Button variant="default" onClick={() => setCollapsed(new Set(childrenOf.keys() as Iterable<string>))}>
                  Collapse all
                </Button>
              )
            )}
            {me.isGlobalAdmin && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog({ kind: 'create', parent: null })}>
                New tenant
              </Button>
            )}
          </>
        }
      />
      <Paper p="sm">
        {orgs.isPending ? (
          <LoadingState label="Loading organizations…" />
        ) : orgs.isError ? (
          <ErrorState error={orgs.error} onRetry={() => void orgs.refetch()} />
        ) : roots.length === 0 ? (
          <EmptyState
            title="No organizations yet"
            action={
              me.isGlobalAdmin && <Button onClick={() => setDialog({ kind: 'create', parent: null })}>Create the first tenant</Button>
            }
          >
            Organizations hold accounts: a state and its counties, a district and its schools, a programme and its groups.
          </EmptyState>
        ) : (
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="Organization tree">
            {roots.map((o) => (
              <OrgNode
                key={o.id}
                org={o}
                childrenOf={childrenOf}
                collapsed={collapsed}
                onToggle={toggle}
                onDialog={setDialog}
                canWrite={canWrite}
              />
            ))}
          </ul>
        )}
      </Paper>
      {!orgs.isPending && !orgs.isError && roots.length > 0 && (
        <Text size="xs" c="dimmed" mt="sm">
          {countOf(orgs.index.list.length, 'organization')} ·{' '}
          <Anchor component={Link} to="/audit?action=organization.renamed" size="xs" underline="always">
            renaming history
          </Anchor>
        </Text>
      )}
      <OrganizationDialogs dialog={dialog} kinds={kinds} onClose={() => setDialog(null)} />
      <MoveOrganizationDialog org={dialog?.kind === 'move' ? dialog.org : null} index={orgs.index} onClose={() => setDialog(null)} />
    </>
  );
}

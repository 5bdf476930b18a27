import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Permissions } from '../../../common/permissions.ts';
import { errorMessage } from '../../api/client.ts';
import { rolesApi } from '../../api/roles.ts';
import type { Account } from '../../api/types.ts';
import { can, useSession } from '../../app/session.ts';
import { useOrganizations } from '../organizations/useOrganizations.ts';
import { roleOptions, useRoles } from './useRoles.ts';

/** The account's roles, with "Take away" for each and a form to give another (only what the viewer may give there). */
export function ProfileRoles({ account }: { account: Account }) {
  const me = useSession();
  const queryClient = useQueryClient();
  const { index } = useOrganizations();
  const mayChange = can(me, Permissions.accountsWrite) && account.id !== me.account.id;
  const [orgId, setOrgId] = useState<string | null>(null);
  const [role, setRole] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const roles = useRoles(orgId ?? undefined);

  const reload = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['account', account.id] }), queryClient.invalidateQueries()]);
  const run = async (work: () => Promise<string>) => {
    setNotice(null);
    try {
      setNotice({ ok: true, text: await work() });
      await reload();
    } catch (error) {
      setNotice({ ok: false, text: errorMessage(error) });
    }
  };
  const give = () =>
    run(async () => {
      const result = await rolesApi.grant(account.id, role as string, orgId as string);
      setRole(null);
      return result.warnings[0]?.message ?? 'The role was given.';
    });

  return (
    <Paper p="lg">
      <Title order={2} fz="md" mb="md">
        Roles
      </Title>
      {notice && (
        <Alert color={notice.ok ? 'green' : 'red'} variant="light" role={notice.ok ? 'status' : 'alert'} mb="sm">
          {notice.text}
        </Alert>
      )}
      {account.isGlobalAdmin && (
        <Badge color="grape" variant="light" mb="sm">
          Global administrator
        </Badge>
      )}
      <Stack gap="xs">
        {account.roles.length === 0 && !account.isGlobalAdmin && (
          <Text size="sm" c="dimmed">
            No roles. This person manages nothing.
          </Text>
        )}
        {account.roles.map((r) => (
          <Group key={r.grantId} justify="space-between" wrap="nowrap">
            <div>
              <Text size="sm" fw={500}>
                {r.label}
              </Text>
              <Text size="xs" c="dimmed">
                {r.orgName}
              </Text>
            </div>
            {mayChange && (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                aria-label={`Take away ${r.label} at ${r.orgName}`}
                onClick={() =>
                  void run(async () => {
                    await rolesApi.revoke(account.id, r.grantId);
                    return `${r.label} at ${r.orgName} was taken away.`;
                  })
                }
              >
                Take away
              </Button>
            )}
          </Group>
        ))}
      </Stack>
      {mayChange && (
        <Stack gap="xs" mt="md">
          <Select
            label="Give a role at"
            placeholder="Organization"
            searchable
            data={index.options}
            value={orgId}
            onChange={(v) => {
              setOrgId(v);
              setRole(null);
            }}
          />
          <Select
            label="Role"
            placeholder={orgId ? 'Choose a role' : 'Choose an organization first'}
            data={orgId ? roleOptions(roles.data?.items, 'grant') : []}
            value={role}
            onChange={setRole}
          />
          <Button size="xs" disabled={!orgId || !role} onClick={() => void give()}>
            Give role
          </Button>
        </Stack>
      )}
    </Paper>
  );
}

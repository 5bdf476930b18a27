import { Alert, Paper, Radio, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { tenantSettingsApi } from '../../api/settings.ts';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { tenantSettingsKey, useAdministeredTenants } from '../settings/tenants.ts';

type ScimDelete = 'archive' | 'erase';

/** For tenant administrators: what an identity provider's DELETE does to an account in their tenant. */
export function ScimDeleteSetting() {
  const { tenants } = useAdministeredTenants();
  const [chosen, setChosen] = useState<string | null>(null);
  const tenantId = chosen ?? tenants[0]?.id ?? null;
  if (!tenantId) return null;
  return (
    <Paper p="md">
      <Title order={2} fz="lg" mb="sm">
        Deleted users
      </Title>
      <Stack gap="sm">
        {tenants.length > 1 && (
          <Select
            label="Tenant"
            maw={400}
            searchable
            allowDeselect={false}
            data={tenants.map((t) => ({ value: t.id, label: t.name }))}
            value={tenantId}
            onChange={setChosen}
          />
        )}
        <DeleteChoice key={tenantId} tenantId={tenantId} />
      </Stack>
    </Paper>
  );
}

function DeleteChoice({ tenantId }: { tenantId: string }) {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: tenantSettingsKey(tenantId), queryFn: () => tenantSettingsApi.get(tenantId) });
  const [problem, setProblem] = useState<string | null>(null);
  if (settings.isPending) return <LoadingState label="Loading the tenant’s settings…" />;
  if (settings.error) return <ErrorState error={settings.error} />;
  const save = async (value: ScimDelete) => {
    setProblem(null);
    try {
      const view = await tenantSettingsApi.update(tenantId, { scimDelete: value });
      queryClient.setQueryData(tenantSettingsKey(tenantId), view);
      notifications.show({
        color: 'teal',
        title: 'Saved',
        message: value === 'erase' ? 'Deleted users will be erased.' : 'Deleted users will be archived.',
      });
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };
  return (
    <>
      {problem && (
        <Alert color="red" variant="light" role="alert">
          {problem}
        </Alert>
      )}
      <Radio.Group
        label="When the provider deletes a user"
        value={settings.data.scimDelete}
        onChange={(v) => void save(v as ScimDelete)}
        description={`Applies to every SCIM token of ${settings.data.tenantName}.`}
      >
        <Stack gap="xs" mt="xs">
          <Radio
            value="archive"
            label="Archive the account: it can no longer sign in, keeps its history, and the provider no longer sees it"
          />
          <Radio value="erase" label="Erase the account and everything that belongs to it (the audit trail keeps the deletion)" />
        </Stack>
      </Radio.Group>
      <Text size="xs" c="dimmed">
        Providers usually deactivate first (archived either way) and delete weeks later.
      </Text>
    </>
  );
}

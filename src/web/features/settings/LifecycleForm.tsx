import { Alert, Button, Group, NumberInput, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/client.ts';
import { tenantSettingsApi, type TenantSettingsView } from '../../api/settings.ts';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { tenantSettingsKey } from './tenants.ts';

const blankToNull = (value: number | string) => (value === '' ? null : Number(value));

function LifecycleFields({ tenantId, saved }: { tenantId: string; saved: TenantSettingsView }) {
  const queryClient = useQueryClient();
  const [threshold, setThreshold] = useState<number | string>(saved.bulkChangeThreshold ?? '');
  const [days, setDays] = useState<number | string>(saved.inactivityDays ?? '');
  const [archive, setArchive] = useState(saved.inactivityArchive);
  const [noticeDays, setNoticeDays] = useState<number | string>(saved.inactivityNoticeDays);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFields({});
    setProblem(null);
    setBusy(true);
    try {
      const view = await tenantSettingsApi.update(tenantId, {
        bulkChangeThreshold: blankToNull(threshold),
        inactivityDays: blankToNull(days),
        inactivityArchive: archive,
        inactivityNoticeDays: Number(noticeDays),
      });
      queryClient.setQueryData(tenantSettingsKey(tenantId), view);
      notifications.show({ color: 'teal', title: 'Saved', message: `${view.tenantName}: mass changes and inactivity settings saved.` });
    } catch (error) {
      setProblem(errorMessage(error));
      if (error instanceof ApiError) setFields(error.fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="lifecycle-heading">
      <Stack gap="md">
        {problem && (
          <Alert color="red" variant="light" role="alert">
            {problem}
          </Alert>
        )}
        <NumberInput
          label="Ask for confirmation above (accounts)"
          description="A bulk change to more accounts than this must be confirmed. Empty: 100 or a tenth of the active accounts, whichever is smaller."
          min={1}
          value={threshold}
          onChange={setThreshold}
          error={fields.bulkChangeThreshold}
          maw={520}
        />
        <NumberInput
          label="Inactive after (days without sign-in)"
          description="Empty: inactivity is not tracked."
          min={7}
          max={3650}
          value={days}
          onChange={setDays}
          error={fields.inactivityDays}
          maw={520}
        />
        <Switch
          label="Archive inactive accounts every night, after an email notice"
          checked={archive}
          disabled={days === ''}
          onChange={(e) => setArchive(e.currentTarget.checked)}
        />
        <NumberInput
          label="Send the notice this many days before"
          min={1}
          max={90}
          value={noticeDays}
          onChange={setNoticeDays}
          error={fields.inactivityNoticeDays}
          maw={520}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            Save mass changes and inactivity
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Settings → Mass changes and inactivity, for one tenant. */
export function LifecycleForm({ tenantId }: { tenantId: string }) {
  const settings = useQuery({ queryKey: tenantSettingsKey(tenantId), queryFn: () => tenantSettingsApi.get(tenantId) });
  return (
    <Paper p="lg">
      <Title order={2} fz="lg" id="lifecycle-heading">
        Mass changes and inactivity
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        When a bulk change needs an explicit confirmation, and what happens to accounts nobody uses.
      </Text>
      {settings.isPending ? (
        <LoadingState label="Loading these settings…" />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <LifecycleFields key={`${tenantId}:${settings.dataUpdatedAt}`} tenantId={tenantId} saved={settings.data} />
      )}
    </Paper>
  );
}

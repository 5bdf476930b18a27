import { Alert, Button, Group, NumberInput, Paper, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/client.ts';
import { tenantSettingsApi, type TenantSettingsView } from '../../api/settings.ts';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { tenantSettingsKey } from './tenants.ts';

function PolicyFields({ tenantId, saved }: { tenantId: string; saved: TenantSettingsView }) {
  const queryClient = useQueryClient();
  const [minLength, setMinLength] = useState<number | string>(saved.passwordMinLength);
  const [days, setDays] = useState<number | string>(saved.temporaryPasswordDays);
  const [attestation, setAttestation] = useState(saved.attestation ?? '');
  const [notify, setNotify] = useState(saved.notifyInviterOnAcceptance);
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
        passwordMinLength: Number(minLength),
        temporaryPasswordDays: Number(days),
        attestation: attestation.trim() === '' ? null : attestation.trim(),
        notifyInviterOnAcceptance: notify,
      });
      queryClient.setQueryData(tenantSettingsKey(tenantId), view);
      notifications.show({ color: 'teal', title: 'Password policy saved', message: `${view.tenantName} now follows these rules.` });
    } catch (error) {
      setProblem(errorMessage(error));
      if (error instanceof ApiError) setFields(error.fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="policy-heading">
      <Stack gap="md">
        {saved.temporaryPasswordInEmail && (
          <Alert color="orange" variant="light" title="Temporary passwords are sent by email">
            Anyone who reads a welcome email can sign in until the password is changed. Keep the lapse short, or switch it off under
            Onboarding.
          </Alert>
        )}
        {problem && (
          <Alert color="red" variant="light" role="alert">
            {problem}
          </Alert>
        )}
        <Group align="flex-start">
          <NumberInput
            label="Minimum password length"
            description="From 8 to 64 characters."
            min={8}
            max={64}
            value={minLength}
            onChange={setMinLength}
            error={fields.passwordMinLength}
            w={240}
          />
          <NumberInput
            label="Temporary passwords lapse after (days)"
            description="Unless the person changes it first."
            min={1}
            max={365}
            value={days}
            onChange={setDays}
            error={fields.temporaryPasswordDays}
            w={280}
          />
        </Group>
        <Textarea
          label="Sentence to confirm"
          description="When set, people tick it before creating an account or sending an invitation, and the audit records it. Leave empty for none."
          value={attestation}
          onChange={(e) => setAttestation(e.currentTarget.value)}
          error={fields.attestation}
          autosize
          minRows={2}
        />
        <Switch
          label="Tell the person who invited someone when that person registers"
          checked={notify}
          onChange={(e) => setNotify(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            Save password policy
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Settings → Password policy and attestation, for one tenant. */
export function PolicyForm({ tenantId }: { tenantId: string }) {
  const settings = useQuery({ queryKey: tenantSettingsKey(tenantId), queryFn: () => tenantSettingsApi.get(tenantId) });
  return (
    <Paper p="lg">
      <Title order={2} fz="lg" id="policy-heading">
        Password policy and confirmation
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        How long passwords must be, how long temporary ones last, and what people confirm before adding someone.
      </Text>
      {settings.isPending ? (
        <LoadingState label="Loading the password policy…" />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <PolicyFields key={`${tenantId}:${settings.dataUpdatedAt}`} tenantId={tenantId} saved={settings.data} />
      )}
    </Paper>
  );
}

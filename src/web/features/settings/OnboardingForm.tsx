import { Alert, Button, Group, NumberInput, Paper, Radio, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconAlertTriangle } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { tenantSettingsSchema, type OnboardingMode, type TenantSettings } from '../../../common/schemas/tenant-settings.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { tenantSettingsApi, type TenantSettingsView } from '../../api/settings.ts';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { tenantSettingsKey } from './tenants.ts';

// Coloured titles on a pale background fall below WCAG AA contrast; the title takes the text colour.
const readableTitle = { title: { color: 'var(--mantine-color-text)' } };

type Field = keyof TenantSettings;
type Errors = Partial<Record<Field | 'form', string>>;

const modeChoices: { value: OnboardingMode; label: string; description: string }[] = [
  {
    value: 'activation_link',
    label: 'Activation link (recommended)',
    description:
      'New people get an email with a link to choose their own password. Nobody else ever knows it. An unused link stops working after the registration window.',
  },
  {
    value: 'temporary_password',
    label: 'Temporary password',
    description:
      'The administrator types a password for each new account and passes it on; the person must change it when they first sign in. Every new account needs one.',
  },
];

function errorsFrom(error: unknown): Errors {
  if (!(error instanceof ApiError)) return { form: errorMessage(error) };
  const errors: Errors = {};
  for (const [field, message] of Object.entries(error.fields)) {
    if (field in tenantSettingsSchema.shape) errors[field as Field] = message;
    else errors.form = message;
  }
  if (Object.keys(errors).length === 0) errors.form = error.message;
  return errors;
}

function OnboardingFields({ tenantId, saved }: { tenantId: string; saved: TenantSettingsView }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<{
    onboarding: OnboardingMode;
    registrationWindowDays: number | string;
    temporaryPasswordInEmail: boolean;
  }>({
    onboarding: saved.onboarding,
    registrationWindowDays: saved.registrationWindowDays,
    temporaryPasswordInEmail: saved.temporaryPasswordInEmail,
  });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // NumberInput gives '' while the field is empty; the shared schema then explains what is wanted.
    const input = {
      ...values,
      registrationWindowDays: values.registrationWindowDays === '' ? Number.NaN : Number(values.registrationWindowDays),
    };
    // The form holds some of the settings; the rest keep their value (PATCH changes only what is sent).
    const parsed = tenantSettingsSchema.partial().safeParse(input);
    if (!parsed.success) {
      const local: Errors = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? 'form') as Field;
        local[key] ??=
          key === 'registrationWindowDays' && Number.isNaN(input.registrationWindowDays)
            ? 'Enter a number of days between 1 and 365.'
            : issue.message;
      }
      setErrors(local);
      return;
    }
    setBusy(true);
    try {
      const view = await tenantSettingsApi.update(tenantId, parsed.data);
      queryClient.setQueryData(tenantSettingsKey(tenantId), view);
      notifications.show({
        color: 'teal',
        title: 'Onboarding settings saved',
        message: `New accounts in ${view.tenantName} now follow these settings.`,
      });
    } catch (error) {
      setErrors(errorsFrom(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="onboarding-heading">
      <Stack gap="lg">
        {errors.form && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="The settings were not saved" role="alert">
            {errors.form}
          </Alert>
        )}
        <Radio.Group
          label="How new people get their first password"
          name="onboarding"
          value={values.onboarding}
          onChange={(v) => set('onboarding', v as OnboardingMode)}
          error={errors.onboarding}
        >
          <Stack gap="sm" mt="xs">
            {modeChoices.map((choice) => (
              <Radio key={choice.value} value={choice.value} label={choice.label} description={choice.description} />
            ))}
          </Stack>
        </Radio.Group>
        <NumberInput
          label="Registration window (days)"
          name="registrationWindowDays"
          description="How long an activation link works. When it runs out unused, the account becomes Expired and can be sent a new link."
          min={1}
          max={365}
          allowDecimal={false}
          allowNegative={false}
          // Out-of-range values stay as typed and are explained, rather than silently changed on blur.
          clampBehavior="none"
          maw={360}
          value={values.registrationWindowDays}
          onChange={(v) => set('registrationWindowDays', v)}
          error={errors.registrationWindowDays}
        />
        <Stack gap="xs">
          <Switch
            label="Include the temporary password in the welcome email"
            name="temporaryPasswordInEmail"
            description="When an administrator sets a temporary password, the welcome email shows it. Off: the email says the administrator will pass it on."
            checked={values.temporaryPasswordInEmail}
            onChange={(e) => set('temporaryPasswordInEmail', e.currentTarget.checked)}
            error={errors.temporaryPasswordInEmail}
          />
          {values.temporaryPasswordInEmail && (
            <Alert
              color="yellow"
              variant="light"
              styles={readableTitle}
              icon={<IconAlertTriangle size={18} />}
              title="Email is not a safe place for a password"
            >
              Messages are stored in mailboxes, forwarded and copied to other devices, so anyone who reads one can sign in until the
              password is changed. Prefer activation links, or pass passwords on another way.
            </Alert>
          )}
        </Stack>
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            Save onboarding settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The "Onboarding" section of the settings page, for one tenant. */
export function OnboardingForm({ tenantId }: { tenantId: string }) {
  const settings = useQuery({ queryKey: tenantSettingsKey(tenantId), queryFn: () => tenantSettingsApi.get(tenantId) });
  return (
    <Paper p="lg">
      <Title order={2} fz="lg" id="onboarding-heading">
        Onboarding
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        How people added by an administrator get into their new account.
      </Text>
      {settings.isPending ? (
        <LoadingState label="Loading the onboarding settings…" />
      ) : settings.isError ? (
        <ErrorState error={settings.error} title="The onboarding settings could not be loaded" onRetry={() => void settings.refetch()} />
      ) : (
        // Keyed by tenant: choosing another tenant starts from that tenant's saved values.
        <OnboardingFields key={tenantId} tenantId={tenantId} saved={settings.data} />
      )}
    </Paper>
  );
}

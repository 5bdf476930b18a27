import { Alert, Anchor, Button, Group, Paper, SegmentedControl, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { formFieldModes, type FormFieldMode, type FormFieldName } from '../../../common/schemas/account-requests.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { requestFormApi, type RequestFormView } from '../../api/requests.ts';
import { ErrorState, LoadingState } from '../../components/States.tsx';

const fieldLabels: Record<FormFieldName, string> = {
  organization: 'Organization',
  roleWanted: 'Role wanted',
  programme: 'Programme',
  message: 'Message',
};
const modeLabels: Record<FormFieldMode, string> = { off: 'Not asked', optional: 'Optional', required: 'Required' };

/** Settings → Request form: the shareable address and which questions the public form asks. */
export function RequestFormSettings({ tenantId }: { tenantId: string }) {
  const saved = useQuery({ queryKey: ['request-form', tenantId], queryFn: () => requestFormApi.get(tenantId) });
  return (
    <Paper p="lg" component="section" aria-labelledby="request-form-heading">
      <Title order={2} fz="lg" id="request-form-heading">
        Request form
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        The public page where people ask for an account. Share its address; requests appear under Requests.
      </Text>
      {saved.isPending ? (
        <LoadingState label="Loading the form…" />
      ) : saved.error ? (
        <ErrorState error={saved.error} />
      ) : (
        <FormFields key={saved.data.slug ?? tenantId} tenantId={tenantId} saved={saved.data} />
      )}
    </Paper>
  );
}

function FormFields({ tenantId, saved }: { tenantId: string; saved: RequestFormView }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ ...saved, slug: saved.slug ?? '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const address = `${window.location.origin}/request-account/${encodeURIComponent(saved.slug ?? tenantId)}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const { tenantId: _tenant, tenantName: _name, ...settings } = values;
      const view = await requestFormApi.save(tenantId, { ...settings, slug: values.slug.trim() || null });
      queryClient.setQueryData(['request-form', tenantId], view);
      notifications.show({
        color: 'teal',
        title: 'Request form saved',
        message: `The form of ${view.tenantName} now asks these questions.`,
      });
    } catch (error) {
      setErrors(error instanceof ApiError && Object.keys(error.fields).length ? error.fields : { form: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        {errors.form && (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title="The form was not saved"
            styles={{ title: { color: 'var(--mantine-color-text)' } }}
          >
            {errors.form}
          </Alert>
        )}
        <Text size="sm">
          Address to share:{' '}
          <Anchor href={address} target="_blank" rel="noreferrer">
            {address}
          </Anchor>
        </Text>
        <Switch
          label="The form takes requests"
          checked={values.enabled}
          onChange={(e) => setValues((v) => ({ ...v, enabled: e.currentTarget.checked }))}
        />
        <TextInput
          label="Short name in the address"
          description="Lowercase letters, digits and dashes, such as wa-ceci. Leave empty to use the tenant's id."
          value={values.slug}
          onChange={(e) => setValues((v) => ({ ...v, slug: e.currentTarget.value }))}
          error={errors.slug}
          maw={360}
        />
        <Textarea
          label="Introduction"
          description="Shown under the form's title."
          autosize
          minRows={2}
          maxLength={1000}
          value={values.introduction}
          onChange={(e) => setValues((v) => ({ ...v, introduction: e.currentTarget.value }))}
          error={errors.introduction}
        />
        {(Object.keys(fieldLabels) as FormFieldName[]).map((name) => (
          <Group key={name} gap="md" align="center">
            <Text size="sm" w={140} id={`request-field-${name}`}>
              {fieldLabels[name]}
            </Text>
            <SegmentedControl
              aria-labelledby={`request-field-${name}`}
              size="xs"
              value={values.fields[name]}
              onChange={(mode) => setValues((v) => ({ ...v, fields: { ...v.fields, [name]: mode as FormFieldMode } }))}
              data={formFieldModes.map((mode) => ({ value: mode, label: modeLabels[mode] }))}
            />
          </Group>
        ))}
        <Switch
          label="Offer the tenant's organizations to pick from"
          description="Otherwise people type the name of their organization."
          checked={values.listOrganizations}
          onChange={(e) => setValues((v) => ({ ...v, listOrganizations: e.currentTarget.checked }))}
        />
        <Group>
          <Button type="submit" loading={busy}>
            Save the request form
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

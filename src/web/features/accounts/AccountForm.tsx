import { Alert, Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useOrganizations } from '../organizations/useOrganizations.ts';
import type { Account } from '../../api/types.ts';
import { DuplicateWarning } from './DuplicateWarning.tsx';
import { MoveNotice } from './MoveNotice.tsx';
import { SignInSection } from './SignInSection.tsx';
import { useTenantOnboarding } from './useTenantOnboarding.ts';
import { useMayChangeUsername } from './username-access.ts';
import { ErrorCodes } from '../../../common/error-codes.ts';
import { roleOptions, useRoles } from '../roles/useRoles.ts';

export interface AccountFormValues {
  firstName: string;
  lastName: string;
  email: string;
  /** Shown, and changed, only by those who may (useMayChangeUsername); empty when creating. */
  username: string;
  orgId: string;
  role: string;
  affiliation: string;
  employeeType: string;
  dateHire: string;
  dateTransfer: string;
  jobTitle: string;
  department: string;
  externalId: string;
  trainingManager: boolean;
  supervisor: boolean;
  password: string;
  /** The person ticked the tenant's sentence (asked for only when the tenant sets one). */
  attested: boolean;
}

export type FieldErrors = Partial<Record<keyof AccountFormValues | 'form', string>>;

export const emptyAccountForm: AccountFormValues = {
  firstName: '',
  lastName: '',
  email: '',
  username: '',
  orgId: '',
  role: 'learner',
  affiliation: '',
  employeeType: '',
  dateHire: '',
  dateTransfer: '',
  jobTitle: '',
  department: '',
  externalId: '',
  trainingManager: false,
  supervisor: false,
  password: '',
  attested: false,
};

/** Field errors from the API, placed next to their fields; anything else becomes the form's message. */
export function errorsFromApi(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return { form: errorMessage(error) };
  const errors: FieldErrors = {};
  for (const [field, message] of Object.entries(error.fields)) {
    const key = field.split('.')[0] as keyof AccountFormValues;
    if (key in emptyAccountForm) errors[key] = message;
    else errors.form = `${field}: ${message}`;
  }
  if (error.code === ErrorCodes.emailTaken) errors.email ??= error.message;
  else if (error.code === ErrorCodes.roleNotAllowed || error.code === ErrorCodes.roleLimit) errors.role ??= error.message;
  else if (error.code === ErrorCodes.weakPassword || error.code === ErrorCodes.temporaryPasswordRequired) errors.password ??= error.message;
  if (Object.keys(errors).length === 0) errors.form = error.message;
  return errors;
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Paper p="lg">
      <Title order={2} fz="md" mb={description ? 2 : 'md'}>
        {title}
      </Title>
      {description && (
        <Text size="sm" c="dimmed" mb="md">
          {description}
        </Text>
      )}
      {children}
    </Paper>
  );
}

interface Props {
  mode: 'create' | 'edit';
  initial: AccountFormValues;
  accountId?: string;
  /** The roles the account holds (edit mode), to say which ones a move would remove. */
  rolesHeld?: Account['roles'];
  submitLabel: string;
  onSubmit(values: AccountFormValues): Promise<void>;
  /** Client-side checks with the shared schema; returns field errors. */
  validate(values: AccountFormValues): FieldErrors;
  onCancel(): void;
}

export function AccountForm({ mode, initial, accountId, rolesHeld, submitLabel, onSubmit, validate, onCancel }: Props) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attestation, setAttestation] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { index, isPending: orgsLoading } = useOrganizations();
  const onboarding = useTenantOnboarding(mode === 'create' ? values.orgId : '');
  // The roles this person may give at the chosen organization, each with its places left there.
  const roles = useRoles(mode === 'create' && values.orgId ? values.orgId : undefined);
  const mayChangeUsername = useMayChangeUsername();

  const set = <K extends keyof AccountFormValues>(key: K, value: AccountFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const text = (
    key:
      | 'firstName'
      | 'lastName'
      | 'email'
      | 'username'
      | 'affiliation'
      | 'employeeType'
      | 'dateHire'
      | 'dateTransfer'
      | 'jobTitle'
      | 'department'
      | 'externalId'
      | 'password',
  ) => ({
    value: values[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set(key, e.currentTarget.value),
    error: errors[key],
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = validate(values);
    if (onboarding?.mode === 'temporary_password' && values.password === '')
      local.password ??= 'This tenant gives new accounts a temporary password: enter one.';
    setErrors(local);
    if (Object.values(local).some(Boolean)) {
      const first = Object.keys(local).find((k) => local[k as keyof FieldErrors]);
      document.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await onSubmit(values);
    } catch (error) {
      const apiErrors = errorsFromApi(error);
      // The tenant asks for a sentence to be confirmed: the API names it; show the box to tick.
      if (apiErrors.attested) {
        setAttestation(apiErrors.attested);
        apiErrors.attested = 'Tick this box to confirm.';
        delete apiErrors.form;
      }
      setErrors(apiErrors);
      const first = Object.keys(apiErrors).find((k) => k !== 'form');
      if (first) document.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
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
            icon={<IconAlertCircle size={18} />}
            title={mode === 'create' ? 'The account was not created' : 'The changes were not saved'}
            role="alert"
          >
            {errors.form}
          </Alert>
        )}
        <Section title="Person">
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput label="First name" name="firstName" autoComplete="off" required {...text('firstName')} />
              <TextInput label="Last name" name="lastName" autoComplete="off" required {...text('lastName')} />
            </SimpleGrid>
            <TextInput
              label="Email"
              name="email"
              type="email"
              autoComplete="off"
              required
              description={mode === 'create' ? 'Also their username, unless a system administrator changes it.' : undefined}
              {...text('email')}
            />
            {mode === 'edit' && mayChangeUsername && (
              <TextInput label="Username" name="username" autoComplete="off" description="What they sign in with." {...text('username')} />
            )}
            <DuplicateWarning
              probe={{
                email: values.email,
                firstName: values.firstName,
                lastName: values.lastName,
                orgId: values.orgId,
                ...(accountId ? { excludeId: accountId } : {}),
              }}
            />
          </Stack>
        </Section>
        <Section title={mode === 'create' ? 'Organization and role' : 'Organization'}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label="Organization"
              name="orgId"
              required
              searchable
              placeholder={orgsLoading ? 'Loading…' : 'Choose an organization'}
              data={index.options}
              value={values.orgId || null}
              onChange={(v) => set('orgId', v ?? '')}
              // Required: clicking the chosen organization again must not empty the field.
              allowDeselect={false}
              error={errors.orgId}
              nothingFoundMessage="No organization matches"
            />
            {mode === 'edit' && rolesHeld && values.orgId && values.orgId !== initial.orgId && (
              <MoveNotice roles={rolesHeld} destinationId={values.orgId} byId={index.byId} />
            )}
            {mode === 'create' && (
              <Select
                label="Role"
                name="role"
                placeholder="No role"
                description="Granted at the organization above. A role whose places there are taken shows “full”."
                data={values.orgId ? roleOptions(roles.data?.items, 'grant') : []}
                value={values.role || null}
                onChange={(v) => set('role', v ?? '')}
                clearable
                error={errors.role}
              />
            )}
          </SimpleGrid>
        </Section>
        <Section title="Employment">
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <TextInput label="Affiliation" name="affiliation" {...text('affiliation')} />
              <TextInput label="Employee type" name="employeeType" {...text('employeeType')} />
              <TextInput label="External id" name="externalId" description="The id another system knows them by" {...text('externalId')} />
              <TextInput label="Job title" name="jobTitle" {...text('jobTitle')} />
              <TextInput label="Department" name="department" {...text('department')} />
              <TextInput label="Date of hire" name="dateHire" type="date" {...text('dateHire')} />
              <TextInput label="Date of transfer" name="dateTransfer" type="date" {...text('dateTransfer')} />
            </SimpleGrid>
            <Group gap="xl">
              <Checkbox
                label="Training manager"
                name="trainingManager"
                checked={values.trainingManager}
                onChange={(e) => set('trainingManager', e.currentTarget.checked)}
              />
              <Checkbox
                label="Supervisor"
                name="supervisor"
                checked={values.supervisor}
                onChange={(e) => set('supervisor', e.currentTarget.checked)}
              />
            </Group>
          </Stack>
        </Section>
        {mode === 'create' && (
          <SignInSection onboarding={onboarding} value={values.password} error={errors.password} onChange={(v) => set('password', v)} />
        )}
        {mode === 'create' && attestation && (
          <Checkbox
            name="attested"
            label={attestation}
            checked={values.attested}
            onChange={(e) => set('attested', e.currentTarget.checked)}
            error={errors.attested}
          />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

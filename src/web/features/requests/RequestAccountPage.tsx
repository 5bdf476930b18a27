import { Alert, Anchor, Button, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconMailCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorCodes } from '../../../common/error-codes.ts';
import type { FormFieldMode } from '../../../common/schemas/account-requests.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { publicRequestsApi, type PublicRequestForm } from '../../api/requests.ts';
import { useDocumentTitle } from '../../components/PageHeader.tsx';
import { AuthLayout } from '../auth/AuthLayout.tsx';
import { FormProblem, type FormProblemInfo } from '../auth/FormProblem.tsx';
import { LinkLoading } from '../onboarding/LinkLoading.tsx';

const backToSignIn = (
  <Anchor component={Link} to="/" size="sm">
    Already have an account? Sign in
  </Anchor>
);

/** /request-account/:tenant (or ?tenant=): the form a tenant shares. Without a tenant, the person enters its code. */
export function RequestAccountPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const tenant = params.tenant ?? search.get('tenant') ?? '';
  if (!tenant) return <ChooseTenant />;
  return <TenantForm key={tenant} tenant={tenant} preselectedOrg={search.get('org') ?? undefined} />;
}

function ChooseTenant() {
  useDocumentTitle('Request an account');
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  return (
    <AuthLayout
      title="Request an account"
      subtitle="Use the link your organization shared, or enter the code it gave you."
      footer={backToSignIn}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (code.trim()) void navigate(`/request-account/${encodeURIComponent(code.trim())}`);
        }}
      >
        <Stack gap="md">
          <TextInput label="Organization code" value={code} onChange={(e) => setCode(e.currentTarget.value)} aria-required />
          <Button type="submit">Continue</Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}

interface Draft {
  firstName: string;
  lastName: string;
  email: string;
  orgId: string | null;
  organization: string;
  roleWanted: string;
  programme: string;
  message: string;
  website: string;
}

function TenantForm({ tenant, preselectedOrg }: { tenant: string; preselectedOrg?: string }) {
  const form = useQuery({ queryKey: ['public-request-form', tenant], queryFn: () => publicRequestsApi.form(tenant) });
  if (form.isPending) return <LinkLoading title="Request an account" label="Loading the form…" />;
  if (form.error) {
    return (
      <AuthLayout title="This form is not available" footer={backToSignIn}>
        <Alert color="red" variant="light" role="alert">
          {form.error instanceof ApiError && form.error.status === 404
            ? 'There is no request form at this address. Check the link your organization shared with you.'
            : errorMessage(form.error)}
        </Alert>
      </AuthLayout>
    );
  }
  return <RequestForm form={form.data} tenant={tenant} preselectedOrg={preselectedOrg} />;
}

function RequestForm({ form, tenant, preselectedOrg }: { form: PublicRequestForm; tenant: string; preselectedOrg?: string }) {
  const [draft, setDraft] = useState<Draft>({
    firstName: '',
    lastName: '',
    email: '',
    orgId: preselectedOrg ?? null,
    organization: '',
    roleWanted: '',
    programme: '',
    message: '',
    website: '',
  });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblemInfo>();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string>();
  useDocumentTitle(sent ? 'Request sent' : `Request a ${form.tenantName} account`);
  const set = (name: keyof Draft) => (value: string | null) => setDraft((d) => ({ ...d, [name]: value ?? '' }));
  const shown = (mode: FormFieldMode) => mode !== 'off';
  const required = (mode: FormFieldMode) => mode === 'required';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    setFields({});
    setBusy(true);
    const optional = (value: string) => (value.trim() ? value.trim() : undefined);
    try {
      const answer = await publicRequestsApi.submit({
        tenant,
        firstName: draft.firstName.trim(),
        lastName: draft.lastName.trim(),
        email: draft.email.trim(),
        orgId: draft.orgId || undefined,
        organization: optional(draft.organization),
        roleWanted: optional(draft.roleWanted),
        programme: optional(draft.programme),
        message: optional(draft.message),
        website: draft.website || undefined,
      });
      setSent(answer.message);
    } catch (error) {
      if (error instanceof ApiError && (error.code === ErrorCodes.tooManyAttempts || error.status === 429)) {
        setProblem({ title: 'Too many requests', message: error.message, throttled: true });
      } else if (error instanceof ApiError && Object.keys(error.fields).length) {
        setFields(error.fields);
        setProblem({ title: 'Check the form', message: 'Some answers need another look; each says what is wrong.', throttled: false });
      } else {
        setProblem({ title: 'The request was not sent', message: errorMessage(error), throttled: false });
      }
    } finally {
      setBusy(false);
    }
  };

  if (sent) {
    return (
      <AuthLayout title="Request sent" footer={backToSignIn}>
        <Stack gap="md">
          <Alert color="indigo" variant="light" icon={<IconMailCheck size={18} />} role="status">
            {sent}
          </Alert>
          <Text size="sm">
            The email has a private link to follow your request and to answer our questions. Nothing after a few minutes? Look in your spam
            folder.
          </Text>
        </Stack>
      </AuthLayout>
    );
  }

  const f = form.fields;
  return (
    <AuthLayout
      title={`Request a ${form.tenantName} account`}
      subtitle={form.introduction || 'Tell us who you are; we answer by email.'}
      footer={backToSignIn}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          {problem && <FormProblem problem={problem} />}
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              label="First name"
              required
              autoComplete="given-name"
              value={draft.firstName}
              onChange={(e) => set('firstName')(e.currentTarget.value)}
              error={fields.firstName}
            />
            <TextInput
              label="Last name"
              required
              autoComplete="family-name"
              value={draft.lastName}
              onChange={(e) => set('lastName')(e.currentTarget.value)}
              error={fields.lastName}
            />
          </SimpleGrid>
          <TextInput
            label="Email"
            type="email"
            required
            autoComplete="email"
            value={draft.email}
            onChange={(e) => set('email')(e.currentTarget.value)}
            error={fields.email}
          />
          {shown(f.organization) && form.organizations && (
            <Select
              label="Organization"
              required={required(f.organization)}
              searchable
              clearable
              data={form.organizations.map((o) => ({ value: o.id, label: o.name }))}
              value={draft.orgId}
              onChange={set('orgId')}
              error={fields.orgId}
              nothingFoundMessage="Not in the list? Clear it and describe it in your message."
            />
          )}
          {shown(f.organization) && !form.organizations && (
            <TextInput
              label="Organization"
              required={required(f.organization)}
              value={draft.organization}
              onChange={(e) => set('organization')(e.currentTarget.value)}
              error={fields.organization}
            />
          )}
          {shown(f.roleWanted) && (
            <TextInput
              label="Your role"
              description="For example: coach, coach lead, programme director."
              required={required(f.roleWanted)}
              value={draft.roleWanted}
              onChange={(e) => set('roleWanted')(e.currentTarget.value)}
              error={fields.roleWanted}
            />
          )}
          {shown(f.programme) && (
            <TextInput
              label="Programme"
              required={required(f.programme)}
              value={draft.programme}
              onChange={(e) => set('programme')(e.currentTarget.value)}
              error={fields.programme}
            />
          )}
          {shown(f.message) && (
            <Textarea
              label="Anything we should know"
              autosize
              minRows={3}
              maxLength={4000}
              required={required(f.message)}
              value={draft.message}
              onChange={(e) => set('message')(e.currentTarget.value)}
              error={fields.message}
            />
          )}
          {/* People never see this field; form-filling robots do, and fill it. */}
          <div aria-hidden="true" style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}>
            <label>
              Website
              <input
                type="text"
                name="website"
                tabIndex={-1}
                autoComplete="off"
                value={draft.website}
                onChange={(e) => set('website')(e.currentTarget.value)}
              />
            </label>
          </div>
          <Button type="submit" loading={busy} fullWidth>
            Send the request
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}

import './imports.css';
import { Alert, Anchor, Badge, Breadcrumbs, Button, Grid, Group, List, Paper, Radio, Select, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconFileUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { importModes } from '../../../common/schemas/imports.ts';
import { errorMessage } from '../../api/client.ts';
import { importsApi, UploadError, type ImportMode, type ImportTemplate } from '../../api/imports.ts';
import { useSession } from '../../app/session.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useOrganizations } from '../organizations/useOrganizations.ts';
import { FileDrop } from './FileDrop.tsx';
import { enrollmentsImportExplanation, modeExplanations, modeFor, modeLabels } from './import-labels.ts';
import { ErrorCodes } from '../../../common/error-codes.ts';

function Step({ number, title, children }: { number: number; title: string; children: ReactNode }) {
  return (
    <Paper p="lg" component="section" aria-labelledby={`step-${number}`}>
      <Group gap="sm" mb="md" wrap="nowrap">
        <span className="import-step-number" aria-hidden>
          {number}
        </span>
        <Title order={2} fz="lg" id={`step-${number}`}>
          {title}
        </Title>
      </Group>
      {children}
    </Paper>
  );
}

function TemplateColumns({ template }: { template: ImportTemplate }) {
  const fixed = Object.entries(template.fixedValues);
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {template.headerMode === 'strict'
          ? 'The first line must list these columns exactly, in this order.'
          : 'The first line names the columns; their order and capitalisation do not matter, and columns the template does not know are ignored.'}{' '}
        Columns marked required must be filled in on every row.
      </Text>
      <Group gap={6}>
        {template.columns.map((c) => {
          const required = c.required || (template.allRequired && c.field !== 'ignore');
          return (
            <Badge
              key={c.name}
              variant={required ? 'light' : 'outline'}
              color={required ? 'indigo' : 'gray'}
              radius="sm"
              style={{ textTransform: 'none' }}
            >
              {c.name}
              {required ? ' · required' : c.field === 'ignore' && c.mustBeBlank ? ' · leave blank' : ''}
            </Badge>
          );
        })}
      </Group>
      {fixed.length > 0 && (
        <Text size="sm" c="dimmed">
          Every row also gets {fixed.map(([k, v]) => `${k} = “${v}”`).join(', ')}, whatever the file says.
        </Text>
      )}
    </Stack>
  );
}

function HowItWorks() {
  return (
    <Paper p="lg" component="aside" aria-labelledby="how-it-works">
      <Title order={2} fz="md" id="how-it-works" mb="sm">
        How importing works
      </Title>
      <List type="ordered" size="sm" spacing="xs">
        <List.Item>Download the template and fill in one row per person. Save it as CSV or Excel.</List.Item>
        <List.Item>
          Upload it. Registrar checks every row and shows what would happen. <b>Nothing is changed yet.</b>
        </List.Item>
        <List.Item>Review the preview, then confirm to apply it. You can leave the page while it runs.</List.Item>
        <List.Item>
          If some rows fail, download them with the reason for each, fix them, and upload that file. Only the fixed rows are applied; the
          rest come back unchanged.
        </List.Item>
      </List>
      <Text size="sm" c="dimmed" mt="md">
        A finished import can be rolled back from its page.
      </Text>
    </Paper>
  );
}

export function NewImportPage() {
  useDocumentTitle('New import');
  const me = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const orgs = useOrganizations();
  // What the person chose (or the address named); until then the likeliest choice is shown, derived below.
  const [chosenOrgId, setOrgId] = useState<string | null>(params.get('orgId'));
  const [chosenTemplateKey, setTemplateKey] = useState<string | null>(params.get('template'));
  const initialMode = params.get('mode');
  const [chosenMode, setMode] = useState<ImportMode>(
    importModes.includes(initialMode as ImportMode) ? (initialMode as ImportMode) : 'upsert',
  );
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [showErrors, setShowErrors] = useState(false);

  // The organization where the person holds their role is the likeliest one; anyone else picks.
  const ownOrgId = me.scope.map((s) => s.orgId).find((id) => orgs.index.byId.has(id));
  const orgId = chosenOrgId ?? ownOrgId ?? (orgs.index.list.length === 1 ? (orgs.index.list[0]?.id ?? null) : null);

  const templates = useQuery({
    queryKey: ['import-templates', orgId],
    queryFn: () => importsApi.templates(orgId as string),
    enabled: Boolean(orgId),
  });
  // A template the organization does not offer (or none chosen yet) gives way to its accounts template.
  const offered = templates.data ?? [];
  const templateKey =
    offered.length === 0 || offered.some((t) => t.key === chosenTemplateKey)
      ? chosenTemplateKey
      : ((offered.find((t) => t.key === 'accounts') ?? offered[0])?.key ?? null);
  const template = templates.data?.find((t) => t.key === templateKey);
  const mode = modeFor(template, chosenMode);

  const upload = useMutation({
    mutationFn: () => importsApi.upload({ orgId: orgId as string, template: templateKey as string, mode, file: file as File }),
    onSuccess: async ({ id }) => {
      await queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
      navigate(`/imports/${id}`);
    },
  });

  const submit = () => {
    setShowErrors(true);
    if (!orgId || !templateKey || !file || fileError) return;
    upload.mutate();
  };

  const inProgressId =
    upload.error instanceof UploadError && upload.error.code === ErrorCodes.importInProgress
      ? String(upload.error.details?.importId ?? '')
      : '';

  return (
    <>
      <PageHeader
        above={
          <Breadcrumbs>
            <Anchor component={Link} to="/imports" size="sm">
              Imports
            </Anchor>
            <span>New import</span>
          </Breadcrumbs>
        }
        title="New import"
        description="Create, update, archive or reactivate many accounts at once from a spreadsheet."
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <Step number={1} title="Choose where the accounts go">
              {orgs.isError ? (
                <ErrorState error={orgs.error} onRetry={() => void orgs.refetch()} title="Your organizations could not be loaded" />
              ) : (
                <Stack gap="md">
                  <Group grow align="flex-start" wrap="wrap">
                    <Select
                      label="Organization"
                      description="Rows without an Organization value go here; rows that name one must name an organization inside it."
                      placeholder={orgs.isPending ? 'Loading…' : 'Choose an organization'}
                      data={orgs.index.options}
                      value={orgId}
                      onChange={(v) => {
                        setOrgId(v);
                        setTemplateKey(null);
                      }}
                      searchable
                      required
                      nothingFoundMessage="No organization has that name"
                      error={showErrors && !orgId ? 'Choose the organization the import belongs to.' : undefined}
                      style={{ minWidth: 260 }}
                    />
                    <Select
                      label="Template"
                      description="The layout of the file: which columns it has and what they mean."
                      placeholder={templates.isFetching ? 'Loading…' : orgId ? 'Choose a template' : 'Choose an organization first'}
                      data={(templates.data ?? []).map((t) => ({ value: t.key, label: t.label }))}
                      value={templateKey}
                      onChange={setTemplateKey}
                      disabled={!orgId}
                      required
                      error={
                        templates.isError ? errorMessage(templates.error) : showErrors && !templateKey ? 'Choose a template.' : undefined
                      }
                      style={{ minWidth: 220 }}
                    />
                  </Group>
                  {template && orgId && (
                    <>
                      <TemplateColumns template={template} />
                      <Group>
                        <Button
                          component="a"
                          href={importsApi.templateUrl(template.key, orgId)}
                          download
                          variant="default"
                          leftSection={<IconDownload size={16} aria-hidden />}
                        >
                          Download template
                        </Button>
                        <Button
                          component="a"
                          href={importsApi.templateUrl(template.key, orgId, 'xlsx')}
                          download
                          variant="default"
                          leftSection={<IconDownload size={16} aria-hidden />}
                        >
                          Excel workbook
                        </Button>
                        <Text size="sm" c="dimmed">
                          A CSV with the header line and one example row to replace, or a workbook with drop-down lists and instructions.
                        </Text>
                      </Group>
                    </>
                  )}
                </Stack>
              )}
            </Step>

            <Step number={2} title="Choose the filled-in file">
              <FileDrop
                label="Choose the file to import"
                file={file}
                error={fileError ?? (showErrors && !file ? 'Choose the file to import.' : null)}
                onChange={(next, problem) => {
                  setFile(problem ? null : next);
                  setFileError(problem);
                }}
              />
            </Step>

            <Step number={3} title={template?.kind === 'enrollments' ? 'What the import does' : 'Choose what the import may do'}>
              {template?.kind === 'enrollments' ? (
                <Text size="sm">{enrollmentsImportExplanation}</Text>
              ) : (
                <>
                  <Radio.Group
                    value={mode}
                    onChange={(v) => setMode(v as ImportMode)}
                    label="Mode"
                    description="You will see what each row would do before anything changes."
                    required
                  >
                    <Stack gap="xs" mt="xs">
                      {(['upsert', 'create', 'update'] as const).map((m) => (
                        <div key={m} className="import-mode-option">
                          <Radio
                            value={m}
                            disabled={template !== undefined && !template.modes.includes(m)}
                            label={
                              <Text fw={600} size="sm">
                                {modeLabels[m]}
                                {m === 'upsert' ? ' (recommended)' : ''}
                              </Text>
                            }
                            description={modeExplanations[m]}
                          />
                        </div>
                      ))}
                    </Stack>
                  </Radio.Group>
                  <Text size="sm" c="dimmed" mt="sm">
                    In every mode, a Status column of Archived or Active archives or reactivates the account.
                  </Text>
                </>
              )}
            </Step>

            {upload.isError && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="The file was not uploaded" role="alert">
                <Stack gap={6} align="flex-start">
                  <Text size="sm">{errorMessage(upload.error)}</Text>
                  {inProgressId && (
                    <Anchor component={Link} to={`/imports/${inProgressId}`} size="sm" fw={600}>
                      Open the import of this file
                    </Anchor>
                  )}
                </Stack>
              </Alert>
            )}

            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/imports">
                Cancel
              </Button>
              <Button size="md" leftSection={<IconFileUpload size={18} aria-hidden />} loading={upload.isPending} onClick={submit}>
                Upload and preview
              </Button>
            </Group>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          {orgs.isPending ? <LoadingState label="Loading your organizations…" /> : <HowItWorks />}
        </Grid.Col>
      </Grid>
    </>
  );
}

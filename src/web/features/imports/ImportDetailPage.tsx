import './imports.css';
import { Alert, Anchor, Breadcrumbs, Button, Group, Loader, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowBackUp,
  IconCircleCheck,
  IconDownload,
  IconFileUpload,
  IconHistory,
  IconInfoCircle,
  IconPlayerPlay,
  IconX,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { importsApi, type ImportView } from '../../api/imports.ts';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { FileErrorPanel } from './FileErrorPanel.tsx';
import { ImportStatusBadge } from './ImportStatusBadge.tsx';
import { UploaderName } from './UploaderName.tsx';
import { CommitProgress, PlanningProgress } from './ImportProgress.tsx';
import { ImportRows, OutcomeCounts } from './ImportRows.tsx';
import { confirmCommit, confirmRollback } from './import-dialogs.tsx';
import { changeCount, inFlight, modeLabels, planSentence } from './import-labels.ts';

/**
 * The uploader will also receive the import log by email, but only once the notifications issue delivers
 * the outbox; until then the note would promise mail that nobody sends. Turn it on with that issue.
 */
export const showEmailNote = false;

/** Pale teal and orange backgrounds leave their own darkest shade just under AA contrast; titles stay in the text colour. */
const darkTitle = { title: { color: 'var(--mantine-color-text)' } };

const retryLink = (imp: ImportView) => `/imports/new?${new URLSearchParams({ orgId: imp.orgId, template: imp.template, mode: imp.mode })}`;

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: 0.4 }}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

const delimiterNames: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

function Facts({ imp }: { imp: ImportView }) {
  const format = imp.format
    ? [
        imp.format.format.toUpperCase(),
        imp.format.encoding.toUpperCase(),
        imp.format.delimiter ? `${delimiterNames[imp.format.delimiter] ?? `“${imp.format.delimiter}”`}-separated` : null,
      ]
        .filter(Boolean)
        .join(', ')
    : '—';
  return (
    <Paper p="md">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="md">
        <Fact label="Organization">{imp.orgName}</Fact>
        <Fact label="Uploaded by">
          <UploaderName label={imp.uploadedBy.label} />
        </Fact>
        <Fact label="Mode">{modeLabels[imp.mode]}</Fact>
        <Fact label="Started">{formatDateTime(imp.startedAt ?? imp.createdAt)}</Fact>
        <Fact label="Finished">{formatDateTime(imp.finishedAt)}</Fact>
        <Fact label="File format">{format}</Fact>
      </SimpleGrid>
    </Paper>
  );
}

function doneSummary(imp: ImportView): string {
  const c = imp.counts;
  const parts = [
    c.created && `${formatNumber(c.created)} created`,
    c.updated && `${formatNumber(c.updated)} updated`,
    c.archived && `${formatNumber(c.archived)} archived`,
    c.reactivated && `${formatNumber(c.reactivated)} reactivated`,
    c.unchanged && `${formatNumber(c.unchanged)} unchanged`,
  ].filter(Boolean);
  return `${parts.length ? parts.join(', ') : 'No account changed'}${c.failed ? `; ${formatNumber(c.failed)} ${c.failed === 1 ? 'row' : 'rows'} failed` : ''}.`;
}

function StatusPanel({ imp, rollingBack }: { imp: ImportView; rollingBack: boolean }) {
  if (rollingBack && imp.status === 'completed') {
    return (
      <Alert
        color="orange"
        variant="light"
        styles={darkTitle}
        icon={<Loader size={18} color="orange" />}
        title="Rolling back…"
        role="status"
      >
        Undoing the changes this import made. This page updates on its own.
      </Alert>
    );
  }
  switch (imp.status) {
    case 'planned': {
      const plan = planSentence(imp.counts);
      return (
        <Alert color="indigo" variant="light" icon={<IconInfoCircle size={20} />} title="Preview: nothing has been changed yet">
          <Text size="sm">
            {plan.changes
              ? `Importing will ${plan.changes.charAt(0).toLowerCase()}${plan.changes.slice(1)}.`
              : 'Importing would change no account.'}{' '}
            {plan.skipped ? `${plan.skipped}.` : ''} {plan.unchanged ? `${plan.unchanged}.` : ''}
          </Text>
          <Text size="sm" mt={4}>
            Check the rows below. When it looks right, choose <b>Import</b>; if not, cancel, fix the file and upload it again.
          </Text>
          {/* What the server says about the file as a whole: columns it ignored, when the preview expires. */}
          {imp.notices.map((notice) => (
            <Text size="sm" mt={4} key={notice}>
              {notice}
            </Text>
          ))}
        </Alert>
      );
    }
    case 'completed':
      return (
        <Alert
          color="teal"
          variant="light"
          styles={darkTitle}
          icon={<IconCircleCheck size={20} />}
          title={`Import completed ${formatDateTime(imp.finishedAt)}`}
          role="status"
        >
          <Text size="sm">{doneSummary(imp)}</Text>
          {imp.counts.failed > 0 && (
            <Text size="sm" mt={4}>
              Download the failed rows, fix them in the file (the Reason column says what is wrong), and upload it. Only those rows are
              applied; rows already imported come back unchanged.
            </Text>
          )}
          {showEmailNote && (
            <Text size="sm" mt={4}>
              The import log has also been sent to you by email.
            </Text>
          )}
        </Alert>
      );
    case 'rolled_back':
      return (
        <Alert
          color="orange"
          variant="light"
          styles={darkTitle}
          icon={<IconArrowBackUp size={20} />}
          title={`Rolled back ${formatDateTime(imp.rolledBackAt)}`}
          role="status"
        >
          The changes this import made were undone. Each row below says what happened to its account.
        </Alert>
      );
    case 'cancelled':
      return (
        <Alert
          color="gray"
          variant="light"
          styles={darkTitle}
          icon={<IconX size={20} />}
          title={`Cancelled ${formatDateTime(imp.finishedAt)}`}
        >
          {imp.committedAt ? 'The import was stopped while it ran; rows applied before it stopped stay applied.' : 'Nothing was changed.'}
        </Alert>
      );
    case 'failed':
      return imp.error ? (
        <FileErrorPanel imp={imp} />
      ) : (
        <Alert color="red" variant="light" title="The import failed" role="alert">
          Something went wrong while the file was processed. Upload it again; if it happens again, contact support.
        </Alert>
      );
    default:
      return null;
  }
}

export function ImportDetailPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const [rollingBack, setRollingBack] = useState(false);
  const query = useQuery({
    queryKey: ['imports', 'one', id],
    queryFn: () => importsApi.get(id),
    // The work happens on the server; asking every second keeps a reloaded or revisited page live.
    refetchInterval: (q) => {
      const status = q.state.data?.status;
      return status && (inFlight(status) || (rollingBack && status === 'completed')) ? 1000 : false;
    },
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
  const imp = query.data;
  useDocumentTitle(imp ? `Import of ${imp.fileName}` : 'Import');

  // When the status moves on, the log and the audit trail have news too.
  const lastStatus = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!imp) return;
    if (lastStatus.current && lastStatus.current !== imp.status) {
      void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    }
    if (imp.status !== 'completed') setRollingBack(false);
    lastStatus.current = imp.status;
  }, [imp, queryClient]);

  const act = useMutation({
    mutationFn: (action: 'commit' | 'rollback' | 'cancel') => importsApi[action](id),
    onSuccess: (view, action) => {
      queryClient.setQueryData(['imports', 'one', id], view);
      if (action === 'rollback') setRollingBack(true);
      if (action === 'cancel') notifications.show({ color: 'gray', title: 'Import cancelled', message: 'Nothing was changed.' });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'That did not work', message: errorMessage(error) }),
  });

  const crumbs = (
    <Breadcrumbs>
      <Anchor component={Link} to="/imports" size="sm">
        Imports
      </Anchor>
      <span>{imp?.fileName ?? 'Import'}</span>
    </Breadcrumbs>
  );
  if (query.isPending) return <LoadingState label="Loading the import…" />;
  if (query.isError) {
    return (
      <>
        <PageHeader above={crumbs} title="Import" />
        <ErrorState error={query.error} title="This import could not be opened" onRetry={() => void query.refetch()} />
      </>
    );
  }
  const i = query.data;
  const busy = act.isPending;
  const actions = (
    <>
      {(i.status === 'queued' || i.status === 'planning' || i.status === 'planned') && (
        <Button
          variant="default"
          leftSection={<IconX size={16} aria-hidden />}
          loading={busy && act.variables === 'cancel'}
          onClick={() => act.mutate('cancel')}
        >
          Cancel import
        </Button>
      )}
      {i.status === 'planned' && (
        <Button
          leftSection={<IconPlayerPlay size={16} aria-hidden />}
          disabled={changeCount(i.counts) === 0}
          loading={busy && act.variables === 'commit'}
          onClick={() => confirmCommit(i, () => act.mutate('commit'))}
        >
          Import
        </Button>
      )}
      {i.status === 'completed' && i.counts.failed > 0 && (
        <Button
          component="a"
          href={importsApi.failedRowsUrl(i.id)}
          download
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          Download failed rows
        </Button>
      )}
      {i.status === 'completed' && i.counts.failed > 0 && (
        <Button component={Link} to={retryLink(i)} variant="default" leftSection={<IconFileUpload size={16} aria-hidden />}>
          Upload corrected file
        </Button>
      )}
      {i.status === 'completed' && !rollingBack && (
        <Button
          variant="light"
          color="red"
          leftSection={<IconArrowBackUp size={16} aria-hidden />}
          loading={busy && act.variables === 'rollback'}
          onClick={() => confirmRollback(i, () => act.mutate('rollback'))}
        >
          Roll back
        </Button>
      )}
      {(i.status === 'failed' || i.status === 'cancelled' || i.status === 'rolled_back') && (
        <Button component={Link} to={retryLink(i)} variant="default" leftSection={<IconFileUpload size={16} aria-hidden />}>
          New import
        </Button>
      )}
    </>
  );
  const showRows =
    i.status === 'planned' || i.status === 'completed' || i.status === 'rolled_back' || (i.status === 'cancelled' && i.counts.total > 0);

  return (
    <>
      <PageHeader
        above={crumbs}
        title={
          <Group gap="sm" wrap="wrap">
            <span style={{ wordBreak: 'break-all' }}>{i.fileName}</span>
            <ImportStatusBadge status={i.status} size="lg" />
          </Group>
        }
        description={`Uploaded ${formatDateTime(i.createdAt)} into ${i.orgName}`}
        actions={actions}
      />
      <Stack gap="md">
        <Facts imp={i} />
        {(i.status === 'queued' || i.status === 'planning') && <PlanningProgress imp={i} />}
        {i.status === 'running' && <CommitProgress imp={i} observedAt={query.dataUpdatedAt} />}
        <StatusPanel imp={i} rollingBack={rollingBack} />
        {showRows && i.counts.total > 0 && <OutcomeCounts imp={i} />}
        {showRows && i.counts.total > 0 && <ImportRows imp={i} />}
        {(i.status === 'completed' || i.status === 'rolled_back') && (
          <Group gap={6}>
            <IconHistory size={16} aria-hidden />
            <Anchor component={Link} to="/audit?source=import" size="sm">
              See every change this import made in the audit log
            </Anchor>
          </Group>
        )}
      </Stack>
    </>
  );
}

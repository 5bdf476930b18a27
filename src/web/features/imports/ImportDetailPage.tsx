import './imports.css';
import { Anchor, Breadcrumbs, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconDownload, IconFileUpload, IconHistory, IconPlayerPlay, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { importFileRetentionDays } from '../../../common/schemas/imports.ts';
import { errorMessage } from '../../api/client.ts';
import { importsApi, type ImportView } from '../../api/imports.ts';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { ImportStatusBadge } from './ImportStatusBadge.tsx';
import { StatusPanel } from './ImportStatusPanel.tsx';
import { UploaderName } from '../../components/UploaderName.tsx';
import { CommitProgress, PlanningProgress } from './ImportProgress.tsx';
import { ImportRows, OutcomeCounts } from './ImportRows.tsx';
import { confirmCommit, confirmRollback } from './import-dialogs.tsx';
import { changeCount, inFlight, modeLabels } from './import-labels.ts';

/** Past its retention the uploaded file is gone, and with it the failed rows as uploaded (the row list still has them). */
const fileRemoved = (imp: ImportView) =>
  imp.finishedAt !== null && Date.now() - Date.parse(imp.finishedAt) > importFileRetentionDays * 24 * 60 * 60_000;

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
    lastStatus.current = imp.status;
  }, [imp, queryClient]);

  // A rollback asked for is shown as under way only while the import still reads "completed"; once the
  // status moves on, the flag is spent. Adjusted while rendering, so no frame shows the stale flag.
  const [statusSeen, setStatusSeen] = useState<string>();
  if (imp && imp.status !== statusSeen) {
    setStatusSeen(imp.status);
    if (imp.status !== 'completed') setRollingBack(false);
  }

  const act = useMutation({
    // The variables are the action, with ":attested" when the person ticked the tenant's sentence.
    mutationFn: (action: 'commit' | 'commit:attested' | 'rollback' | 'cancel') =>
      action === 'commit' || action === 'commit:attested' ? importsApi.commit(id, action === 'commit:attested') : importsApi[action](id),
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
          loading={busy && act.variables?.startsWith('commit')}
          onClick={() => confirmCommit(i, (attested) => act.mutate(attested ? 'commit:attested' : 'commit'))}
        >
          Import
        </Button>
      )}
      {i.status === 'completed' && i.counts.failed > 0 && !fileRemoved(i) && (
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
            <ImportStatusBadge status={i.status} failed={i.counts.failed} size="lg" />
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

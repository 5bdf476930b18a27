import { Anchor, Avatar, Breadcrumbs, Button, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconPencil, IconRestore } from '@tabler/icons-react';
import { enrollmentsApi } from '../../api/enrollment.ts';
import { ProfileEnrollments } from '../enrollment/ProfileEnrollments.tsx';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Permissions } from '../../../common/permissions.ts';
import { errorMessage } from '../../api/client.ts';
import { accountsApi, auditApi } from '../../api/endpoints.ts';
import type { Account } from '../../api/types.ts';
import { can, useSession } from '../../app/session.ts';
import { formatDate, formatDateTime, formatRelative, fullName, initials } from '../../components/format.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { AuditEventList } from '../audit/AuditEventList.tsx';
import { useOrganizations } from '../organizations/useOrganizations.ts';
import { ProfileRoles } from '../roles/ProfileRoles.tsx';
import { PasswordHelp } from './PasswordHelp.tsx';
import { ActivationNotice, mayGetActivationLink, SendActivationButton, useSendActivation } from './SendActivation.tsx';
import { useSeatContractAt } from '../seats/useSeatContractAt.ts';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase" style={{ letterSpacing: 0.3 }}>
        {label}
      </Text>
      <Text size="sm" mt={2} component="div" style={{ overflowWrap: 'anywhere' }}>
        {children ?? '—'}
      </Text>
    </div>
  );
}

const yesNo = (v: boolean) => (v ? 'Yes' : 'No');

function Details({ a }: { a: Account }) {
  const { index } = useOrganizations();
  return (
    <Paper p="lg">
      <Title order={2} fz="md" mb="md">
        Details
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="lg" verticalSpacing="md">
        <Field label="Username">{a.username}</Field>
        <Field label="Email">{a.email}</Field>
        <Field label="Organization">{index.byId.has(a.orgId) ? index.pathOf(a.orgId) : a.orgName}</Field>
        <Field label="Affiliation">{a.affiliation || '—'}</Field>
        <Field label="Employee type">{a.employeeType || '—'}</Field>
        <Field label="Date of hire">{formatDate(a.dateHire)}</Field>
        <Field label="Date of transfer">{formatDate(a.dateTransfer)}</Field>
        <Field label="Job title">{a.jobTitle || '—'}</Field>
        <Field label="Department">{a.department || '—'}</Field>
        <Field label="External id">{a.externalId || '—'}</Field>
        <Field label="Training manager">{yesNo(a.trainingManager)}</Field>
        <Field label="Supervisor">{yesNo(a.supervisor)}</Field>
        <Field label="Created">{formatDateTime(a.createdAt)}</Field>
        <Field label="Last activity">{a.lastActivityAt ? formatDateTime(a.lastActivityAt) : 'Never'}</Field>
        {a.archivedAt && <Field label="Archived">{formatDateTime(a.archivedAt)}</Field>}
      </SimpleGrid>
    </Paper>
  );
}

function History({ a }: { a: Account }) {
  const me = useSession();
  const allowed = can(me, Permissions.auditRead);
  const events = useQuery({
    queryKey: ['audit', { targetId: a.id }],
    queryFn: () => auditApi.search({ targetId: a.id, limit: 50 }),
    enabled: allowed,
  });
  return (
    <Paper>
      <Title order={2} fz="md" p="lg" pb="xs">
        History
      </Title>
      {!allowed ? (
        <Text size="sm" c="dimmed" px="lg" pb="lg">
          You do not have permission to read the audit trail.
        </Text>
      ) : events.isPending ? (
        <LoadingState label="Loading history…" />
      ) : events.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={events.error} onRetry={() => void events.refetch()} />
        </div>
      ) : events.data.items.length === 0 ? (
        <EmptyState title="No recorded changes" />
      ) : (
        <AuditEventList events={events.data.items} showTarget={false} />
      )}
    </Paper>
  );
}

const withdrawalSentence = (places: number) =>
  places === 0
    ? 'They hold no place in a section that has not started.'
    : `They are withdrawn from ${places} section${places === 1 ? '' : 's'} that ${places === 1 ? 'has' : 'have'} not started, and each place goes to the waitlist.`;

export function AccountProfilePage() {
  const { id = '' } = useParams();
  const me = useSession();
  const queryClient = useQueryClient();
  const account = useQuery({ queryKey: ['accounts', 'one', id], queryFn: () => accountsApi.get(id) });
  // The dialogs speak of seats only where a contract counts them.
  const seatContractHere = useSeatContractAt(account.data?.orgId);
  const sendActivation = useSendActivation(id, account.data?.email);
  useDocumentTitle(account.data ? fullName(account.data) : 'Account');

  const lifecycle = useMutation({
    mutationFn: (action: 'archive' | 'reactivate') => (action === 'archive' ? accountsApi.archive(id) : accountsApi.reactivate(id)),
    onSuccess: async (saved, action) => {
      queryClient.setQueryData(['accounts', 'one', id], saved);
      await queryClient.invalidateQueries({ queryKey: ['accounts', 'search'] });
      await queryClient.invalidateQueries({ queryKey: ['audit'] });
      await queryClient.invalidateQueries({ queryKey: ['enrollments', id] });
      notifications.show({
        color: action === 'archive' ? 'gray' : 'teal',
        title: action === 'archive' ? 'Account archived' : 'Account reactivated',
        message:
          action === 'archive'
            ? `${fullName(saved)} can no longer sign in.`
            : `${fullName(saved)} is ${saved.status === 'active' ? 'active' : 'invited'} again.`,
      });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'That did not work', message: errorMessage(error) }),
  });

  if (account.isPending) return <LoadingState label="Loading the account…" />;
  if (account.isError) {
    return (
      <>
        <PageHeader
          above={
            <Breadcrumbs>
              <Anchor component={Link} to="/accounts" size="sm">
                Accounts
              </Anchor>
              <span>Account</span>
            </Breadcrumbs>
          }
          title="Account"
        />
        <ErrorState error={account.error} title="This account could not be opened" onRetry={() => void account.refetch()} />
      </>
    );
  }
  const a = account.data;
  const archived = a.status === 'archived';
  const seated = seatContractHere;

  // The archive dialog states how many places archiving gives up (sections not yet started), read now.
  const confirm = async () => {
    const places = archived
      ? 0
      : await enrollmentsApi.archiveEffect(a.id).then(
          (e) => e.withdrawnFromSections,
          () => 0,
        );
    modals.openConfirmModal({
      title: archived ? `Reactivate ${fullName(a)}?` : `Archive ${fullName(a)}?`,
      children: (
        <Text size="sm">
          {archived
            ? `They will be able to sign in again.${seated ? ' The account takes a seat of your contract again (refused if every seat is taken).' : ''}`
            : `They will not be able to sign in until the account is reactivated. Their history and past enrollments are kept.${seated ? ' Their seat is freed.' : ''} ${withdrawalSentence(places)}`}
        </Text>
      ),
      labels: { confirm: archived ? 'Reactivate' : 'Archive', cancel: 'Cancel' },
      confirmProps: { color: archived ? 'indigo' : 'red' },
      closeButtonProps: { 'aria-label': 'Close' },
      onConfirm: () => lifecycle.mutate(archived ? 'reactivate' : 'archive'),
    });
  };

  const canEdit = can(me, Permissions.accountsWrite);
  const canInvite = canEdit && mayGetActivationLink(a);
  const canLifecycle = can(me, Permissions.accountsLifecycle) && a.id !== me.account.id;

  return (
    <>
      <PageHeader
        above={
          <Breadcrumbs>
            <Anchor component={Link} to="/accounts" size="sm">
              Accounts
            </Anchor>
            <span>{fullName(a)}</span>
          </Breadcrumbs>
        }
        title={
          <Group gap="md" wrap="nowrap">
            <Avatar size={48} radius="xl" color="indigo" aria-hidden>
              {initials(a)}
            </Avatar>
            <span>{fullName(a)}</span>
            <StatusBadge status={a.status} />
          </Group>
        }
        description={`${a.email} · ${a.orgName} · last active ${formatRelative(a.lastActivityAt).toLowerCase()}`}
        actions={
          <>
            {canInvite && <SendActivationButton account={a} send={sendActivation} />}
            {canEdit && (
              <Button variant="default" component={Link} to={`/accounts/${a.id}/edit`} leftSection={<IconPencil size={16} aria-hidden />}>
                Edit
              </Button>
            )}
            {canLifecycle && (
              <Button
                variant="light"
                color={archived ? 'teal' : 'red'}
                leftSection={archived ? <IconRestore size={16} aria-hidden /> : <IconArchive size={16} aria-hidden />}
                loading={lifecycle.isPending}
                onClick={() => void confirm()}
              >
                {archived ? 'Reactivate' : 'Archive'}
              </Button>
            )}
          </>
        }
      />
      <ActivationNotice account={a} sent={sendActivation.data} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Details a={a} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            {canLifecycle && a.status === 'active' && <PasswordHelp account={a} />}
            <ProfileRoles account={a} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={12}>
          <ProfileEnrollments account={a} />
        </Grid.Col>
        <Grid.Col span={12}>
          <History a={a} />
        </Grid.Col>
      </Grid>
    </>
  );
}

import { Alert, Anchor, Badge, Breadcrumbs, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { catalogApi, enrollmentsApi, type Roster } from '../../api/enrollment.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { formatDate, formatDateTime } from '../../components/format.ts';
import { CapacityBar } from './CapacityBar.tsx';
import { useMayEnroll, useMayManageCourses } from './enrollment-access.ts';

type Entry = Roster['enrolled'][number];

/** One section: its roster and waitlist, with withdraw, complete and move up. */
export function SectionPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const roster = useQuery({ queryKey: ['roster', id], queryFn: () => enrollmentsApi.roster(id) });
  const mayEnroll = useMayEnroll();
  const mayManage = useMayManageCourses();
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  useDocumentTitle(roster.data ? `Section ${roster.data.section.code}` : 'Section');

  const act = async (work: () => Promise<unknown>, done: string) => {
    setNotice(null);
    try {
      await work();
      setNotice({ ok: true, text: done });
    } catch (error) {
      setNotice({ ok: false, text: errorMessage(error) });
    }
    await queryClient.invalidateQueries({ queryKey: ['roster', id] });
    await queryClient.invalidateQueries({ queryKey: ['courses'] });
  };

  if (roster.isPending) return <LoadingState label="Loading the section…" />;
  if (roster.isError) return <ErrorState error={roster.error} title="This section could not be opened" />;
  const { section } = roster.data;
  const name = (e: Entry) => `${e.firstName} ${e.lastName}`.trim() || e.email;
  const cancel = () =>
    modals.openConfirmModal({
      title: `Cancel section ${section.code}?`,
      children: (
        <Text size="sm">
          {`Everyone in it (${section.enrolledCount} enrolled, ${section.waitlistedCount} waitlisted) is withdrawn and told by email. This cannot be undone.`}
        </Text>
      ),
      labels: { confirm: 'Cancel the section', cancel: 'Keep it' },
      confirmProps: { color: 'red' },
      closeButtonProps: { 'aria-label': 'Close' },
      onConfirm: () => void act(() => catalogApi.cancelSection(section.id), `Section ${section.code} is cancelled.`),
    });

  const rows = (entries: Entry[], kind: 'enrolled' | 'waitlisted' | 'completed') =>
    entries.map((e) => (
      <Table.Tr key={e.enrollmentId}>
        {kind === 'waitlisted' && <Table.Td>{e.waitlistPosition}</Table.Td>}
        <Table.Td>
          <Anchor component={Link} to={`/accounts/${e.accountId}`}>
            {name(e)}
          </Anchor>{' '}
          {e.forced && <Badge color="grape">Forced</Badge>}
        </Table.Td>
        <Table.Td>{e.orgName}</Table.Td>
        <Table.Td>{formatDateTime(kind === 'completed' ? e.completedAt : kind === 'waitlisted' ? e.waitlistedAt : e.enrolledAt)}</Table.Td>
        {mayEnroll && kind !== 'completed' && (
          <Table.Td>
            <Group gap="xs">
              {kind === 'waitlisted' && (e.waitlistPosition ?? 0) > 1 && (
                <Button
                  size="xs"
                  variant="default"
                  aria-label={`Move up ${name(e)}`}
                  onClick={() => void act(() => enrollmentsApi.moveUp(e.enrollmentId), `${name(e)} moved up.`)}
                >
                  Move up
                </Button>
              )}
              {kind === 'enrolled' && (
                <Button
                  size="xs"
                  variant="light"
                  aria-label={`Complete ${name(e)}`}
                  onClick={() => void act(() => enrollmentsApi.complete(e.enrollmentId), `${name(e)} completed the section.`)}
                >
                  Complete
                </Button>
              )}
              <Button
                size="xs"
                variant="light"
                color="red"
                aria-label={`Withdraw ${name(e)}`}
                onClick={() => void act(() => enrollmentsApi.withdraw(e.enrollmentId), `${name(e)} was withdrawn.`)}
              >
                Withdraw
              </Button>
            </Group>
          </Table.Td>
        )}
      </Table.Tr>
    ));

  const table = (title: string, entries: Entry[], kind: 'enrolled' | 'waitlisted' | 'completed', empty: string) => (
    <Paper p="md" component="section" aria-label={title}>
      <Title order={2} fz="lg" mb="sm">
        {title} ({entries.length})
      </Title>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              {kind === 'waitlisted' && <Table.Th>Position</Table.Th>}
              <Table.Th>Person</Table.Th>
              <Table.Th>Organization</Table.Th>
              <Table.Th>{kind === 'completed' ? 'Completed' : kind === 'waitlisted' ? 'Since' : 'Enrolled'}</Table.Th>
              {mayEnroll && kind !== 'completed' && <Table.Th>Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{rows(entries, kind)}</Table.Tbody>
        </Table>
      )}
    </Paper>
  );

  return (
    <>
      <PageHeader
        above={
          <Breadcrumbs>
            <Anchor component={Link} to="/courses" size="sm">
              Courses
            </Anchor>
            <span>{section.code}</span>
          </Breadcrumbs>
        }
        title={`${section.courseCode} · section ${section.code}`}
        description={`${section.courseTitle} · ${section.startsAt ? `${formatDate(section.startsAt)} – ${formatDate(section.endsAt)}` : 'dates not set'} · ${section.online ? 'online' : (section.location ?? 'place not set')}`}
        actions={
          <>
            <Button variant="default" component="a" href={enrollmentsApi.rosterCsvUrl(section.id)} download>
              Download roster (CSV)
            </Button>
            {mayManage && section.status === 'open' && (
              <Button variant="light" color="red" onClick={cancel}>
                Cancel section
              </Button>
            )}
          </>
        }
      />
      {notice && (
        <Alert
          color={notice.ok ? 'teal' : 'red'}
          variant="light"
          role={notice.ok ? 'status' : 'alert'}
          mb="md"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setNotice(null)}
        >
          {notice.text}
        </Alert>
      )}
      <Stack gap="md">
        <Paper p="md">
          {section.status === 'cancelled' && (
            <Badge color="gray" mb="sm">
              Cancelled
            </Badge>
          )}
          <CapacityBar section={section} />
        </Paper>
        {table('Enrolled', roster.data.enrolled, 'enrolled', 'Nobody is enrolled yet.')}
        {table('Waitlist', roster.data.waitlisted, 'waitlisted', 'Nobody is waiting.')}
        {roster.data.completed.length > 0 && table('Completed', roster.data.completed, 'completed', '')}
      </Stack>
    </>
  );
}

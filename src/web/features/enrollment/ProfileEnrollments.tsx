import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { enrollmentsApi } from '../../api/enrollment.ts';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { formatDateTime } from '../../components/format.ts';
import { EnrollDialog } from './EnrollDialog.tsx';
import { useMayEnroll } from './enrollment-access.ts';

const statusColor: Record<string, string> = { enrolled: 'teal', waitlisted: 'orange', completed: 'indigo', withdrawn: 'gray' };

/** The profile's enrollments: each with its history, learning paths with per-course progress, and the Enroll dialog. */
export function ProfileEnrollments({ account }: { account: { id: string; firstName: string; lastName: string; status: string } }) {
  const mayEnroll = useMayEnroll();
  const [open, setOpen] = useState(false);
  const enrollments = useQuery({ queryKey: ['enrollments', account.id], queryFn: () => enrollmentsApi.ofAccount(account.id) });
  const who = `${account.firstName} ${account.lastName}`.trim();
  return (
    <Paper p="md" component="section" aria-labelledby="enrollments-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg" id="enrollments-title">
          Enrollments
        </Title>
        {mayEnroll && account.status !== 'archived' && (
          <Button size="xs" onClick={() => setOpen(true)}>
            Enroll
          </Button>
        )}
      </Group>
      {enrollments.isPending ? (
        <LoadingState label="Loading enrollments…" />
      ) : enrollments.error ? (
        <ErrorState error={enrollments.error} />
      ) : enrollments.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Not enrolled in anything yet.
        </Text>
      ) : (
        <Stack gap="sm">
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Course</Table.Th>
                <Table.Th>Section</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>History</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {enrollments.data.items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    {e.courseCode} · {e.courseTitle}
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/sections/${e.sectionId}`}>
                      {e.sectionCode}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[e.status] ?? 'gray'}>
                      {e.status === 'waitlisted' ? `waitlisted #${e.waitlistPosition}` : e.status}
                    </Badge>
                    {e.forced && (
                      <Badge color="grape" ml={4}>
                        forced
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{e.history.map((h) => `${h.event} ${formatDateTime(h.at)}`).join(' · ')}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {enrollments.data.learningPaths.map((p) => (
            <Text key={p.id} size="sm">
              <strong>
                {p.code} · {p.title}
              </strong>
              : {p.courses.map((c) => `${c.code} ${c.status.replace('_', ' ')}`).join(', ')}
            </Text>
          ))}
        </Stack>
      )}
      {open && <EnrollDialog selection={{ accountIds: [account.id] }} count={1} who={who} onClose={() => setOpen(false)} />}
    </Paper>
  );
}

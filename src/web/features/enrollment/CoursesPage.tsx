import { Alert, Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { catalogApi, type Course } from '../../api/enrollment.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { formatDate } from '../../components/format.ts';
import { useOrganizations } from '../organizations/useOrganizations.ts';
import { CapacityBar } from './CapacityBar.tsx';
import { useMayManageCourses } from './enrollment-access.ts';

/** The courses the person sees, each with its sections and how full they are. */
export function CoursesPage() {
  useDocumentTitle('Courses');
  const queryClient = useQueryClient();
  const mayManage = useMayManageCourses();
  const courses = useQuery({ queryKey: ['courses'], queryFn: () => catalogApi.courses() });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['courses'] });
  return (
    <>
      <PageHeader
        title="Courses"
        description="Courses and their sections. A course is seen and enrolled into from the organization that offers it and everything below."
        actions={
          <Button variant="default" component={Link} to="/learning-paths">
            Learning paths
          </Button>
        }
      />
      <Stack gap="md">
        {mayManage && <NewCourseForm onCreated={refresh} />}
        {courses.isPending ? (
          <LoadingState label="Loading courses…" />
        ) : courses.error ? (
          <ErrorState error={courses.error} />
        ) : courses.data.items.length === 0 ? (
          <EmptyState title="No courses yet" />
        ) : (
          courses.data.items.map((c) => <CourseCard key={c.id} course={c} mayManage={mayManage} onChanged={refresh} />)
        )}
      </Stack>
    </>
  );
}

function CourseCard({ course, mayManage, onChanged }: { course: Course; mayManage: boolean; onChanged(): void }) {
  return (
    <Paper p="md" component="section" aria-labelledby={`course-${course.id}`}>
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={2} fz="lg" id={`course-${course.id}`}>
            {course.code} · {course.title}
          </Title>
          <Text size="sm" c="dimmed">
            Offered by {course.orgName}
          </Text>
        </div>
      </Group>
      {course.sections.length === 0 ? (
        <Text size="sm" c="dimmed">
          No sections yet.
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Section</Table.Th>
              <Table.Th>Dates</Table.Th>
              <Table.Th>Where</Table.Th>
              <Table.Th>Places</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {course.sections.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/sections/${s.id}`}>
                    {s.code}
                  </Anchor>{' '}
                  {s.status === 'cancelled' && <Badge color="gray">Cancelled</Badge>}
                </Table.Td>
                <Table.Td>{s.startsAt ? `${formatDate(s.startsAt)}${s.endsAt ? ` – ${formatDate(s.endsAt)}` : ''}` : 'Not set'}</Table.Td>
                <Table.Td>{s.online ? 'Online' : (s.location ?? '—')}</Table.Td>
                <Table.Td>
                  <CapacityBar section={s} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {mayManage && <NewSectionForm course={course} onCreated={onChanged} />}
    </Paper>
  );
}

function useFormProblem() {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>) => {
    setFields({});
    setProblem(null);
    try {
      await work();
      return true;
    } catch (error) {
      setProblem(errorMessage(error));
      if (error instanceof ApiError) setFields(error.fields);
      return false;
    }
  };
  return { fields, problem, run };
}

function NewCourseForm({ onCreated }: { onCreated(): void }) {
  const { index } = useOrganizations();
  const [orgId, setOrgId] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const form = useFormProblem();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await form.run(() => catalogApi.createCourse({ orgId: orgId ?? '', code, title }));
    if (ok) {
      setCode('');
      setTitle('');
      onCreated();
    }
  };
  return (
    <Paper p="md" component="form" onSubmit={(e: FormEvent) => void submit(e)} noValidate aria-label="New course">
      {form.problem && (
        <Alert color="red" variant="light" role="alert" mb="sm">
          {form.problem}
        </Alert>
      )}
      <Group align="flex-end">
        <Select label="Offered by" data={index.options} value={orgId} onChange={setOrgId} searchable error={form.fields.orgId} w={280} />
        <TextInput label="Course code" value={code} onChange={(e) => setCode(e.currentTarget.value)} error={form.fields.code} w={160} />
        <TextInput label="Course title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={form.fields.title} />
        <Button type="submit">Create course</Button>
      </Group>
    </Paper>
  );
}

function NewSectionForm({ course, onCreated }: { course: Course; onCreated(): void }) {
  const [code, setCode] = useState('');
  const [capacity, setCapacity] = useState('20');
  const [startsAt, setStartsAt] = useState('');
  const form = useFormProblem();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await form.run(() =>
      catalogApi.createSection(course.id, { code, capacity: Number(capacity), ...(startsAt ? { startsAt } : {}) }),
    );
    if (ok) {
      setCode('');
      onCreated();
    }
  };
  return (
    <form onSubmit={(e: FormEvent) => void submit(e)} noValidate aria-label={`New section of ${course.code}`}>
      {form.problem && (
        <Alert color="red" variant="light" role="alert" my="sm">
          {form.problem}
        </Alert>
      )}
      <Group align="flex-end" mt="sm">
        <TextInput
          label="Section code"
          aria-label={`Section code for ${course.code}`}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={form.fields.code}
          w={180}
        />
        <TextInput
          label="Capacity"
          aria-label={`Capacity for ${course.code}`}
          inputMode="numeric"
          value={capacity}
          onChange={(e) => setCapacity(e.currentTarget.value)}
          error={form.fields.capacity}
          w={100}
        />
        <TextInput
          label="Starts (YYYY-MM-DD)"
          aria-label={`Start date for ${course.code}`}
          value={startsAt}
          onChange={(e) => setStartsAt(e.currentTarget.value)}
          error={form.fields.startsAt}
          w={180}
        />
        <Button type="submit" variant="light">
          Add section
        </Button>
      </Group>
    </form>
  );
}

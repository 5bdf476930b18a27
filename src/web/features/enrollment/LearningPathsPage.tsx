import { Alert, Button, Group, MultiSelect, Paper, Select, Stack, Table, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/client.ts';
import { catalogApi } from '../../api/enrollment.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useOrganizations } from '../organizations/useOrganizations.ts';
import { useMayManageCourses } from './enrollment-access.ts';

/** Learning paths: courses taken in order. Enrolling into one takes each course's next open section. */
export function LearningPathsPage() {
  useDocumentTitle('Learning paths');
  const queryClient = useQueryClient();
  const paths = useQuery({ queryKey: ['learning-paths'], queryFn: catalogApi.learningPaths });
  const mayManage = useMayManageCourses();
  return (
    <>
      <PageHeader
        title="Learning paths"
        description="Courses taken in order. Enrolling someone into a path gives them a place in each course’s next open section."
      />
      <Stack gap="md">
        {mayManage && <NewPathForm onCreated={() => void queryClient.invalidateQueries({ queryKey: ['learning-paths'] })} />}
        <Paper p="md">
          {paths.isPending ? (
            <LoadingState label="Loading learning paths…" />
          ) : paths.error ? (
            <ErrorState error={paths.error} />
          ) : paths.data.length === 0 ? (
            <EmptyState title="No learning paths yet" />
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Path</Table.Th>
                  <Table.Th>Offered by</Table.Th>
                  <Table.Th>Courses, in order</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {paths.data.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      {p.code} · {p.title}
                    </Table.Td>
                    <Table.Td>{p.orgName}</Table.Td>
                    <Table.Td>{p.courses.map((c, i) => `${i + 1}. ${c.code}`).join('  ')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </Stack>
    </>
  );
}

function NewPathForm({ onCreated }: { onCreated(): void }) {
  const { index } = useOrganizations();
  const courses = useQuery({ queryKey: ['courses'], queryFn: () => catalogApi.courses() });
  const [orgId, setOrgId] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const [courseIds, setCourseIds] = useState<string[]>([]);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFields({});
    setProblem(null);
    try {
      await catalogApi.createLearningPath({ orgId: orgId ?? '', code, title, courseIds });
      setCode('');
      setTitle('');
      setCourseIds([]);
      onCreated();
    } catch (error) {
      setProblem(errorMessage(error));
      if (error instanceof ApiError) setFields(error.fields);
    }
  };
  return (
    <Paper p="md" component="form" onSubmit={(e: FormEvent) => void submit(e)} noValidate aria-label="New learning path">
      {problem && (
        <Alert color="red" variant="light" role="alert" mb="sm">
          {problem}
        </Alert>
      )}
      <Group align="flex-end">
        <Select label="Offered by" data={index.options} value={orgId} onChange={setOrgId} searchable error={fields.orgId} w={260} />
        <TextInput label="Path code" value={code} onChange={(e) => setCode(e.currentTarget.value)} error={fields.code} w={150} />
        <TextInput label="Path title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fields.title} />
        <MultiSelect
          label="Courses, in the order taken"
          data={(courses.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.code} · ${c.title}` }))}
          value={courseIds}
          onChange={setCourseIds}
          searchable
          error={fields.courseIds}
          w={320}
        />
        <Button type="submit">Create path</Button>
      </Group>
    </Paper>
  );
}

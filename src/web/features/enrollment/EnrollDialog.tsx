import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { catalogApi, enrollmentsApi, type EnrollSelection, type EnrollTarget } from '../../api/enrollment.ts';
import { capacityLabel, useMayForce } from './enrollment-access.ts';

const forceReasonMin = 10;

/**
 * Enroll the given people into a section or a learning path. The count it will enroll is stated
 * before confirming; force (with its reason) is offered only to those who may.
 */
export function EnrollDialog({
  selection,
  count,
  who,
  onClose,
}: {
  selection: EnrollSelection;
  count: number;
  who: string;
  onClose(): void;
}) {
  const queryClient = useQueryClient();
  const mayForce = useMayForce();
  const courses = useQuery({ queryKey: ['courses'], queryFn: () => catalogApi.courses() });
  const paths = useQuery({ queryKey: ['learning-paths'], queryFn: catalogApi.learningPaths });
  const [target, setTarget] = useState<string | null>(null);
  const [force, setForce] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  // A large enrollment runs as a job: follow its progress until it ends.
  const job = useQuery({
    queryKey: ['enrollment-job', jobId],
    queryFn: () => enrollmentsApi.job(jobId ?? ''),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && ['succeeded', 'failed', 'cancelled'].includes(q.state.data.status) ? false : 1000),
  });

  const options = [
    {
      group: 'Sections',
      items: (courses.data?.items ?? []).flatMap((c) =>
        c.sections
          .filter((s) => s.status === 'open')
          .map((s) => ({ value: `section:${s.id}`, label: `${c.code} · ${s.code} (${capacityLabel(s)})` })),
      ),
    },
    { group: 'Learning paths', items: (paths.data ?? []).map((p) => ({ value: `path:${p.id}`, label: `${p.code} · ${p.title}` })) },
  ];
  const reasonShort = force && reason.trim().length < forceReasonMin;

  const submit = async () => {
    if (!target) return setProblem('Choose a section or a learning path.');
    if (reasonShort) return setProblem(`Give a reason of at least ${forceReasonMin} characters for forcing.`);
    setProblem(null);
    setBusy(true);
    const [kind, id = ''] = target.split(':');
    const chosen: EnrollTarget = kind === 'section' ? { sectionId: id } : { learningPathId: id };
    try {
      const answer = await enrollmentsApi.enroll(selection, chosen, force ? { reason: reason.trim() } : undefined);
      if ('jobId' in answer) {
        setJobId(answer.jobId);
        setResult(`Enrolling ${answer.total.toLocaleString('en-US')} people in the background.`);
      } else {
        const first = answer.results[0];
        setResult(
          count === 1 && first
            ? first.status === 'failed'
              ? `Not enrolled: ${first.reason?.replace(/_/g, ' ')}.`
              : first.status === 'waitlisted'
                ? `${who} is on the waitlist.`
                : `${who} is enrolled${first.reason === 'forced' ? ' (forced)' : ''}.`
            : `Enrolled ${answer.counts.enrolled}, waitlisted ${answer.counts.waitlisted}, failed ${answer.counts.failed}.`,
        );
      }
      await queryClient.invalidateQueries({ queryKey: ['courses'] });
      await queryClient.invalidateQueries({ queryKey: ['enrollments'] });
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={`Enroll ${who}`} closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="md">
        {problem && (
          <Alert color="red" variant="light" role="alert">
            {problem}
          </Alert>
        )}
        {result ? (
          <>
            <Alert color="teal" variant="light" role="status">
              {job.data
                ? job.data.status === 'succeeded'
                  ? `Done: enrolled ${job.data.counts.enrolled}, waitlisted ${job.data.counts.waitlisted}, failed ${job.data.counts.failed}.`
                  : job.data.status === 'failed'
                    ? `The enrollment stopped: ${job.data.error ?? 'unknown reason'}`
                    : `${result} ${job.data.done.toLocaleString('en-US')} of ${job.data.total.toLocaleString('en-US')} done…`
                : result}
            </Alert>
            <Group justify="flex-end">
              <Button onClick={onClose}>Done</Button>
            </Group>
          </>
        ) : (
          <>
            <Select
              label="Section or learning path"
              data={options}
              value={target}
              onChange={setTarget}
              searchable
              nothingFoundMessage="Nothing matches"
            />
            {mayForce && (
              <Checkbox
                label="Force: enroll even if the section is full or its enrollment window is closed"
                checked={force}
                onChange={(e) => setForce(e.currentTarget.checked)}
              />
            )}
            {force && (
              <Textarea
                label="Reason for forcing"
                description="Recorded in the audit log, for example who approved it."
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={reasonShort && reason ? `At least ${forceReasonMin} characters.` : undefined}
                autosize
                minRows={2}
              />
            )}
            <Text size="sm">
              {count === 1 ? `This enrolls 1 person: ${who}.` : `This enrolls ${count.toLocaleString('en-US')} people: ${who}.`}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button onClick={() => void submit()} loading={busy}>
                {count === 1 ? 'Enroll 1 person' : `Enroll ${count.toLocaleString('en-US')} people`}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}

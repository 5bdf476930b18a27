import { Alert } from '@mantine/core';
import { IconAlertCircle, IconClockPause } from '@tabler/icons-react';

/** Why a sign-in or link request did not go through; `throttled` when the person only has to wait. */
export interface FormProblemInfo {
  title: string;
  message: string;
  throttled: boolean;
}

/** The alert above a public form: red for a refusal, orange (with a clock) for "wait a while". */
export function FormProblem({ problem }: { problem: FormProblemInfo }) {
  return (
    <Alert
      color={problem.throttled ? 'orange' : 'red'}
      variant="light"
      title={problem.title}
      icon={problem.throttled ? <IconClockPause size={18} /> : <IconAlertCircle size={18} />}
      role="alert"
      // Orange titles on a pale orange background are below AA contrast (about 3.6:1).
      styles={problem.throttled ? { title: { color: 'var(--mantine-color-text)' } } : undefined}
    >
      {problem.message}
    </Alert>
  );
}

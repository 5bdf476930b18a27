import { Group, Loader, Paper, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ImportView } from '../../api/imports.ts';
import { formatNumber } from '../../components/format.ts';

interface Sample {
  at: number;
  done: number;
}

/** Adds the newest poll to the samples, keeping about the last 15 seconds (and never fewer than two). */
function withSample(samples: Sample[], sample: Sample): Sample[] {
  const last = samples.at(-1);
  // A new commit (or a page reused for another import) starts the measurement again.
  const kept = last && sample.done < last.done ? [] : samples;
  const next = [...kept, sample];
  while (next.length > 2 && sample.at - (next[0] as Sample).at > 15_000) next.shift();
  return next;
}

/** Rows per second, from how rowsDone moved over the last few polls; right after a reload, from the commit time. */
function useRate(imp: ImportView, observedAt: number): number | null {
  const [samples, setSamples] = useState<Sample[]>([]);
  let list = samples;
  if (list.at(-1)?.at !== observedAt) {
    // A new poll: remember it while rendering (React's pattern for state derived from the previous render),
    // so the rate shown is never one poll behind.
    list = withSample(samples, { at: observedAt, done: imp.rowsDone });
    setSamples(list);
  }
  const first = list[0] as Sample;
  const newest = list.at(-1) as Sample;
  const span = (newest.at - first.at) / 1000;
  if (span >= 1.5 && newest.done > first.done) return (newest.done - first.done) / span;
  if (imp.committedAt && imp.rowsDone > 0) {
    const elapsed = (observedAt - new Date(imp.committedAt).getTime()) / 1000;
    if (elapsed > 0.5) return imp.rowsDone / elapsed;
  }
  return null;
}

function formatDuration(seconds: number): string {
  if (seconds < 1.5) return 'less than a second';
  if (seconds < 60) return `${Math.round(seconds)} seconds`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

/** The live bar while a confirmed import is applied: rows done, rate and time left. */
export function CommitProgress({ imp, observedAt }: { imp: ImportView; observedAt: number }) {
  const rate = useRate(imp, observedAt);
  const total = Math.max(imp.counts.total, imp.rowsDone, 1);
  const percent = Math.min(100, Math.floor((imp.rowsDone / total) * 100));
  const left = rate ? (total - imp.rowsDone) / rate : null;
  return (
    <Paper p="lg" aria-labelledby="commit-progress-title">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Group gap="sm">
            <Loader size="sm" aria-hidden />
            <Text fw={600} id="commit-progress-title">
              Importing… {percent}%
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            You can leave this page; the import keeps going.
          </Text>
        </Group>
        <Progress.Root size="xl" radius="md">
          <Progress.Section
            value={percent}
            animated
            striped
            aria-label="Import progress"
            aria-valuetext={`${percent}%, ${formatNumber(imp.rowsDone)} of ${formatNumber(total)} rows`}
          />
        </Progress.Root>
        <Group gap="xl" data-testid="commit-progress-figures">
          <Text size="sm">
            <b>{formatNumber(imp.rowsDone)}</b> of {formatNumber(total)} rows done
          </Text>
          <Text size="sm">
            {rate ? (
              <>
                <b>{formatNumber(Math.round(rate))}</b> rows a second
              </>
            ) : (
              'Measuring speed…'
            )}
          </Text>
          <Text size="sm">
            {left !== null ? (
              <>
                About <b>{formatDuration(left)}</b> left
              </>
            ) : (
              'Estimating time left…'
            )}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}

/** While the file is read and every row checked; nothing has been written yet. */
export function PlanningProgress({ imp }: { imp: ImportView }) {
  const label = imp.status === 'queued' ? 'Waiting to start checking the file…' : 'Checking every row of the file…';
  return (
    <Paper p="lg">
      <Stack gap="sm">
        <Group gap="sm">
          <Loader size="sm" aria-hidden />
          <Text fw={600}>{label}</Text>
        </Group>
        <div role="progressbar" aria-label="Checking the file" aria-valuetext={`${formatNumber(imp.rowsDone)} rows checked`}>
          <Progress.Root size="lg" radius="md">
            <Progress.Section value={100} animated striped color="indigo.3" withAria={false} />
          </Progress.Root>
        </div>
        <Text size="sm" c="dimmed">
          {imp.rowsDone > 0 ? `${formatNumber(imp.rowsDone)} rows checked so far. ` : ''}
          Nothing is changed until you have seen the preview and confirmed it. You can leave this page and come back.
        </Text>
      </Stack>
    </Paper>
  );
}

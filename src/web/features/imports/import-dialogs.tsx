import { Button, Checkbox, Group, List, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useState, type ReactNode } from 'react';
import type { ImportView } from '../../api/imports.ts';
import { formatNumber } from '../../components/format.ts';
import { modeExplanations, modeLabels, planSentence } from './import-labels.ts';

const closeButtonProps = { 'aria-label': 'Close' };

/**
 * States exactly what the commit will do, and in which mode, before anything is written. When the
 * tenant asks people to confirm a sentence first, the dialog shows it with a box to tick, and the
 * import starts only once it is ticked.
 */
export function confirmCommit(imp: ImportView, onConfirm: (attested: boolean) => void): void {
  const plan = planSentence(imp.counts);
  const summary = (
    <Stack gap="sm">
      <Text fw={600} data-testid="commit-summary">
        {[plan.changes ? `${plan.changes}` : 'Change no account', plan.skipped].filter(Boolean).join('; ')}.
      </Text>
      {plan.unchanged && <Text size="sm">{plan.unchanged}.</Text>}
      {imp.counts.failed > 0 && (
        <Text size="sm">After the import you can download the skipped rows with the reason for each, fix them, and upload them again.</Text>
      )}
      {imp.template === 'enrollments' ? (
        <Text size="sm">
          Each person is enrolled by the rules of the moment it runs: a section that filled since the preview waitlists them.
        </Text>
      ) : (
        <Text size="sm">
          <b>Mode: {modeLabels[imp.mode]}.</b> {modeExplanations[imp.mode]}
        </Text>
      )}
      <Text size="sm" c="dimmed">
        Into {imp.orgName}. It runs in the background; you can leave the page. A finished import can be rolled back.
      </Text>
    </Stack>
  );
  const title = `Import ${imp.fileName}?`;
  const sentence = imp.attestation;
  if (!sentence) {
    modals.openConfirmModal({
      title,
      size: 'lg',
      closeButtonProps,
      children: summary,
      labels: { confirm: 'Import now', cancel: 'Go back' },
      onConfirm: () => onConfirm(false),
    });
    return;
  }
  const id = modals.open({
    title,
    size: 'lg',
    closeButtonProps,
    children: (
      <AttestedCommit
        summary={summary}
        sentence={sentence}
        onCancel={() => modals.close(id)}
        onConfirm={() => {
          modals.close(id);
          onConfirm(true);
        }}
      />
    ),
  });
}

function AttestedCommit(props: { summary: ReactNode; sentence: string; onCancel: () => void; onConfirm: () => void }) {
  const [ticked, setTicked] = useState(false);
  return (
    <Stack gap="md">
      {props.summary}
      <Checkbox
        name="attested"
        label={props.sentence}
        checked={ticked}
        onChange={(event) => setTicked(event.currentTarget.checked)}
        description="Your organization asks you to confirm this before importing."
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onCancel}>
          Go back
        </Button>
        <Button disabled={!ticked} onClick={props.onConfirm}>
          Import now
        </Button>
      </Group>
    </Stack>
  );
}

/** Says what a rollback will undo, row kind by row kind. */
export function confirmRollback(imp: ImportView, onConfirm: () => void): void {
  const c = imp.counts;
  const n = (count: number, one: string, many: string) => `${formatNumber(count)} ${count === 1 ? one : many}`;
  const undo: string[] = [];
  if (c.created)
    undo.push(`Remove the ${n(c.created, 'account', 'accounts')} it created. An account someone has changed since is archived instead.`);
  if (c.updated) undo.push(`Put back the previous details of the ${n(c.updated, 'account', 'accounts')} it updated.`);
  if (c.archived) undo.push(`Make the ${n(c.archived, 'account', 'accounts')} it archived active again.`);
  if (c.reactivated) undo.push(`Archive again the ${n(c.reactivated, 'account', 'accounts')} it reactivated.`);
  modals.openConfirmModal({
    title: `Roll back the import of ${imp.fileName}?`,
    size: 'lg',
    closeButtonProps,
    children: (
      <Stack gap="sm">
        <Text size="sm">This undoes what the import changed in {imp.orgName}:</Text>
        {undo.length > 0 ? (
          <List size="sm" spacing={4} withPadding>
            {undo.map((u) => (
              <List.Item key={u}>{u}</List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm">The import changed no account, so there is nothing to undo.</Text>
        )}
        <Text size="sm">Accounts that someone changed after the import are left as they are; the rows say which.</Text>
        <Text size="sm" c="dimmed">
          Every change is recorded in the audit log. To apply the file again later, upload it again.
        </Text>
      </Stack>
    ),
    labels: { confirm: 'Roll back', cancel: 'Keep the import' },
    confirmProps: { color: 'red' },
    onConfirm,
  });
}

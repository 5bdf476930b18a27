import { Alert, Loader, Text } from '@mantine/core';
import { IconAlertTriangle, IconArrowBackUp, IconCircleCheck, IconInfoCircle, IconX } from '@tabler/icons-react';
import type { ImportView } from '../../api/imports.ts';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { countOf } from '../../components/plural.ts';
import { FileErrorPanel } from './FileErrorPanel.tsx';
import { planSentence } from './import-labels.ts';

/**
 * The uploader will also receive the import log by email, but only once the notifications issue delivers
 * the outbox; until then the note would promise mail that nobody sends. Turn it on with that issue.
 */
export const showEmailNote = false;

/** Pale teal and orange backgrounds leave their own darkest shade just under AA contrast; titles stay in the text colour. */
const darkTitle = { title: { color: 'var(--mantine-color-text)' } };

function doneSummary(imp: ImportView): string {
  const c = imp.counts;
  const parts = [
    c.created && `${formatNumber(c.created)} created`,
    c.updated && `${formatNumber(c.updated)} updated`,
    c.archived && `${formatNumber(c.archived)} archived`,
    c.reactivated && `${formatNumber(c.reactivated)} reactivated`,
    c.enrolled && `${formatNumber(c.enrolled)} enrolled`,
    c.waitlisted && `${formatNumber(c.waitlisted)} waitlisted`,
    c.unchanged && `${formatNumber(c.unchanged)} unchanged`,
  ].filter(Boolean);
  return `${parts.length ? parts.join(', ') : 'No account changed'}${c.failed ? `; ${formatNumber(c.failed)} ${c.failed === 1 ? 'row' : 'rows'} failed` : ''}.`;
}

/** What the state of the import means for the person looking at it, shown above its rows. */
export function StatusPanel({ imp, rollingBack }: { imp: ImportView; rollingBack: boolean }) {
  if (rollingBack && imp.status === 'completed') {
    return (
      <Alert
        color="orange"
        variant="light"
        styles={darkTitle}
        icon={<Loader size={18} color="orange" />}
        title="Rolling back…"
        role="status"
      >
        Undoing the changes this import made. This page updates on its own.
      </Alert>
    );
  }
  switch (imp.status) {
    case 'planned': {
      const plan = planSentence(imp.counts);
      return (
        <Alert color="indigo" variant="light" icon={<IconInfoCircle size={20} />} title="Preview: nothing has been changed yet">
          <Text size="sm">
            {plan.changes
              ? `Importing will ${plan.changes.charAt(0).toLowerCase()}${plan.changes.slice(1)}.`
              : 'Importing would change no account.'}{' '}
            {plan.skipped ? `${plan.skipped}.` : ''} {plan.unchanged ? `${plan.unchanged}.` : ''}
          </Text>
          <Text size="sm" mt={4}>
            Check the rows below. When it looks right, choose <b>Import</b>; if not, cancel, fix the file and upload it again.
          </Text>
          {/* What the server says about the file as a whole: columns it ignored, when the preview expires. */}
          {imp.notices.map((notice) => (
            <Text size="sm" mt={4} key={notice}>
              {notice}
            </Text>
          ))}
        </Alert>
      );
    }
    case 'completed':
      // Rows that failed are work left to do: a warning, not a green success.
      return (
        <Alert
          color={imp.counts.failed > 0 ? 'orange' : 'teal'}
          variant="light"
          styles={darkTitle}
          icon={imp.counts.failed > 0 ? <IconAlertTriangle size={20} /> : <IconCircleCheck size={20} />}
          title={
            imp.counts.failed > 0
              ? `Import completed ${formatDateTime(imp.finishedAt)}, but ${formatNumber(imp.counts.failed)} of ${countOf(imp.counts.total, 'row')} failed`
              : `Import completed ${formatDateTime(imp.finishedAt)}`
          }
          role="status"
        >
          <Text size="sm">{doneSummary(imp)}</Text>
          {imp.counts.failed > 0 && (
            <Text size="sm" mt={4}>
              Download the failed rows, fix them in the file (the Reason column says what is wrong), and upload it. Only those rows are
              applied; rows already imported come back unchanged.
            </Text>
          )}
          {showEmailNote && (
            <Text size="sm" mt={4}>
              The import log has also been sent to you by email.
            </Text>
          )}
        </Alert>
      );
    case 'rolled_back':
      return (
        <Alert
          color="orange"
          variant="light"
          styles={darkTitle}
          icon={<IconArrowBackUp size={20} />}
          title={`Rolled back ${formatDateTime(imp.rolledBackAt)}`}
          role="status"
        >
          The changes this import made were undone. Each row below says what happened to its account.
        </Alert>
      );
    case 'cancelled':
      return (
        <Alert
          color="gray"
          variant="light"
          styles={darkTitle}
          icon={<IconX size={20} />}
          title={`Cancelled ${formatDateTime(imp.finishedAt)}`}
        >
          {imp.committedAt ? 'The import was stopped while it ran; rows applied before it stopped stay applied.' : 'Nothing was changed.'}
        </Alert>
      );
    case 'failed':
      return imp.error ? (
        <FileErrorPanel imp={imp} />
      ) : (
        <Alert color="red" variant="light" title="The import failed" role="alert">
          Something went wrong while the file was processed. Upload it again; if it happens again, contact support.
        </Alert>
      );
    default:
      return null;
  }
}

import type { ImportCounts } from '../../../common/schemas/imports.ts';
import type { ImportMode, ImportStatus, RowOutcome } from '../../api/imports.ts';
import { formatNumber } from '../../components/format.ts';

export const statusLabels: Record<ImportStatus, string> = {
  queued: 'Waiting to start',
  planning: 'Checking the file',
  planned: 'Ready to import',
  running: 'Importing',
  completed: 'Completed',
  failed: 'File not accepted',
  cancelled: 'Cancelled',
  rolled_back: 'Rolled back',
};

export const statusColors: Record<ImportStatus, string> = {
  queued: 'gray',
  planning: 'blue',
  planned: 'indigo',
  running: 'blue',
  completed: 'teal',
  failed: 'red',
  cancelled: 'gray',
  rolled_back: 'orange',
};

/** Statuses in which the server is still working, so the page keeps asking. */
export const inFlight = (status: ImportStatus) => status === 'queued' || status === 'planning' || status === 'running';

export const modeLabels: Record<ImportMode, string> = { upsert: 'Create and update', create: 'Create only', update: 'Update only' };

export const modeExplanations: Record<ImportMode, string> = {
  upsert: 'New people get an account; people who already have one get the changes from the file. Use this for most imports.',
  create: 'Only new people get an account. Rows for people who already have a different account are reported as failures, never changed.',
  update: 'Only people who already have an account are changed. Rows for anyone new are reported as failures; no account is created.',
};

export const outcomeOrder = [
  'created',
  'updated',
  'unchanged',
  'archived',
  'reactivated',
  'enrolled',
  'waitlisted',
  'failed',
] as const satisfies readonly RowOutcome[];

/**
 * The outcomes an import's rows can have, by template: only the built-in `enrollments` template places
 * people (a tenant's own templates are all of accounts), and its rows never create or change an account.
 */
export const outcomesOf = (templateKey: string): readonly RowOutcome[] =>
  templateKey === 'enrollments'
    ? (['enrolled', 'waitlisted', 'unchanged', 'failed'] as const)
    : outcomeOrder.filter((o) => o !== 'enrolled' && o !== 'waitlisted');

/** A template allows some modes only (an archival template updates): a choice it does not allow gives way to one it does. */
export function modeFor(template: { modes: readonly ImportMode[] } | undefined, chosen: ImportMode): ImportMode {
  if (!template || template.modes.includes(chosen)) return chosen;
  return template.modes.includes('upsert') ? 'upsert' : (template.modes[0] ?? 'upsert');
}

/** An enrollments file only places existing accounts: the wizard says so instead of offering modes. */
export const enrollmentsImportExplanation =
  'Each row enrolls an existing account into a section or a learning path, waitlisting where it is full. No account is created or changed. You will see what each row would do before anything changes.';

/** [before commit, after commit] */
export const outcomeLabels: Record<RowOutcome, [string, string]> = {
  created: ['Create', 'Created'],
  updated: ['Update', 'Updated'],
  unchanged: ['Unchanged', 'Unchanged'],
  archived: ['Archive', 'Archived'],
  reactivated: ['Reactivate', 'Reactivated'],
  enrolled: ['Enroll', 'Enrolled'],
  waitlisted: ['Waitlist', 'Waitlisted'],
  failed: ['Fail', 'Failed'],
};

export const outcomeColors: Record<RowOutcome, string> = {
  created: 'teal',
  updated: 'blue',
  unchanged: 'gray',
  archived: 'orange',
  reactivated: 'grape',
  enrolled: 'teal',
  waitlisted: 'yellow',
  failed: 'red',
};

export const reasonLabels: Record<string, string> = {
  invalid_email: 'Email is not valid',
  missing_value: 'A required value is missing',
  invalid_value: 'A value is not allowed',
  duplicate_in_file: 'Email appears twice in the file',
  email_taken: 'Email already in use',
  not_found: 'No account to update',
  too_long: 'A value is too long',
  out_of_scope: 'Outside your organizations',
  role_not_allowed: 'Role not allowed in imports',
  role_limit: 'Role limit reached',
  seat_limit: 'No seats left',
  wrong_field_count: 'Wrong number of columns',
  changed_since_planning: 'Changed since the preview',
  unknown_person: 'No such person in your organizations',
  unknown_target: 'No such section or path in your organizations',
  account_archived: 'Account archived',
  already_enrolled: 'Already enrolled',
  enrollment_closed: 'Enrollment closed',
  section_cancelled: 'Section cancelled',
  force_not_allowed: 'Force not allowed',
  reason_too_short: 'Force reason too short',
};

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** "Create 412 accounts, update 3 and archive 18" — what a commit will do, in one sentence. */
export function planSentence(counts: ImportCounts): { changes: string | null; skipped: string | null; unchanged: string | null } {
  const parts: string[] = [];
  if (counts.created) parts.push(`create ${plural(counts.created, 'account', 'accounts')}`);
  if (counts.updated) parts.push(`update ${formatNumber(counts.updated)}`);
  if (counts.reactivated) parts.push(`reactivate ${formatNumber(counts.reactivated)}`);
  if (counts.archived) parts.push(`archive ${formatNumber(counts.archived)}`);
  // An enrollments import places people: its sentence says so whole ("Enroll 12 people and waitlist 3").
  if (counts.enrolled) parts.push(`enroll ${plural(counts.enrolled, 'person', 'people')}`);
  if (counts.waitlisted) parts.push(`waitlist ${plural(counts.waitlisted, 'person', 'people')}`);
  const joined = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
  // "update 3" alone would not say what is updated.
  const changes = joined
    ? counts.created || counts.enrolled || counts.waitlisted
      ? joined
      : joined.replace(/(\d[\d,]*)$/, (n) => `${n} ${n === '1' ? 'account' : 'accounts'}`)
    : null;
  return {
    changes: changes ? changes.charAt(0).toUpperCase() + changes.slice(1) : null,
    skipped: counts.failed ? `${plural(counts.failed, 'row', 'rows')} will be skipped because of errors` : null,
    unchanged: counts.unchanged
      ? plural(
          counts.unchanged,
          'row already matches its account and will be left as it is',
          'rows already match their accounts and will be left as they are',
        )
      : null,
  };
}

export const changeCount = (c: ImportCounts) =>
  c.created + c.updated + c.archived + c.reactivated + (c.enrolled ?? 0) + (c.waitlisted ?? 0);

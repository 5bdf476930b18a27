import type { BulkActionKind } from '../../../common/schemas/bulk-actions.ts';

/** What each action is called in a menu, and what it does, in the words of the confirmation. */
export const bulkWords: Record<BulkActionKind, { label: string; effect: (n: string) => string; danger: boolean }> = {
  archive: {
    label: 'Archive',
    effect: (n) => `${n} will be archived: they cannot sign in until reactivated, and their seats are freed. You can undo this afterwards.`,
    danger: true,
  },
  reactivate: {
    label: 'Reactivate',
    effect: (n) => `${n} will be reactivated (those who never set a password go back to invited). You can undo this afterwards.`,
    danger: false,
  },
  grant_role: { label: 'Give a role', effect: (n) => `${n} will be given the role.`, danger: false },
  move: { label: 'Move', effect: (n) => `${n} will be moved.`, danger: false },
  resend_invitation: {
    label: 'Resend invitations',
    effect: (n) => `${n} waiting to register will get a new link by email; others are skipped.`,
    danger: false,
  },
  export: { label: 'Export', effect: (n) => `${n} will be written to a CSV or Excel file you can download.`, danger: false },
  enroll: {
    label: 'Enroll',
    effect: (n) => `${n} will be enrolled (or waitlisted where the section is full); those already enrolled are skipped.`,
    danger: false,
  },
};

export const accountsWord = (count: number) => `${count.toLocaleString('en-US')} ${count === 1 ? 'account' : 'accounts'}`;

import type { BulkAction, BulkActionKind } from '../../../common/schemas/bulk-actions.ts';

/** What each action is called in a menu, and what it does, in the words of the confirmation. */
/** The chosen parameters in words: the organization's path and the role's label. */
export interface ParamWords {
  org?: string;
  role?: string;
}

export const bulkWords: Record<BulkActionKind, { label: string; effect: (n: string, p: ParamWords) => string; danger: boolean }> = {
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
  grant_role: {
    label: 'Give a role',
    effect: (n, p) =>
      `${n} will be given the role ${p.role ?? '(choose one)'} at ${p.org ?? '(choose an organization)'}; those who hold it there already are skipped. You can undo this afterwards.`,
    danger: false,
  },
  move: {
    label: 'Move',
    effect: (n, p) =>
      `${n} will be moved to ${p.org ?? '(choose an organization)'}; roles they hold outside it are taken away. You can undo the move afterwards (the roles are not given back).`,
    danger: false,
  },
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

/** What a grant or a move was asked to do, for its page ("Role coach at Lincoln High", "To Lincoln High"). */
export function paramsLine(b: Pick<BulkAction, 'action' | 'params'>): string | null {
  if (b.action === 'grant_role') return `Role ${b.params.role ?? ''} at ${b.params.orgName ?? 'each account’s own organization'}`;
  if (b.action === 'move') return `To ${b.params.orgName ?? ''}`;
  return null;
}

import { ErrorCodes } from '../../../common/error-codes.ts';

/**
 * Where each account of a batch lands in one section: the rules of enrollment as a pure function,
 * so the one-by-one call, the background job and the import share them. The caller holds the
 * section's lock and read the counts under it; arrival order is the order of `accounts`.
 */
export interface PlacementInput {
  section: { status: string; capacity: number; enrollOpensAt: string | null; enrollClosesAt: string | null; orgPath: string };
  now: string;
  /** Places already taken (enrolled and completed). */
  taken: number;
  force: boolean;
  accounts: ReadonlyArray<{ id: string; status: string; orgPath: string }>;
  /** The account's live enrollment in this section, if any. */
  existing: ReadonlyMap<string, { id: string; status: string }>;
}

export type Placement =
  | { accountId: string; outcome: 'enrolled'; forced: boolean }
  | { accountId: string; outcome: 'waitlisted' }
  /** Taken off the waitlist by a force. */
  | { accountId: string; outcome: 'promoted'; enrollmentId: string }
  | { accountId: string; outcome: 'failed'; reason: string; enrollmentId?: string };

export function windowIsOpen(section: PlacementInput['section'], now: string): boolean {
  if (section.enrollOpensAt && now < section.enrollOpensAt) return false;
  if (section.enrollClosesAt && now > section.enrollClosesAt) return false;
  return true;
}

export function place(input: PlacementInput): Placement[] {
  const open = windowIsOpen(input.section, input.now);
  let free = input.section.capacity - input.taken;
  const seen = new Set<string>();
  const out: Placement[] = [];
  for (const account of input.accounts) {
    const fail = (reason: string, enrollmentId?: string) => out.push({ accountId: account.id, outcome: 'failed', reason, enrollmentId });
    const live = input.existing.get(account.id);
    if (seen.has(account.id)) fail(ErrorCodes.alreadyEnrolled);
    else if (input.section.status === 'cancelled') fail(ErrorCodes.sectionCancelled);
    else if (account.status === 'archived') fail(ErrorCodes.accountArchived);
    else if (!account.orgPath.startsWith(input.section.orgPath)) fail(ErrorCodes.outOfScope);
    else if (live && live.status === 'waitlisted' && input.force) {
      out.push({ accountId: account.id, outcome: 'promoted', enrollmentId: live.id });
      free -= 1;
    } else if (live) fail(ErrorCodes.alreadyEnrolled, live.id);
    else if (!open && !input.force) fail(ErrorCodes.enrollmentClosed);
    else if (free > 0) {
      out.push({ accountId: account.id, outcome: 'enrolled', forced: !open });
      free -= 1;
    } else if (input.force) out.push({ accountId: account.id, outcome: 'enrolled', forced: true });
    else out.push({ accountId: account.id, outcome: 'waitlisted' });
    seen.add(account.id);
  }
  return out;
}

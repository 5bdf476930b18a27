import type { Permission } from '../../../../common/permissions.ts';
import type { CreateBulkActionInput } from '../../../../common/schemas/bulk-actions.ts';
import type { Executor } from '../../../db/connection.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { AccountWithOrg } from '../../accounts/account-record.ts';

/** What happened to one account. `previous` is what undo needs to take it back. */
export interface ItemOutcome {
  outcome: 'succeeded' | 'failed' | 'skipped';
  reason?: string;
  message: string;
  previous?: Record<string, unknown>;
}

export interface UndoOutcome {
  done: boolean;
  reason?: string;
  message: string;
}

/** The parameters an action keeps once checked (a role key, a destination). */
export type ActionParams = Record<string, string>;

export interface ActionContext {
  bulkActionId: string;
  tenantId: string;
  params: ActionParams;
}

/**
 * One kind of bulk action. The runner selects the accounts, checks each against the actor's reach for
 * `permission` (out of reach: failed, `out_of_scope`), then hands the rest to `apply` a batch at a
 * time, in one transaction per batch. A new action (enroll, once enrollment exists) is one more of these.
 */
export interface BulkActionHandler {
  permission: Permission;
  /** Accounts per transaction. */
  batchSize: number;
  /** Whether the tenant's change threshold applies (an export changes nothing). */
  changesAccounts: boolean;
  /** `apply` calls services that run their own transactions: the runner passes no transaction of its own. */
  ownTransactions?: boolean;
  /** Checks the request's parameters before anything is queued (throws as the API should answer). */
  prepare(db: Executor, actor: Actor, tenantId: string, input: CreateBulkActionInput): Promise<ActionParams>;
  apply(trx: Executor, actor: Actor, accounts: readonly AccountWithOrg[], context: ActionContext): Promise<Map<string, ItemOutcome>>;
  undo?(
    trx: Executor,
    actor: Actor,
    items: readonly { account: AccountWithOrg; previous: Record<string, unknown> }[],
    context: ActionContext,
  ): Promise<Map<string, UndoOutcome>>;
}

export const changedSince: UndoOutcome = {
  done: false,
  reason: 'changed',
  message: 'Not undone: the account changed after the bulk action; review it by hand.',
};

/** Seat checks before a batch adds seats (the seats module), one ledger per batch: the ids refused, with the reason. */
export interface SeatGate {
  /** Reactivation: each account takes a seat where it is. */
  refuseOverLimit(trx: Executor, accounts: readonly AccountWithOrg[]): Promise<Map<string, string>>;
  /** Moves: each account holding a seat takes one under the blocking contracts it enters at `to` (a path). */
  refuseMoves(trx: Executor, moves: readonly { account: AccountWithOrg; to: string }[]): Promise<Map<string, { message: string }>>;
}

import type { Executor } from '../../db/connection.ts';
import type { AccountWithOrg } from './account-record.ts';

/** Where an account holds its seat: its tenant and its organization's path. */
export interface SeatPlace {
  tenantId: string;
  path: string;
}

/**
 * The seats module as accounts see it (set once the container has built it): refuse a seat past a
 * blocking contract, and say when seats were taken or freed. Both run in the caller's transaction.
 */
export interface SeatCheck {
  assertRoom(trx: Executor, place: SeatPlace, count?: number): Promise<void>;
  /** A move of `account` to the organization at path `to` (only the contracts it enters count it). */
  assertRoomToMove(trx: Executor, account: Pick<AccountWithOrg, 'id' | 'tenantId' | 'orgPath' | 'status'>, to: string): Promise<void>;
  seatsChanged(trx: Executor, place: SeatPlace): Promise<void>;
}

/** Until seats are wired (and in tools that run without them): no contract, nothing to check. */
export const noSeatCheck: SeatCheck = {
  assertRoom: async () => undefined,
  assertRoomToMove: async () => undefined,
  seatsChanged: async () => undefined,
};

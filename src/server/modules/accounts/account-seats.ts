import type { Executor } from '../../db/connection.ts';

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
  seatsChanged(trx: Executor, place: SeatPlace): Promise<void>;
}

/** Until seats are wired (and in tools that run without them): no contract, nothing to check. */
export const noSeatCheck: SeatCheck = { assertRoom: async () => undefined, seatsChanged: async () => undefined };

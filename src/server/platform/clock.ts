import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** Time, ids and randomness come through this seam so tests can pin them. */
export interface Clock {
  now(): Date;
}
export interface IdSource {
  /** Time-ordered ids keep B-tree inserts near the right edge of the index. */
  newId(): string;
  randomToken(bytes?: number): string;
}

export const systemClock: Clock = { now: () => new Date() };
export const systemIds: IdSource = {
  newId: () => uuidv7(),
  randomToken: (bytes = 32) => randomBytes(bytes).toString('base64url'),
};

export const isoNow = (clock: Clock) => clock.now().toISOString();

import { randomBytes, randomFillSync } from 'node:crypto';
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
  newId: () => newTimeOrderedId(),
  randomToken: (bytes = 32) => randomBytes(bytes).toString('base64url'),
};

export const isoNow = (clock: Clock) => clock.now().toISOString();

/**
 * Random bytes drawn from the system 4 KiB at a time: uuid's own source asks the system for 16 bytes
 * per id, which cost ~7 µs an id — an import of 100k accounts makes ~500k ids (account, audit event,
 * role grant, welcome, token), so that alone was seconds of its commit.
 */
const pool = new Uint8Array(4096);
let poolAt = pool.length;
function sixteenRandomBytes(): Uint8Array {
  if (poolAt + 16 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += 16;
  return pool.subarray(poolAt - 16, poolAt);
}

/**
 * A UUIDv7 as uuid's own v7() makes it (same millisecond: the 32-bit counter after the time goes up by
 * one, so ids made in order sort in order), with random bytes from the pool above.
 */
const state = { msecs: -Infinity, seq: 0 };
function newTimeOrderedId(): string {
  const random = sixteenRandomBytes();
  const now = Date.now();
  if (now > state.msecs) {
    // uuid's v7Sequence: 31 random bits, so the counter has room to count up within the millisecond.
    state.seq =
      (((random[6] as number) & 0x7f) << 24) | ((random[7] as number) << 16) | ((random[8] as number) << 8) | (random[9] as number);
    state.msecs = now;
  } else {
    state.seq = (state.seq + 1) | 0;
    if (state.seq === 0) state.msecs += 1;
  }
  return uuidv7({ random, msecs: state.msecs, seq: state.seq });
}

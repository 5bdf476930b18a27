import type { Clock } from '../../src/server/platform/clock.ts';
import { argon2Hasher, type PasswordHasher } from '../../src/server/modules/auth/password-hasher.ts';

/** The real hasher, counting how many passwords it checked: a check is what a throttle must ration. */
export function countingHasher(): PasswordHasher & { verifies: number } {
  const counter = {
    verifies: 0,
    hash: (password: string) => argon2Hasher.hash(password),
    verify: async (hash: string, password: string) => {
      counter.verifies += 1;
      return argon2Hasher.verify(hash, password);
    },
  };
  return counter;
}

/** The system clock, moved forward on demand (waits the throttle imposes, without waiting). */
export function movableClock(): Clock & { advance(seconds: number): void } {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance: (seconds) => {
      offsetMs += seconds * 1000;
    },
  };
}

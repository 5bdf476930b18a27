import { JobRunner } from '../../src/server/jobs/index.ts';
import type { Clock } from '../../src/server/platform/clock.ts';
import type { TestContext } from './context.ts';
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

/**
 * Runs every job due on a moved clock until none is left. The context's own runner keeps the real time, so
 * jobs queued "now" by services on a moved clock are not yet due for it.
 */
export async function runJobsOnClock(ctx: TestContext, clock: Clock): Promise<void> {
  const runner = new JobRunner({
    db: ctx.database.db,
    queue: ctx.services.jobQueue,
    handlers: ctx.services.jobHandlers,
    workerId: 'moved',
    clock,
  });
  while (await runner.runOnce());
}

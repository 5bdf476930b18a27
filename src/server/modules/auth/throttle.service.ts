import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import { throttled } from '../../platform/errors.ts';
import type { ThrottleRepository } from './throttle.repository.ts';

export interface ThrottlePolicy {
  /** Failures allowed inside the window before the key is locked. */
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

/** Five wrong passwords for one name lock it for 15 minutes; one client gets 50 before it is locked. */
export const perIdentifier: ThrottlePolicy = { maxFailures: 5, windowSeconds: 900, lockSeconds: 900 };
export const perClient: ThrottlePolicy = { maxFailures: 50, windowSeconds: 900, lockSeconds: 900 };

export class ThrottleService {
  constructor(
    private readonly db: Db,
    private readonly repo: ThrottleRepository,
    private readonly clock: Clock,
  ) {}

  /** Throws a 'throttled' error while the key is locked. */
  async assertOpen(key: string, what = 'failed sign-in attempts'): Promise<void> {
    const row = await this.repo.get(this.db, key);
    const now = this.clock.now();
    if (row?.lockedUntil && new Date(row.lockedUntil) > now) {
      const seconds = Math.ceil((new Date(row.lockedUntil).getTime() - now.getTime()) / 1000);
      const minutes = Math.ceil(seconds / 60);
      throw throttled(`Too many ${what}. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`, seconds);
    }
  }

  async recordFailure(key: string, policy: ThrottlePolicy): Promise<void> {
    const now = this.clock.now();
    const row = await this.repo.get(this.db, key);
    const windowOpen = row && now.getTime() - new Date(row.windowStartedAt).getTime() < policy.windowSeconds * 1000;
    const failures = windowOpen ? row.failures + 1 : 1;
    await this.repo.save(this.db, {
      key,
      failures,
      windowStartedAt: windowOpen ? row.windowStartedAt : now.toISOString(),
      lockedUntil: failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockSeconds * 1000).toISOString() : null,
    });
  }

  async reset(key: string): Promise<void> {
    await this.repo.clear(this.db, key);
  }
}

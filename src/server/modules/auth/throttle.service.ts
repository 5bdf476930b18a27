import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import { throttled } from '../../platform/errors.ts';
import type { ThrottleRepository } from './throttle.repository.ts';

/**
 * How many attempts a key allows and how long it then waits. The first `free` attempts of a streak go
 * through; the attempt that reaches `free` closes the key for delaysSeconds[0], each later one (made once
 * the key has opened again) for the next delay, the last delay repeating. A streak is forgotten once
 * `streakSeconds` have passed since it began and the key is open.
 */
export interface ThrottlePolicy {
  free: number;
  delaysSeconds: number[];
  streakSeconds: number;
}

export type TakeResult = { admitted: true; attempts: number } | { admitted: false; retryAfterSeconds: number };

/** Shared attempt counters (sign-in, reset requests), each attempt counted atomically in the database. */
export class ThrottleService {
  constructor(
    private readonly db: Db,
    private readonly repo: ThrottleRepository,
    private readonly clock: Clock,
  ) {}

  /** Counts one attempt against the key, or refuses it (without counting) while the key is closed. */
  async take(key: string, policy: ThrottlePolicy): Promise<TakeResult> {
    const now = this.clock.now();
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();
    const row = await this.repo.take(this.db, {
      key,
      now: now.toISOString(),
      streakStartedBefore: at(-policy.streakSeconds),
      free: policy.free,
      lockUntil: policy.delaysSeconds.map(at),
    });
    if (row) return { admitted: true, attempts: row.failures };
    return { admitted: false, retryAfterSeconds: await this.secondsUntilOpen(key) };
  }

  /** take(), throwing the 429 when refused. */
  async takeOrThrow(key: string, policy: ThrottlePolicy, what: string): Promise<number> {
    const result = await this.take(key, policy);
    if (!result.admitted) throw tooMany(what, result.retryAfterSeconds);
    return result.attempts;
  }

  /** Takes back an attempt that should not count (it succeeded). */
  async giveBack(key: string, policy: ThrottlePolicy): Promise<void> {
    await this.repo.giveBack(this.db, key, policy.free);
  }

  /** Seconds until the key's streak is forgotten (used when a ceiling rather than a lock refuses). */
  async secondsUntilStreakEnds(key: string, policy: ThrottlePolicy): Promise<number> {
    const row = await this.repo.get(this.db, key);
    const ends = row ? Date.parse(row.windowStartedAt) + policy.streakSeconds * 1000 : 0;
    return Math.max(1, Math.ceil((ends - this.clock.now().getTime()) / 1000));
  }

  async reset(key: string): Promise<void> {
    await this.repo.clear(this.db, key);
  }

  async resetPrefix(prefix: string): Promise<void> {
    await this.repo.clearPrefix(this.db, prefix);
  }

  private async secondsUntilOpen(key: string): Promise<number> {
    const row = await this.repo.get(this.db, key);
    const until = row?.lockedUntil ? Date.parse(row.lockedUntil) : 0;
    return Math.max(1, Math.ceil((until - this.clock.now().getTime()) / 1000));
  }
}

export function tooMany(what: string, seconds: number) {
  const minutes = Math.ceil(seconds / 60);
  return throttled(`Too many ${what}. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`, seconds);
}

import type { Db } from '../../db/connection.ts';
import { AppError } from '../../platform/errors.ts';
import { ErrorCodes } from '../../../common/error-codes.ts';
import type { HealthRepository } from './health.repository.ts';

export interface Readiness {
  status: 'ready';
  database: 'reachable';
  migrations: 'current';
}

/**
 * Readiness for a load balancer or orchestrator: this instance can serve when its database answers and
 * its schema is the one this build expects (an instance of a newer build waits for `registrar migrate`;
 * an older one keeps serving a schema it does not know only if nothing is pending for it).
 */
export class HealthService {
  constructor(
    private readonly db: Db,
    private readonly repo: HealthRepository,
  ) {}

  async readiness(): Promise<Readiness> {
    try {
      await this.repo.ping(this.db);
    } catch {
      // The driver's message may name hosts and users: the public answer says only what failed.
      throw notReady('The database does not answer.', { database: 'unreachable' });
    }
    const pending = await this.repo.pendingMigrations(this.db);
    if (pending.length > 0) {
      throw notReady(`The database schema is behind this version: ${pending.length} migration(s) to run (registrar migrate).`, {
        database: 'reachable',
        pendingMigrations: pending,
      });
    }
    return { status: 'ready', database: 'reachable', migrations: 'current' };
  }
}

const notReady = (message: string, details: Record<string, unknown>) => new AppError('unavailable', ErrorCodes.notReady, message, details);

import { importFileRetentionDays } from '../../../common/schemas/imports.ts';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import { schedulePeriodicJob, type JobQueue } from '../../jobs/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { previewLifetimeMs } from './import-view.ts';
import type { ImportsRepository } from './imports.repository.ts';

export const removeOldImportFilesJob = 'imports.remove-old-files';

/*
 * How long an ended import keeps the file that was uploaded (`importFileRetentionDays`). The file is read
 * again only for the failed-rows download; it holds whatever the spreadsheet held (temporary passwords
 * included), so it is not kept for ever. The import, its counts and its row list stay. A preview never
 * committed goes when it expires: nothing can apply it any more, and its rows still hold the passwords it
 * would have set.
 */
export { importFileRetentionDays };

/** Imports that can no longer be planned or committed: nothing will read their file again but the failed-rows download. */
const endedStatuses = ['completed', 'failed', 'cancelled', 'rolled_back'] as const;

const dayMs = 24 * 60 * 60_000;
const perTransaction = 20;

/** Removes the uploaded files of imports that ended more than `importFileRetentionDays` ago, and of expired previews. */
export class ImportRetentionService {
  constructor(
    private readonly db: Db,
    private readonly repo: ImportsRepository,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    private readonly retentionDays = importFileRetentionDays,
  ) {}

  /** Queues the sweep now and every `everyMs` (hourly); the dedupe key keeps one queued across instances. */
  scheduleSweep(everyMs = 60 * 60_000, onError: (error: unknown) => void = () => undefined): () => void {
    return schedulePeriodicJob(this.db, this.queue, removeOldImportFilesJob, everyMs, onError);
  }

  /** One pass; returns how many imports lost their file. Also forgets any temporary password their rows still hold. */
  async removeOldFiles(): Promise<{ removed: number }> {
    const now = this.clock.now().getTime();
    const filter = {
      endedStatuses,
      endedBefore: new Date(now - this.retentionDays * dayMs).toISOString(),
      plannedBefore: new Date(now - previewLifetimeMs).toISOString(),
    };
    let removed = 0;
    for (;;) {
      const ids = await this.repo.withFileToRemove(this.db, filter, perTransaction);
      if (ids.length === 0) return { removed };
      await inTransaction(this.db, async (trx) => {
        for (const id of ids) {
          await this.repo.deleteFile(trx, id);
          await this.repo.forgetPasswords(trx, id);
        }
      });
      removed += ids.length;
    }
  }
}

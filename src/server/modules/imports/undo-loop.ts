import type { Db, Executor } from '../../db/connection.ts';
import type { ImportRow, ImportRowResult } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { yieldToEventLoop } from '../../platform/event-loop.ts';
import type { ImportsRepository, UndoNote } from './imports.repository.ts';
import type { JobProgress } from './job-progress.ts';

/** Records a batch's notes and the summary so far, in the transaction the caller gives it. */
export type SaveUndone = (trx: Executor, notes: Map<number, UndoNote>) => Promise<void>;

/**
 * The loop every rollback shares, whatever undoes its rows: the newest applied rows a batch at a time,
 * each batch's notes saved with the summary so far (so an interrupted rollback resumes at the rows not
 * yet marked), progress after each batch, and the import `rolled_back` at the end.
 */
export async function undoInBatches<S extends object>(
  deps: { db: Db; repo: ImportsRepository; clock: Clock },
  imp: ImportRow,
  job: JobProgress,
  summary: S,
  batchSize: number,
  undoBatch: (rows: ImportRowResult[], save: SaveUndone) => Promise<void>,
): Promise<S> {
  const save: SaveUndone = async (trx, notes) => {
    await deps.repo.markUndone(trx, imp.id, notes);
    await deps.repo.update(trx, imp.id, { rollback: JSON.stringify(summary) });
  };
  for (;;) {
    const rows = await deps.repo.rowsToUndo(deps.db, imp.id, batchSize);
    if (rows.length === 0) break;
    await undoBatch(rows, save);
    await job.reportProgress({ phase: 'rollback', ...summary });
    if (job.signal.aborted) return summary;
    await yieldToEventLoop();
  }
  await deps.repo.update(deps.db, imp.id, {
    status: 'rolled_back',
    rolledBackAt: deps.clock.now().toISOString(),
    rollback: JSON.stringify(summary),
  });
  return summary;
}

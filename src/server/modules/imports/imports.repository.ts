import { PostgresAdapter, sql, type ExpressionBuilder } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { Database, ImportRow, ImportRowResult, ImportsTable } from '../../db/schema.ts';
import { prefixUpperBound, toNumber } from '../../db/transaction.ts';
import { insertRows } from '../../db/bulk-insert.ts';
import { asApplied, type AppliedRow } from './row-results.ts';

export type ImportUpdate = Partial<Omit<ImportsTable, 'id'>>;

export type { AppliedRow } from './row-results.ts';

/** Outcomes a rollback undoes. */
const undoable = ['created', 'updated', 'archived', 'reactivated', 'enrolled', 'waitlisted'];

/** Tables a commit writes to in bulk (a fixed list: the names go into SQL as they are). */
export type ChangedTable =
  'accounts' | 'role_assignments' | 'credentials' | 'audit_events' | 'import_rows' | 'one_time_tokens' | 'outbox' | 'jobs';

/** What a rollback did with one row. */
export interface UndoNote {
  message: string;
  reason?: string;
}

/** What the plan decided for a row that leaves the commit nothing to write. */
const settledOutcomes = ['unchanged', 'failed'];

export class ImportsRepository {
  async insert(db: Executor, row: ImportRow): Promise<void> {
    await db.insertInto('imports').values(row).execute();
  }

  async getById(db: Executor, id: string): Promise<ImportRow | undefined> {
    return db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(db: Executor, id: string, changes: ImportUpdate, onlyFromStatus?: string[]): Promise<boolean> {
    let query = db.updateTable('imports').set(changes).where('id', '=', id);
    if (onlyFromStatus) query = query.where('status', 'in', onlyFromStatus);
    const result = await query.executeTakeFirst();
    return toNumber(result.numUpdatedRows) === 1;
  }

  async list(
    db: Executor,
    filter: { tenantId?: string; roots: 'all' | string[]; limit: number; before?: readonly [string, string]; oldest?: boolean },
  ): Promise<ImportRow[]> {
    let query = db.selectFrom('imports').selectAll();
    if (filter.tenantId) query = query.where('tenantId', '=', filter.tenantId);
    if (filter.roots !== 'all') {
      const roots = filter.roots;
      if (roots.length === 0) return [];
      query = query.where((eb) => eb.or(roots.map((p) => eb.and([eb('orgPath', '>=', p), eb('orgPath', '<', prefixUpperBound(p))]))));
    }
    if (filter.before) {
      const [at, id] = filter.before;
      query = query.where((eb) => eb(eb.refTuple('createdAt', 'id'), filter.oldest ? '>' : '<', eb.tuple(at, id)));
    }
    const direction = filter.oldest ? 'asc' : 'desc';
    return query.orderBy('createdAt', direction).orderBy('id', direction).limit(filter.limit).execute();
  }

  /** How many imports the list holds in the reach (the log's total). */
  async count(db: Executor, filter: { tenantId?: string; roots: 'all' | string[] }): Promise<number> {
    let query = db.selectFrom('imports').select((eb) => eb.fn.countAll<number | string>().as('n'));
    if (filter.tenantId) query = query.where('tenantId', '=', filter.tenantId);
    if (filter.roots !== 'all') {
      const roots = filter.roots;
      if (roots.length === 0) return 0;
      query = query.where((eb) => eb.or(roots.map((p) => eb.and([eb('orgPath', '>=', p), eb('orgPath', '<', prefixUpperBound(p))]))));
    }
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  /**
   * Refreshes the planner's statistics of tables an import just changed a lot. PostgreSQL plans
   * from them, and a server with autovacuum off (or not yet woken) would plan searches over a million
   * new accounts as if the table were empty. SQLite plans well enough without them: nothing to do.
   */
  async refreshStatistics(db: Executor, tables: readonly ChangedTable[]): Promise<void> {
    if (!(db.getExecutor().adapter instanceof PostgresAdapter) || tables.length === 0) return;
    await sql`analyze ${sql.raw(tables.join(', '))}`.execute(db);
  }

  /** Another import of the same bytes into the same place that is still in flight. */
  async findInFlight(db: Executor, tenantId: string, checksum: string, orgId: string, templateKey: string): Promise<ImportRow | undefined> {
    return db
      .selectFrom('imports')
      .selectAll()
      .where('tenantId', '=', tenantId)
      .where('checksum', '=', checksum)
      .where('orgId', '=', orgId)
      .where('templateKey', '=', templateKey)
      .where('status', 'in', ['queued', 'planning', 'running'])
      .executeTakeFirst();
  }

  async insertFileChunk(db: Executor, importId: string, seq: number, data: Buffer): Promise<void> {
    await db.insertInto('importFiles').values({ importId, seq, data }).execute();
  }

  async fileChunk(db: Executor, importId: string, seq: number): Promise<Buffer | undefined> {
    const row = await db
      .selectFrom('importFiles')
      .select('data')
      .where('importId', '=', importId)
      .where('seq', '=', seq)
      .executeTakeFirst();
    return row ? Buffer.from(row.data) : undefined;
  }

  /**
   * Imports (of any tenant) that still hold their uploaded file and either ended before `endedBefore` or
   * were planned before `plannedBefore` and never committed (a preview that can no longer be).
   */
  async withFileToRemove(
    db: Executor,
    filter: { endedStatuses: readonly string[]; endedBefore: string; plannedBefore: string },
    limit: number,
  ): Promise<string[]> {
    const rows = await db
      .selectFrom('imports')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', 'in', filter.endedStatuses), eb('finishedAt', '<', filter.endedBefore)]),
          eb.and([eb('status', '=', 'planned'), eb('plannedAt', '<', filter.plannedBefore)]),
        ]),
      )
      .where((eb) => eb.exists(eb.selectFrom('importFiles').select('seq').whereRef('importFiles.importId', '=', 'imports.id')))
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  async deleteFile(db: Executor, importId: string): Promise<void> {
    await db.deleteFrom('importFiles').where('importId', '=', importId).execute();
  }

  /**
   * Removes the temporary passwords from the rows' stored values (they are hashed into credentials by the
   * commit, and the stored values outlive it). Only rows holding one are rewritten; the pattern matches
   * JSON.stringify's key, which no other key or escaped value can produce.
   */
  async forgetPasswords(db: Executor, importId: string): Promise<number> {
    // A file without a Password column left none to forget: its rows are not read at all.
    const flag = await db.selectFrom('imports').select('holdsPasswords').where('id', '=', importId).executeTakeFirst();
    if (flag && Number(flag.holdsPasswords) === 0) return 0;
    const pg = db.getExecutor().adapter instanceof PostgresAdapter;
    const stripped = pg ? sql<string>`("values"::jsonb - 'password')::text` : sql<string>`json_remove("values", '$.password')`;
    const result = await db
      .updateTable('importRows')
      .set({ values: stripped })
      .where('importId', '=', importId)
      .where('values', 'like', '%"password":%')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async deleteRows(db: Executor, importId: string): Promise<void> {
    await db.deleteFrom('importRows').where('importId', '=', importId).execute();
  }

  async insertRows(db: Executor, rows: ImportRowResult[]): Promise<void> {
    await insertRows(db, 'import_rows', rows);
  }

  /** Lines of this import already holding these email keys (for duplicates within the file). */
  async firstLinesByEmail(db: Executor, importId: string, emailKeys: string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (let i = 0; i < emailKeys.length; i += 1000) {
      const rows = await db
        .selectFrom('importRows')
        .select(['emailKey', (eb) => eb.fn.min('line').as('line')])
        .where('importId', '=', importId)
        .where('emailKey', 'in', emailKeys.slice(i, i + 1000))
        .groupBy('emailKey')
        .execute();
      for (const r of rows) if (r.emailKey) found.set(r.emailKey, Number(r.line));
    }
    return found;
  }

  /** Rows per outcome as applied so far (those under the watermark count as planned). */
  async countByOutcome(db: Executor, importId: string): Promise<Record<string, number>> {
    const through = await this.committedThrough(db, importId);
    const rows = await db
      .selectFrom('importRows')
      .select([
        sql<string | null>`coalesce(outcome, case when applied = 0 and line <= ${through} then planned end)`.as('applied'),
        (eb) => eb.fn.countAll().as('n'),
      ])
      .where('importId', '=', importId)
      .groupBy(sql`1`)
      .execute();
    return Object.fromEntries(rows.filter((r) => r.applied !== null).map((r) => [r.applied as string, toNumber(r.n)]));
  }

  /** The line up to which every row of the import is applied. */
  async committedThrough(db: Executor, importId: string): Promise<number> {
    const row = await db.selectFrom('imports').select('committedThrough').where('id', '=', importId).executeTakeFirst();
    return Number(row?.committedThrough ?? 0);
  }

  /**
   * The next rows not yet applied after `afterLine`, in file order. Keyset on the line keeps each batch
   * an index range instead of a rescan of every row already applied; a resumed commit passes 0.
   */
  async pendingRows(
    db: Executor,
    importId: string,
    afterLine: number,
    limit: number,
    options: { settledLeftOut?: boolean } = {},
  ): Promise<ImportRowResult[]> {
    let query = db
      .selectFrom('importRows')
      .selectAll()
      .where('importId', '=', importId)
      .where('line', '>', afterLine)
      .where('applied', '=', 0);
    if (options.settledLeftOut) query = query.where('planned', 'not in', settledOutcomes);
    return query.orderBy('line').limit(limit).execute();
  }

  /** The last line of an import's rows (0 for none). */
  async lastLine(db: Executor, importId: string): Promise<number> {
    const row = await db
      .selectFrom('importRows')
      .select((eb) => eb.fn.max('line').as('last'))
      .where('importId', '=', importId)
      .executeTakeFirst();
    return toNumber(row?.last);
  }

  /**
   * The rows in (after, through] the plan left nothing to apply ("unchanged", "failed"): how many there are, and
   * the "unchanged" ones whose account changed or went since the preview, found by the database in one join
   * instead of every row and every account's version read into the commit.
   */
  async settledRowsIn(
    db: Executor,
    importId: string,
    range: { after: number; through: number },
  ): Promise<{ count: number; stale: ImportRowResult[] }> {
    const inRange = db
      .selectFrom('importRows as r')
      .where('r.importId', '=', importId)
      .where('r.line', '>', range.after)
      .where('r.line', '<=', range.through)
      .where('r.applied', '=', 0);
    const [counted, stale] = await Promise.all([
      inRange
        .where('r.planned', 'in', settledOutcomes)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst(),
      inRange
        .leftJoin('accounts as a', 'a.id', 'r.accountId')
        .selectAll('r')
        .where('r.planned', '=', 'unchanged')
        .where('r.accountId', 'is not', null)
        .where((eb) =>
          eb.or([eb('a.id', 'is', null), eb('r.expectedVersion', 'is', null), eb('a.version', '!=', eb.ref('r.expectedVersion'))]),
        )
        .orderBy('r.line')
        .execute(),
    ]);
    return { count: toNumber(counted?.n), stale };
  }

  /** Applied rows not yet undone (applied = 2 marks a row a rollback has handled), last line first. */
  async rowsToUndo(db: Executor, importId: string, limit: number): Promise<ImportRowResult[]> {
    const through = await this.committedThrough(db, importId);
    const rows = await db
      .selectFrom('importRows')
      .selectAll()
      .where('importId', '=', importId)
      .where((eb) =>
        eb.or([
          eb.and([eb('applied', '=', 1), eb('outcome', 'in', undoable)]),
          eb.and([eb('applied', '=', 0), eb('line', '<=', through), eb('planned', 'in', undoable)]),
        ]),
      )
      .orderBy('line', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => asApplied(r, through));
  }

  /** Marks rows handled by a rollback, each with what happened to it (and a reason code when it was left alone). */
  /** Whether any applied row is still to be undone: what makes an import worth rolling back. */
  async hasRowsToUndo(db: Executor, importId: string): Promise<boolean> {
    return (await this.rowsToUndo(db, importId, 1)).length > 0;
  }

  async markUndone(db: Executor, importId: string, notes: Map<number, UndoNote>): Promise<void> {
    for (const [line, note] of notes) {
      await db
        .updateTable('importRows')
        .set({
          applied: 2,
          outcome: sql<string>`coalesce(outcome, planned)`,
          message: note.message,
          ...(note.reason ? { reason: note.reason } : {}),
        })
        .where('importId', '=', importId)
        .where('line', '=', line)
        .execute();
    }
  }

  /**
   * Records a committed batch: the rows whose outcome is not what the plan said (one statement per
   * thousand), then the watermark past the batch's last line, which marks every other row applied.
   */
  async recordBatch(db: Executor, importId: string, written: AppliedRow[], batch: { through: number; rows: number }): Promise<void> {
    const pg = db.getExecutor().adapter instanceof PostgresAdapter;
    for (let i = 0; i < written.length; i += 1000) {
      const values = written
        .slice(i, i + 1000)
        .map((r) =>
          pg
            ? sql`(${r.line}::int, ${r.outcome}, ${r.reason}, ${r.message}, ${r.accountId}, ${r.previous})`
            : sql`(${r.line}, ${r.outcome}, ${r.reason}, ${r.message}, ${r.accountId}, ${r.previous})`,
        );
      await sql`with v(line, outcome, reason, message, account_id, previous) as (values ${sql.join(values)})
        update import_rows set applied = 1, outcome = v.outcome, reason = v.reason, message = v.message, account_id = v.account_id, previous = v.previous
        from v where import_rows.import_id = ${importId} and import_rows.line = v.line`.execute(db);
    }
    await db
      .updateTable('imports')
      .set({ committedThrough: batch.through, rowsDone: sql<number>`rows_done + ${batch.rows}` })
      .where('id', '=', importId)
      .execute();
  }

  /** One page of rows, as planned or (once committing began) as applied; `outcome` filters on what is shown. */
  async rows(
    db: Executor,
    importId: string,
    filter: { outcome?: string; afterLine?: number; limit: number; committed: boolean },
  ): Promise<ImportRowResult[]> {
    const through = filter.committed ? await this.committedThrough(db, importId) : 0;
    let query = db.selectFrom('importRows').selectAll().where('importId', '=', importId);
    if (filter.outcome) query = query.where(this.shownOutcome(filter.outcome, filter.committed, through));
    if (filter.afterLine !== undefined) query = query.where('line', '>', filter.afterLine);
    const rows = await query.orderBy('line').limit(filter.limit).execute();
    return rows.map((r) => asApplied(r, through));
  }

  async failedLines(db: Executor, importId: string, committed: boolean): Promise<Map<number, { message: string; type: string | null }>> {
    const through = committed ? await this.committedThrough(db, importId) : 0;
    const rows = await db
      .selectFrom('importRows')
      .select(['line', 'message', 'type'])
      .where('importId', '=', importId)
      .where(this.shownOutcome('failed', committed, through))
      .execute();
    return new Map(rows.map((r) => [r.line, { message: r.message ?? '', type: r.type }]));
  }

  /** Rows showing this outcome: the planned one before a commit; after, the applied one, the watermark's included. */
  private shownOutcome(outcome: string, committed: boolean, through: number) {
    return (eb: ExpressionBuilder<Database, 'importRows'>) =>
      committed
        ? eb.or([eb('outcome', '=', outcome), eb.and([eb('applied', '=', 0), eb('line', '<=', through), eb('planned', '=', outcome)])])
        : eb('planned', '=', outcome);
  }
}

import type { Db, Executor } from '../../db/connection.ts';
import type { AccountUpdate, ImportRow, ImportRowResult, OrganizationRow, RoleRow } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import type { Actor } from '../../platform/actor.ts';
import { yieldToEventLoop } from '../../platform/event-loop.ts';
import type { AccountBatchService, AccountChange, NewImportedAccount } from '../accounts/account-batch.service.ts';
import { emailKey } from '../accounts/account-keys.ts';
import type { CredentialsService } from '../auth/credentials.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { OutboxService } from '../notifications/outbox.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import type { EmailTemplatesService } from '../email-templates/email-templates.service.ts';
import type { WelcomeContext } from '../onboarding/welcome.service.ts';
import type { TenantSettingsService } from '../tenants/tenant-settings.service.ts';
import type { ImportsRepository } from './imports.repository.ts';
import { appliedMessage, differsFromPlan, type AppliedRow } from './row-results.ts';
import { countsFrom, type JobProgress } from './planning/plan.service.ts';
import type { RowValues } from './planning/row-values.ts';
import type { ImportKindRows } from './enrollment-rows/enrollment-rows.service.ts';
import { templateKind } from './template-kind.ts';

/**
 * Rows per batch transaction on the main thread. One size for every batch keeps the batch statements'
 * text the same, so SQLite reuses them prepared (sizing batches by time cost a quarter of the
 * throughput: bench/RESULTS.md). Other requests get in between batches (see the loop).
 */
export const commitBatchSize = 1000;
/**
 * Rows per batch in a worker thread (commits of more than one main-thread batch run there). Nothing
 * waits on that thread's event loop, so its batches can be as large as pays: every batch rewrites each
 * index page it touches, and with ~15 B-trees per account a 1,000-row batch touches most of them, so
 * five times the rows cost little more than one (measured: 100k accounts in 5,000-row batches spend a
 * quarter of the commit time of 1,000-row ones committing).
 */
export const threadBatchSize = 5000;
/** Accounts changed by one commit from which PostgreSQL's statistics are refreshed afterwards. */
export const statisticsThreshold = 1000;
const changedSincePlanning = 'changed_since_planning';

/**
 * At most `largest` rows a batch, and at least ten batches where the file allows (never under the
 * main thread's size): progress moves visibly, and a failing batch leaves the rest of the import applied.
 */
function batchSizeFor(imp: ImportRow, largest: number): number {
  return Math.min(largest, Math.max(commitBatchSize, Math.ceil(plannedRows(imp) / 10 / commitBatchSize) * commitBatchSize));
}

/**
 * About how many rows of a committing import are still to apply: its rows less the watermark's line.
 * Lines run a little ahead of rows (the header, a quoted field over several lines), which is close enough
 * to choose where the commit runs.
 */
export function rowsLeftToCommit(imp: ImportRow): number {
  return plannedRows(imp) - imp.committedThrough;
}

/** The rows the preview counted. */
function plannedRows(imp: ImportRow): number {
  return (JSON.parse(imp.counts) as { total: number }).total;
}

/** Seat contracts as an import sees them (the seats module): a counter per batch, and a note after it. */
export interface ImportSeats {
  ledger(trx: Executor): { admit(place: { tenantId: string; path: string }): Promise<{ message: string } | null> };
  seatsChanged(trx: Executor, place: { tenantId: string; path: string }): Promise<void>;
}

/**
 * Applies a planned import in batches, each in one transaction that also marks its rows applied, so a
 * commit interrupted by a crash resumes at the first unapplied row: nothing twice, nothing lost.
 * Every row is checked again against the data as it is now; a row whose account changed since the
 * preview is reported, not overwritten.
 */
export class CommitService {
  private enrollmentRows: ImportKindRows | undefined;

  constructor(
    private readonly db: Db,
    private readonly repo: ImportsRepository,
    private readonly batch: AccountBatchService,
    private readonly orgs: OrganizationsService,
    private readonly roles: RolesService,
    private readonly credentials: CredentialsService,
    private readonly outbox: OutboxService,
    private readonly settings: TenantSettingsService,
    private readonly templates: EmailTemplatesService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly loginUrl: string,
    /** Told how many rows each committed batch applied (the import rows/s metric). */
    private readonly onRowsApplied: (count: number) => void = () => undefined,
    private readonly seats?: ImportSeats,
    private readonly batchSize = commitBatchSize,
  ) {}

  /** The rows of an `enrollments` template are applied there (set once the container built it). */
  useEnrollmentRows(rows: ImportKindRows): void {
    this.enrollmentRows = rows;
  }

  async commitImport(
    imp: ImportRow,
    actor: Actor,
    uploader: { email: string; firstName: string; lastName: string } | undefined,
    job: JobProgress,
  ): Promise<void> {
    // The job handler checked that the import is 'running' (the commit request moved it there).
    const orgCache = new Map<string, OrganizationRow>();
    const roleCache = new Map((await this.roles.listRoles(this.db, imp.tenantId)).map((r) => [r.id, r]));
    const passwordHashes = new Map<string, string>();
    const tenant = await this.settings.settingsOf(this.db, imp.tenantId);
    const welcome: WelcomeContext & { passwordInEmail: boolean } = {
      tenantId: imp.tenantId,
      tenantName: tenant.tenantName,
      registrationWindowDays: tenant.registrationWindowDays,
      // The uploader sends the welcomes (the command line has no person: the template then says so).
      sender: uploader ? { firstName: uploader.firstName, lastName: uploader.lastName } : null,
      passwordInEmail: tenant.temporaryPasswordInEmail,
      holdWhereUndeliverable: true,
    };
    const batchSize = batchSizeFor(imp, this.batchSize);
    const kindRows = templateKind(imp) === 'enrollments' ? this.enrollmentRows : undefined;
    if (templateKind(imp) === 'enrollments' && !kindRows) throw new Error('enrollments imports are not wired');
    // Account rows the plan left nothing to write ("unchanged", "failed") are not read back one by one: each
    // batch covers a stretch of lines, and the database names the "unchanged" rows in it whose account moved on.
    // A re-upload that changes a few accounts reads those few rows. (Enrollment rows are all read.)
    const settledLeftOut = !kindRows;
    const lastLine = settledLeftOut ? await this.repo.lastLine(this.db, imp.id) : 0;
    // A resumed commit starts past its watermark: everything up to it is applied.
    for (let afterLine = imp.committedThrough; ;) {
      const rows = await this.repo.pendingRows(this.db, imp.id, afterLine, batchSize, { settledLeftOut });
      // The last batch stretches to the end of the file, over the settled rows after the last one to apply.
      const through = settledLeftOut && rows.length < batchSize ? lastLine : (rows.at(-1)?.line ?? afterLine);
      if (through <= afterLine) break;
      const stretch = { after: afterLine, through };
      afterLine = through;
      // Each creating row's values, parsed once for the password hashes and the accounts.
      const values = kindRows ? new Map<number, RowValues>() : valuesOfCreations(rows);
      await this.hashPasswords(values, passwordHashes);
      await this.loadOrgs(rows, orgCache);
      let applied = rows.length;
      await inTransaction(this.db, async (trx) => {
        const settled = settledLeftOut ? await this.repo.settledRowsIn(trx, imp.id, stretch) : { count: 0, stale: [] };
        const results = kindRows
          ? await kindRows.applyBatch(trx, imp, actor, rows)
          : await this.applyBatch(trx, imp, actor, rows, settled.stale, values, orgCache, roleCache, passwordHashes, welcome);
        const planned = new Map([...rows, ...settled.stale].map((r) => [r.line, r]));
        const written = results.filter((r) => differsFromPlan(r, planned.get(r.line) as ImportRowResult));
        applied = rows.length + settled.count;
        await this.repo.recordBatch(trx, imp.id, written, { through, rows: applied });
      });
      this.onRowsApplied(applied);
      await job.reportProgress({ phase: 'commit', done: through });
      if (job.signal.aborted) return this.forgetPasswordsIfEnded(imp.id);
      // On SQLite every await above resolved at once: without this pause no waiting request is read until the commit ends.
      await yieldToEventLoop();
    }
    const counts = await this.finish(imp, uploader);
    // Hashed into credentials now; the rows keep their other values for the row list and a rollback. After the
    // completion, not inside it: rewriting every row's values is seconds for a large file, and nobody waits on it
    // (should this process stop first, the sweep of old import files forgets them).
    await this.repo.forgetPasswords(this.db, imp.id);
    await this.refreshStatistics(counts);
  }

  /**
   * After a commit that changed many accounts, PostgreSQL's statistics are refreshed (outside the
   * batch transactions), so searches do not run on plans made for an empty table. Only an
   * optimisation: if it fails, the import is still complete, and the next large change retries it.
   */
  private async refreshStatistics(counts: ReturnType<typeof countsFrom>): Promise<void> {
    const changed = counts.created + counts.updated + counts.archived + counts.reactivated;
    if (changed < statisticsThreshold) return;
    const tables = [
      'accounts',
      'role_assignments',
      'credentials',
      'audit_events',
      'import_rows',
      'one_time_tokens',
      'outbox',
      'jobs',
    ] as const;
    await this.repo.refreshStatistics(this.db, tables).catch(() => undefined);
  }

  private async applyBatch(
    trx: Executor,
    imp: ImportRow,
    actor: Actor,
    rows: ImportRowResult[],
    /** "Unchanged" rows of the batch's stretch whose account changed or went since the preview. */
    movedOn: ImportRowResult[],
    valuesByLine: Map<number, RowValues>,
    orgs: Map<string, OrganizationRow>,
    roles: Map<string, RoleRow>,
    passwords: Map<string, string>,
    welcome: WelcomeContext & { passwordInEmail: boolean },
  ): Promise<AppliedRow[]> {
    const results = new Map<number, AppliedRow>();
    const done = (row: ImportRowResult, outcome: string, extra: Partial<AppliedRow> = {}) =>
      results.set(row.line, {
        line: row.line,
        outcome,
        reason: null,
        message: appliedMessage(row.message),
        accountId: row.accountId,
        previous: null,
        ...extra,
      });
    const stale = (row: ImportRowResult, message: string) => done(row, 'failed', { reason: changedSincePlanning, message });

    const creates = rows.filter((r) => r.planned === 'created');
    const taken = await this.batch.takenEmails(
      trx,
      imp.tenantId,
      creates.map((r) => r.emailKey as string),
    );
    const newAccounts: NewImportedAccount[] = [];
    const seats = this.seats?.ledger(trx);
    const places = new Map<string, { tenantId: string; path: string }>();
    /** A row that would take a seat past a blocking contract fails `seat_limit`; returns whether it may go on. */
    const takesSeat = async (row: ImportRowResult, path: string) => {
      const place = { tenantId: imp.tenantId, path };
      places.set(path, place);
      const refusal = await seats?.admit(place);
      if (refusal) done(row, 'failed', { reason: 'seat_limit', message: refusal.message });
      return !refusal;
    };
    for (const row of creates) {
      const values = valuesByLine.get(row.line) as RowValues;
      if (taken.has(emailKey(values.email as string))) {
        stale(row, `An account with ${values.email} was created after the preview; upload the file again to update it.`);
        continue;
      }
      const org = orgs.get(row.orgId as string) as OrganizationRow;
      if (values.status !== 'archived' && !(await takesSeat(row, org.path))) continue;
      // The plan gave the row its account's id, so the row needs no rewrite once applied.
      const id = row.accountId ?? this.ids.newId();
      newAccounts.push({
        id,
        line: row.line,
        tenantId: imp.tenantId,
        org: { id: org.id, path: org.path, name: org.name },
        fields: {
          firstName: values.firstName as string,
          lastName: values.lastName as string,
          email: values.email as string,
          username: values.username,
          externalId: values.externalId,
          affiliation: values.affiliation,
          employeeType: values.employeeType,
          dateHire: values.dateHire,
          dateTransfer: values.dateTransfer,
          jobTitle: values.jobTitle,
          department: values.department,
          trainingManager: values.trainingManager,
          supervisor: values.supervisor,
        },
        status: values.status === 'archived' ? 'archived' : values.password ? 'active' : 'invited',
        passwordHash: values.password ? passwords.get(values.password) : undefined,
        ...(values.password && welcome.passwordInEmail ? { temporaryPasswordForEmail: values.password } : {}),
        role: row.roleId ? roles.get(row.roleId) : undefined,
      });
      done(row, 'created', { accountId: id });
    }
    await this.batch.insertAccounts(trx, actor, newAccounts, welcome, { importId: imp.id, fileName: imp.fileName });

    const updates = rows.filter((r) => ['updated', 'archived', 'reactivated'].includes(r.planned));
    const current = await this.batch.getMany(
      trx,
      updates.map((r) => r.accountId as string),
    );
    const changes: Array<AccountChange & { row: ImportRowResult }> = [];
    for (const row of updates) {
      const account = current.get(row.accountId as string);
      if (!account || account.version !== row.expectedVersion) {
        stale(row, 'This account was changed by someone else after the preview, so the row was not applied; upload the file again.');
        continue;
      }
      const wanted = JSON.parse(row.changes ?? '{}') as AccountUpdate;
      if (row.planned === 'reactivated') wanted.status = (await this.credentials.hasPassword(trx, account.id)) ? 'active' : 'invited';
      if (wanted.status === 'archived') wanted.archivedAt = this.clock.now().toISOString();
      if (row.planned === 'reactivated') wanted.archivedAt = null;
      const org = orgs.get(row.orgId ?? account.orgId);
      if (row.planned === 'reactivated' && !(await takesSeat(row, org?.path ?? account.orgPath))) continue;
      if (row.planned === 'archived') places.set(account.orgPath, { tenantId: imp.tenantId, path: account.orgPath });
      const role = row.roleId ? roles.get(row.roleId) : undefined;
      changes.push({
        row,
        account,
        changes: wanted,
        orgPath: org?.path ?? account.orgPath,
        role: role && org ? { role, org: { id: org.id, path: org.path } } : undefined,
      });
    }
    const staleIds = await this.batch.applyChanges(trx, actor, changes);
    for (const change of changes) {
      if (staleIds.has(change.account.id)) {
        stale(change.row, 'This account was changed by someone else during the import, so the row was not applied; upload the file again.');
        continue;
      }
      const previous = Object.fromEntries(Object.keys(change.changes).map((k) => [k, (change.account as Record<string, unknown>)[k]]));
      done(change.row, change.row.planned, {
        previous: JSON.stringify({ ...previous, version: change.account.version + 1, roleId: change.role?.role.id ?? null }),
      });
    }

    // "Unchanged" is a claim about the account as the preview saw it: if it changed since (or is gone),
    // the file may no longer agree with it, so the row is reported instead of silently passing.
    for (const row of movedOn) {
      stale(row, 'This account was changed after the preview, so the row was not checked against it again; upload the file again.');
    }
    for (const row of rows) {
      if (results.has(row.line)) continue;
      if (row.planned === 'failed') done(row, 'failed', { reason: row.reason });
      else done(row, 'unchanged');
    }
    for (const place of places.values()) await this.seats?.seatsChanged(trx, place);
    return [...results.values()];
  }

  /** Each distinct temporary password is hashed once per job, several at a time on libuv's threads. */
  private async hashPasswords(values: Map<number, RowValues>, cache: Map<string, string>): Promise<void> {
    const wanted = new Set<string>();
    for (const { password } of values.values()) if (password && !cache.has(password)) wanted.add(password);
    const queue = [...wanted];
    const workers = Array.from({ length: Math.min(4, queue.length) }, async () => {
      for (let next = queue.pop(); next !== undefined; next = queue.pop()) cache.set(next, await this.credentials.hashUnchecked(next));
    });
    await Promise.all(workers);
  }

  private async loadOrgs(rows: ImportRowResult[], cache: Map<string, OrganizationRow>): Promise<void> {
    const missing = [...new Set(rows.map((r) => r.orgId).filter((id): id is string => Boolean(id) && !cache.has(id as string)))];
    for (const org of await this.orgs.getManyByIds(this.db, missing)) cache.set(org.id, org);
  }

  /**
   * A commit stopped between batches: when it was cancelled, nothing will apply the remaining rows, so their
   * temporary passwords go. (Stopped by a shutdown, the import is still running and resumes with them.)
   */
  private async forgetPasswordsIfEnded(importId: string): Promise<void> {
    const current = await this.repo.getById(this.db, importId);
    if (current && current.status !== 'running') await this.repo.forgetPasswords(this.db, importId);
  }

  /** Completion and the uploader's import-log message land in one transaction. */
  private async finish(
    imp: ImportRow,
    uploader: { email: string; firstName: string; lastName: string } | undefined,
  ): Promise<ReturnType<typeof countsFrom>> {
    const byOutcome = await this.repo.countByOutcome(this.db, imp.id);
    const total = Object.values(byOutcome).reduce((a, b) => a + b, 0);
    const counts = countsFrom(byOutcome, total);
    const finishedAt = this.clock.now().toISOString();
    const [org] = await this.orgs.getManyByIds(this.db, [imp.orgId]);
    const tenant = await this.settings.settingsOf(this.db, imp.tenantId);
    await inTransaction(this.db, async (trx) => {
      await this.repo.update(trx, imp.id, { status: 'completed', counts: JSON.stringify(counts), finishedAt, rowsDone: total });
      if (uploader) {
        const render = await this.templates.compileForOutbox(trx, imp.tenantId, 'import_log');
        const email = render({
          firstName: uploader.firstName,
          lastName: uploader.lastName,
          tenantName: tenant.tenantName,
          orgName: org?.name ?? '',
          fileName: imp.fileName,
          startedAt: readableTime(imp.startedAt ?? imp.createdAt),
          finishedAt: readableTime(finishedAt),
          ...Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, String(v)])),
          importUrl: `${this.loginUrl}/imports/${imp.id}`,
          failedRowsUrl: counts.failed > 0 ? `${this.loginUrl}/api/imports/${imp.id}/failed.csv` : noFailedRows,
          failedSummary: failedSummary(counts.failed),
        });
        await this.outbox.enqueue(trx, {
          tenantId: imp.tenantId,
          kind: 'import_log',
          recipient: uploader.email,
          ...withoutFailedRowsLink(email),
          payload: { importId: imp.id, counts },
          dedupeKey: `import_log:${imp.id}`,
        });
      }
    });
    return counts;
  }
}

/** The planned values of the rows that create an account, by line. */
function valuesOfCreations(rows: readonly ImportRowResult[]): Map<number, RowValues> {
  const out = new Map<number, RowValues>();
  for (const row of rows) if (row.planned === 'created' && row.values) out.set(row.line, JSON.parse(row.values) as RowValues);
  return out;
}

/** Stands for the failed-rows link when no row failed: the lines carrying it are then left out of the log email. */
const noFailedRows = '\u0000no-failed-rows\u0000';

/** "no rows failed", "1 row failed", "8 rows failed": said properly in a subject. */
export function failedSummary(failed: number): string {
  if (failed === 0) return 'no rows failed';
  return `${failed} ${new Intl.PluralRules('en-US').select(failed) === 'one' ? 'row' : 'rows'} failed`;
}

/** Drops every line (or, in HTML, the stand-in) of a rendered log that would link to a file of no failed rows. */
function withoutFailedRowsLink<T extends { bodyText: string; bodyHtml: string | null }>(email: T): T {
  return {
    ...email,
    bodyText: email.bodyText
      .split('\n')
      .filter((line) => !line.includes(noFailedRows))
      .join('\n'),
    bodyHtml: email.bodyHtml === null ? null : email.bodyHtml.replaceAll(noFailedRows, ''),
  };
}

/** "2026-11-23 09:14 UTC" */
function readableTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

import { ErrorCodes } from '../../../common/error-codes.ts';
import { Permissions } from '../../../common/permissions.ts';
import type { ImportCounts, ImportMode, ImportRowView, ImportView } from '../../../common/schemas/imports.ts';
import type { ImportTemplate } from '../../../common/schemas/import-templates.ts';
import type { Db, Executor } from '../../db/connection.ts';
import type { ImportRow, OrganizationRow } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import { conflict, fieldError, invalidState, notFound } from '../../platform/errors.ts';
import { can, requireReach, systemActor, type Actor } from '../../platform/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import { requireAttestation } from '../tenants/attestation.ts';
import type { TenantSettingsService } from '../tenants/tenant-settings.service.ts';
import type { JobQueue } from '../../jobs/index.ts';
import { storeUpload, type SpooledUpload } from './import-files.ts';
import type { ImportsRepository } from './imports.repository.ts';
import type { ImportTemplatesService } from './templates/templates.service.ts';
import { countsFrom } from './planning/plan.service.ts';
import { previewLifetimeDays, previewLifetimeMs, toView } from './import-view.ts';

export const importJobTypes = { plan: 'import.plan', commit: 'import.commit', rollback: 'import.rollback' } as const;

/** The states an import that may have applied rows can end in; a rollback starts from any of them. */
export const rollbackFrom = ['completed', 'failed', 'cancelled'];

const statusWords: Record<string, string> = {
  queued: 'waiting to be checked',
  planning: 'being checked',
  planned: 'ready to import',
  running: 'being applied',
  completed: 'completed',
  failed: 'refused',
  cancelled: 'cancelled',
  rolled_back: 'already rolled back',
};

const emptyCounts: ImportCounts = { total: 0, created: 0, updated: 0, unchanged: 0, archived: 0, reactivated: 0, failed: 0 };

/** The import log and the requests that move an import along: upload → plan → commit → (rollback). */
export class ImportsService {
  constructor(
    private readonly db: Db,
    private readonly repo: ImportsRepository,
    private readonly orgs: OrganizationsService,
    private readonly templates: ImportTemplatesService,
    private readonly settings: TenantSettingsService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  /** Stores the upload and queues its plan. Nothing is written to accounts until the plan is committed. */
  async startImport(
    actor: Actor,
    input: { orgId: string; template: string; mode?: ImportMode; fileName: string; upload: SpooledUpload },
  ): Promise<{ id: string }> {
    const org = await this.orgs.requireOrganization(this.db, actor, input.orgId, Permissions.importsRun);
    const template = await this.templates.getTemplate(this.db, org.tenantId, input.template);
    if (!template) throw fieldError('template', `There is no import template "${input.template}".`);
    const mode = input.mode ?? (template.modes.includes('upsert') ? 'upsert' : (template.modes[0] ?? 'upsert'));
    if (!template.modes.includes(mode)) {
      throw fieldError('mode', `The template "${template.label}" is for ${template.modes.join(' or ')} imports, not ${mode}.`);
    }
    if (input.upload.size === 0) throw fieldError('file', 'The file is empty.', ErrorCodes.emptyFile);
    // A quick answer for the common case; the unique index imports_in_flight settles a race (see below).
    const inFlight = await this.repo.findInFlight(this.db, org.tenantId, input.upload.checksum, org.id, template.key);
    if (inFlight) throw alreadyInFlight(inFlight.id);
    const id = this.ids.newId();
    const now = this.clock.now().toISOString();
    await this.refuseDuplicateInFlight(org.tenantId, input.upload.checksum, org.id, template.key, () =>
      this.insertUpload(actor, id, now, org, template, { ...input, mode }),
    );
    return { id };
  }

  /**
   * Runs `write`; when it failed on the in-flight unique index (two uploads of the same file raced
   * past the check), answers 409 naming the import that won instead of a 500.
   */
  private async refuseDuplicateInFlight<T>(
    tenantId: string,
    checksum: string,
    orgId: string,
    templateKey: string,
    write: () => Promise<T>,
  ): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.repo.findInFlight(this.db, tenantId, checksum, orgId, templateKey);
      if (!winner) throw error;
      throw alreadyInFlight(winner.id);
    }
  }

  private async insertUpload(
    actor: Actor,
    id: string,
    now: string,
    org: OrganizationRow,
    template: ImportTemplate,
    input: { mode: ImportMode; fileName: string; upload: SpooledUpload },
  ): Promise<void> {
    const mode = input.mode;
    await inTransaction(this.db, async (trx) => {
      await this.repo.insert(trx, {
        id,
        tenantId: org.tenantId,
        orgId: org.id,
        orgPath: org.path,
        templateKey: template.key,
        template: JSON.stringify(template),
        mode,
        status: 'queued',
        fileName: input.fileName.slice(0, 255),
        fileSize: input.upload.size,
        checksum: input.upload.checksum,
        uploadedBy: actor.accountId,
        uploadedByLabel: actor.label,
        counts: JSON.stringify(emptyCounts),
        rowsDone: 0,
        committedThrough: 0,
        format: null,
        error: null,
        planJobId: null,
        commitJobId: null,
        createdAt: now,
        startedAt: null,
        plannedAt: null,
        committedAt: null,
        finishedAt: null,
        rolledBackAt: null,
        rollback: null,
        ignoredColumns: null,
        // Until the plan has read the header, the rows it stores may hold passwords.
        holdsPasswords: 1,
      });
      await storeUpload(trx, this.repo, id, input.upload.path);
      const job = await this.jobs.enqueue(trx, { type: importJobTypes.plan, payload: { importId: id }, dedupeKey: `plan:${id}` });
      await this.repo.update(trx, id, { planJobId: job.id });
      await this.audit.record(trx, actor, {
        action: 'import.uploaded',
        targetType: 'import',
        targetId: id,
        tenantId: org.tenantId,
        orgPath: org.path,
        after: { fileName: input.fileName, mode, template: template.key, size: input.upload.size },
      });
    });
  }

  async commitImport(actor: Actor, id: string, input: { attested?: boolean } = {}): Promise<ImportView> {
    const imp = await this.requireImport(actor, id);
    if (imp.status === 'planned' && imp.plannedAt && this.clock.now().getTime() - Date.parse(imp.plannedAt) > previewLifetimeMs) {
      throw conflict(
        ErrorCodes.previewExpired,
        `This preview is more than ${previewLifetimeDays} days old; upload the file again to see what it would do now.`,
      );
    }
    // Only an import that is ready is confirmed: any other state gets its own refusal from transition().
    const sentence = imp.status === 'planned' ? (await this.settings.settingsOf(this.db, imp.tenantId)).attestation : null;
    const attested = requireAttestation(sentence, input.attested);
    // A later upload of the same file may be in flight meanwhile (this one was not, while planned).
    return this.refuseDuplicateInFlight(imp.tenantId, imp.checksum, imp.orgId, imp.templateKey, () =>
      this.transition(
        actor,
        imp,
        'import.committed',
        ['planned'],
        { status: 'running', rowsDone: 0, committedAt: this.clock.now().toISOString() },
        importJobTypes.commit,
        'commitJobId',
        (current) => `This import is ${statusWords[current.status] ?? current.status}; only an import that is ready can be applied.`,
        attested && sentence ? { attested: sentence } : undefined,
      ),
    );
  }

  /**
   * Undoes what an import applied, whether it completed, failed or was cancelled partway; the rollback
   * job checks each account against the requester's reach when it runs (rollback.service.ts).
   */
  async rollbackImport(actor: Actor, id: string): Promise<ImportView> {
    const imp = await this.requireImport(actor, id);
    if (rollbackFrom.includes(imp.status)) {
      // A cancelled commit stops between batches: wait until its last batch is in before undoing it.
      const commitJob = imp.commitJobId ? await this.jobs.get(this.db, imp.commitJobId) : undefined;
      if (commitJob?.status === 'running') throw invalidState('This import is still stopping; try the rollback again in a moment.');
      if (!(await this.repo.hasRowsToUndo(this.db, id)))
        throw invalidState('This import changed no account, so there is nothing to roll back.');
    }
    return this.transition(
      actor,
      await this.requireImport(actor, id),
      'import.rollback_requested',
      rollbackFrom,
      {},
      importJobTypes.rollback,
      null,
      (current) =>
        `This import is ${statusWords[current.status] ?? current.status}; only an import that was applied (completed, failed or cancelled partway) can be rolled back.`,
    );
  }

  /** Cancels a queued or planned import (nothing was written), or stops a running commit between batches. */
  async cancelImport(actor: Actor, id: string): Promise<ImportView> {
    const imp = await this.requireImport(actor, id);
    if (!['queued', 'planning', 'planned', 'running'].includes(imp.status)) {
      throw invalidState(`This import is ${imp.status} and cannot be cancelled.`);
    }
    await inTransaction(this.db, async (trx) => {
      for (const jobId of [imp.planJobId, imp.commitJobId]) if (jobId) await this.jobs.requestCancel(trx, jobId);
      await this.repo.update(trx, id, { status: 'cancelled', finishedAt: this.clock.now().toISOString() });
      // A running commit still reads its next batch's values: it forgets the passwords itself when it stops.
      if (imp.status !== 'running') await this.repo.forgetPasswords(trx, id);
      await this.audit.record(trx, actor, {
        action: 'import.cancelled',
        targetType: 'import',
        targetId: id,
        tenantId: imp.tenantId,
        orgPath: imp.orgPath,
      });
    });
    return this.getImport(actor, id);
  }

  async listImports(
    actor: Actor,
    filter: { limit?: number; cursor?: string; order?: 'newest' | 'oldest' },
  ): Promise<{ items: ImportView[]; nextCursor: string | null; total: number }> {
    const roots = requireReach(actor, Permissions.importsRun, 'You do not have permission to see imports.');
    const limit = filter.limit ?? 50;
    const before = filter.cursor ? (decodeCursor(filter.cursor, 2) as [string, string]) : undefined;
    const scope = { tenantId: actor.isGlobalAdmin ? undefined : (actor.tenantId ?? undefined), roots };
    const [rows, total] = await Promise.all([
      this.repo.list(this.db, { ...scope, limit: limit + 1, before, oldest: filter.order === 'oldest' }),
      this.repo.count(this.db, scope),
    ]);
    const { page, nextCursor } = pageOf(rows, limit, (row) => [row.createdAt, row.id]);
    const orgNames = await this.orgNames(page.map((r) => r.orgId));
    return {
      items: page.map((r) => toView(r, orgNames.get(r.orgId) ?? '')),
      nextCursor,
      total,
    };
  }

  async getImport(actor: Actor, id: string): Promise<ImportView> {
    const imp = await this.requireImport(actor, id);
    const view = toView(imp, (await this.orgNames([imp.orgId])).get(imp.orgId) ?? '');
    if (imp.status !== 'planned') return view;
    // The confirm step shows the tenant's sentence to tick before the first attempt, not after a refusal.
    return { ...view, attestation: (await this.settings.settingsOf(this.db, imp.tenantId)).attestation };
  }

  async listRows(
    actor: Actor,
    id: string,
    filter: { outcome?: string; limit?: number; cursor?: string },
  ): Promise<{ items: ImportRowView[]; nextCursor: string | null }> {
    const imp = await this.requireImport(actor, id);
    const limit = filter.limit ?? 100;
    const afterLine = filter.cursor ? Number(decodeCursor(filter.cursor, 1)[0]) : undefined;
    const committed = ['running', 'completed', 'rolled_back'].includes(imp.status) || imp.committedAt !== null;
    const rows = await this.repo.rows(this.db, id, { outcome: filter.outcome, afterLine, limit: limit + 1, committed });
    const { page, nextCursor } = pageOf(rows, limit, (row) => [String(row.line)]);
    return {
      items: page.map((r) => ({
        line: r.line,
        outcome: ((r.applied ? r.outcome : r.planned) ?? r.planned) as ImportRowView['outcome'],
        applied: r.applied > 0,
        reason: r.reason,
        message: r.message,
        email: r.email,
        // A planned creation already names its future account's id; it means nothing until applied.
        accountId: r.applied === 0 && r.planned === 'created' ? null : r.accountId,
        type: r.type,
      })),
      nextCursor,
    };
  }

  /** The import, when the actor may import into its organization; otherwise "not found". */
  async requireImport(actor: Actor, id: string): Promise<ImportRow> {
    const imp = await this.repo.getById(this.db, id);
    if (!imp || !can(actor, Permissions.importsRun, imp.orgPath)) throw notFound('The import');
    return imp;
  }

  /**
   * For the job runner, when an import's plan or commit job failed for good (its attempts used up, or
   * quarantined after killing its process): the import ends `failed` with a reason an administrator can
   * act on, instead of staying "being checked" or "being applied" forever. A commit says how far it
   * got, and the counts become what was applied. Runs in the runner's transaction.
   */
  async failFromJob(trx: Executor, importId: string, stage: 'plan' | 'commit', job: { error: string; abandoned: boolean }): Promise<void> {
    const imp = await this.repo.getById(trx, importId);
    if (!imp) return;
    const reason = job.error.replace(/\.\s*$/, '');
    const finishedAt = this.clock.now().toISOString();
    let error: { code: string; message: string };
    let changes: Partial<ImportRow> = {};
    if (stage === 'plan') {
      if (!['queued', 'planning'].includes(imp.status)) return;
      error = {
        code: 'plan_stopped',
        message: job.abandoned
          ? `${reason} — the file may be too large or malformed. Split it into smaller files, or open it in Excel and save it again, then upload it again.`
          : `Checking the file failed: ${reason}. Upload it again; if it keeps failing, ask your administrator.`,
      };
    } else {
      if (imp.status !== 'running') return;
      const total = (JSON.parse(imp.counts) as ImportCounts).total;
      const counts = countsFrom(await this.repo.countByOutcome(trx, importId), total);
      const done = imp.rowsDone;
      error = {
        code: 'commit_stopped',
        message:
          done === 0
            ? `Stopped before any row was applied: ${reason}. Nothing was changed.`
            : `Stopped after ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows: ${reason}. The applied rows can be rolled back.`,
      };
      changes = { counts: JSON.stringify(counts) };
    }
    await this.repo.update(trx, importId, { ...changes, status: 'failed', error: JSON.stringify(error), finishedAt }, [imp.status]);
    await this.repo.forgetPasswords(trx, importId);
    await this.audit.record(trx, systemActor('import', 'job runner'), {
      action: 'import.failed',
      targetType: 'import',
      targetId: importId,
      tenantId: imp.tenantId,
      orgPath: imp.orgPath,
      after: { stage, error: error.message, rowsDone: imp.rowsDone },
    });
  }

  /** Internal, for job handlers: the import by id without a scope check. */
  async getRecord(id: string): Promise<ImportRow | undefined> {
    return this.repo.getById(this.db, id);
  }

  /**
   * Moves an import the caller already read (and so may see) from one of `from` to `changes`, queues
   * the job that does the work and audits the request — all in one transaction. The status is checked
   * here once; the conditional update refuses a change that raced with another.
   */
  private async transition(
    actor: Actor,
    imp: ImportRow,
    action: string,
    from: string[],
    changes: Partial<ImportRow>,
    jobType: string,
    jobColumn: 'commitJobId' | null,
    refusal: (imp: ImportRow) => string,
    auditAfter?: Record<string, unknown>,
  ): Promise<ImportView> {
    const id = imp.id;
    if (!from.includes(imp.status)) throw invalidState(refusal(imp));
    const jobId = await inTransaction(this.db, async (trx) => {
      const moved = Object.keys(changes).length === 0 || (await this.repo.update(trx, id, changes, from));
      if (!moved) throw invalidState('The import changed state meanwhile; reload it.');
      const job = await this.jobs.enqueue(trx, {
        type: jobType,
        payload: { importId: id, requestedBy: actor.accountId },
        dedupeKey: `${jobType}:${id}`,
      });
      if (jobColumn) await this.repo.update(trx, id, { [jobColumn]: job.id });
      await this.audit.record(trx, actor, {
        action,
        targetType: 'import',
        targetId: id,
        tenantId: imp.tenantId,
        orgPath: imp.orgPath,
        ...(auditAfter ? { after: auditAfter } : {}),
      });
      return job.id;
    });
    const moved: ImportRow = { ...imp, ...changes, ...(jobColumn ? { [jobColumn]: jobId } : {}) };
    return toView(moved, (await this.orgNames([imp.orgId])).get(imp.orgId) ?? '');
  }

  private async orgNames(ids: string[]): Promise<Map<string, string>> {
    return new Map((await this.orgs.getManyByIds(this.db, [...new Set(ids)])).map((o) => [o.id, o.name]));
  }
}

const alreadyInFlight = (importId: string) =>
  conflict(ErrorCodes.importInProgress, 'This same file is already being imported into this organization; wait for it to finish.', {
    importId,
  });

import { ErrorCodes } from '../../../common/error-codes.ts';
import { Permissions } from '../../../common/permissions.ts';
import type { ImportCounts, ImportMode, ImportRowView, ImportView } from '../../../common/schemas/imports.ts';
import type { Db } from '../../db/connection.ts';
import type { ImportRow } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import { conflict, fieldError, notFound } from '../../platform/errors.ts';
import { can, requireReach, type Actor } from '../../platform/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { JobQueue } from '../../jobs/index.ts';
import { storeUpload, type SpooledUpload } from './import-files.ts';
import type { ImportsRepository } from './imports.repository.ts';
import type { ImportTemplatesService } from './templates/templates.service.ts';
import { previewLifetimeDays, previewLifetimeMs, toView } from './import-view.ts';

export const importJobTypes = { plan: 'import.plan', commit: 'import.commit', rollback: 'import.rollback' } as const;

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
    const inFlight = await this.repo.findInFlight(this.db, org.tenantId, input.upload.checksum, org.id, template.key);
    if (inFlight) {
      throw conflict(
        ErrorCodes.importInProgress,
        'This same file is already being imported into this organization; wait for it to finish.',
        {
          importId: inFlight.id,
        },
      );
    }
    const id = this.ids.newId();
    const now = this.clock.now().toISOString();
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
    return { id };
  }

  async commitImport(actor: Actor, id: string): Promise<ImportView> {
    const imp = await this.requireImport(actor, id);
    if (imp.status === 'planned' && imp.plannedAt && this.clock.now().getTime() - Date.parse(imp.plannedAt) > previewLifetimeMs) {
      throw conflict(
        ErrorCodes.previewExpired,
        `This preview is more than ${previewLifetimeDays} days old; upload the file again to see what it would do now.`,
      );
    }
    return this.transition(
      actor,
      id,
      'import.committed',
      ['planned'],
      { status: 'running', rowsDone: 0, committedAt: this.clock.now().toISOString() },
      importJobTypes.commit,
      'commitJobId',
      (current) => `This import is ${statusWords[current.status] ?? current.status}; only an import that is ready can be applied.`,
    );
  }

  async rollbackImport(actor: Actor, id: string): Promise<ImportView> {
    return this.transition(
      actor,
      id,
      'import.rollback_requested',
      ['completed'],
      {},
      importJobTypes.rollback,
      null,
      (imp) => `This import is ${statusWords[imp.status] ?? imp.status}; only a completed import can be rolled back.`,
    );
  }

  /** Cancels a queued or planned import (nothing was written), or stops a running commit between batches. */
  async cancelImport(actor: Actor, id: string): Promise<ImportView> {
    const imp = await this.requireImport(actor, id);
    if (!['queued', 'planning', 'planned', 'running'].includes(imp.status)) {
      throw conflict(ErrorCodes.invalidState, `This import is ${imp.status} and cannot be cancelled.`);
    }
    await inTransaction(this.db, async (trx) => {
      for (const jobId of [imp.planJobId, imp.commitJobId]) if (jobId) await this.jobs.requestCancel(trx, jobId);
      await this.repo.update(trx, id, { status: 'cancelled', finishedAt: this.clock.now().toISOString() });
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
    filter: { limit?: number; cursor?: string },
  ): Promise<{ items: ImportView[]; nextCursor: string | null }> {
    const roots = requireReach(actor, Permissions.importsRun, 'You do not have permission to see imports.');
    const limit = filter.limit ?? 50;
    const before = filter.cursor ? (decodeCursor(filter.cursor, 2) as [string, string]) : undefined;
    const rows = await this.repo.list(this.db, {
      tenantId: actor.isGlobalAdmin ? undefined : (actor.tenantId ?? undefined),
      roots,
      limit: limit + 1,
      before,
    });
    const { page, nextCursor } = pageOf(rows, limit, (row) => [row.createdAt, row.id]);
    const orgNames = await this.orgNames(page.map((r) => r.orgId));
    return {
      items: page.map((r) => toView(r, orgNames.get(r.orgId) ?? '')),
      nextCursor,
    };
  }

  async getImport(actor: Actor, id: string): Promise<ImportView> {
    const imp = await this.requireImport(actor, id);
    return toView(imp, (await this.orgNames([imp.orgId])).get(imp.orgId) ?? '');
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
        accountId: r.accountId,
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

  /** Internal, for job handlers: the import by id without a scope check. */
  async getRecord(id: string): Promise<ImportRow | undefined> {
    return this.repo.getById(this.db, id);
  }

  private async transition(
    actor: Actor,
    id: string,
    action: string,
    from: string[],
    changes: Partial<ImportRow>,
    jobType: string,
    jobColumn: 'commitJobId' | null,
    refusal: (imp: ImportRow) => string,
  ): Promise<ImportView> {
    const imp = await this.requireImport(actor, id);
    if (!from.includes(imp.status)) throw conflict(ErrorCodes.invalidState, refusal(imp));
    await inTransaction(this.db, async (trx) => {
      const moved = Object.keys(changes).length === 0 || (await this.repo.update(trx, id, changes, from));
      if (!moved) throw conflict(ErrorCodes.invalidState, 'The import changed state meanwhile; reload it.');
      const job = await this.jobs.enqueue(trx, {
        type: jobType,
        payload: { importId: id, requestedBy: actor.accountId },
        dedupeKey: `${jobType}:${id}`,
      });
      if (jobColumn) await this.repo.update(trx, id, { [jobColumn]: job.id });
      await this.audit.record(trx, actor, { action, targetType: 'import', targetId: id, tenantId: imp.tenantId, orgPath: imp.orgPath });
    });
    return this.getImport(actor, id);
  }

  private async orgNames(ids: string[]): Promise<Map<string, string>> {
    return new Map((await this.orgs.getManyByIds(this.db, [...new Set(ids)])).map((o) => [o.id, o.name]));
  }
}

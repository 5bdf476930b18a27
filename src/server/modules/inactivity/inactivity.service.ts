import { Permissions } from '../../../common/permissions.ts';
import type { InactiveList, InactiveQuery } from '../../../common/schemas/inactivity.ts';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../platform/clock.ts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import { fieldError } from '../../platform/errors.ts';
import { requireReach, systemActor, type Actor } from '../../platform/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { BulkActionsService } from '../bulk-actions/bulk-actions.service.ts';
import type { EmailTemplatesService } from '../email-templates/email-templates.service.ts';
import type { OutboxService } from '../notifications/outbox.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { TenantSettingsService } from '../tenants/tenant-settings.service.ts';
import { schedulePeriodicJob, type JobQueue } from '../../jobs/index.ts';
import type { InactiveRow, InactivityRepository } from './inactivity.repository.ts';

export const inactivitySweepJob = 'inactivity.sweep';
const dayMs = 86_400_000;
const batchSize = 500;

export interface SweepReport {
  tenants: number;
  noticed: number;
  archiving: number;
  bulkActionIds: string[];
}

/**
 * Accounts unused for the tenant's number of days (off unless set). The list shows them; where the
 * tenant turns archiving on, a daily sweep emails each person `inactivityNoticeDays` before, then
 * archives those still unused as a bulk action of the system's — its results are the report, and a
 * tenant administrator may undo it. Reactivation starts a new period of activity.
 */
export class InactivityService {
  constructor(
    private readonly db: Db,
    private readonly repo: InactivityRepository,
    private readonly orgs: OrganizationsService,
    private readonly settings: TenantSettingsService,
    private readonly bulk: BulkActionsService,
    private readonly templates: EmailTemplatesService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    private readonly loginUrl: string,
  ) {}

  async listInactive(actor: Actor, query: InactiveQuery): Promise<InactiveList> {
    let roots = requireReach(actor, Permissions.accountsRead, 'You do not have permission to see accounts.');
    let tenantId = actor.tenantId;
    if (query.orgId) {
      const org = await this.orgs.requireOrganization(this.db, actor, query.orgId, Permissions.accountsRead);
      roots = [org.path];
      tenantId = org.tenantId;
    }
    if (!tenantId) throw fieldError('orgId', 'Choose an organization: inactivity is a setting of each tenant.');
    const tenant = await this.settings.settingsOf(this.db, tenantId);
    if (tenant.inactivityDays === null) return { inactivityDays: null, items: [], nextCursor: null };
    const limit = query.limit ?? 50;
    const after = query.cursor ? (decodeCursor(query.cursor, 2) as [string, string]) : undefined;
    const now = this.clock.now().getTime();
    const rows = await this.repo.inactive(this.db, {
      tenantId,
      roots,
      cutoff: new Date(now - tenant.inactivityDays * dayMs).toISOString(),
      ...(after ? { after } : {}),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      inactivityDays: tenant.inactivityDays,
      items: page.map((r) => ({
        id: r.id,
        email: r.email,
        firstName: r.firstName,
        lastName: r.lastName,
        orgId: r.orgId,
        orgName: r.orgName,
        lastActivityAt: r.lastActivityAt,
        inactiveSince: r.inactiveSince,
        inactiveDays: Math.floor((now - Date.parse(r.inactiveSince)) / dayMs),
        noticedAt: r.noticedSince === r.inactiveSince ? r.noticedAt : null,
      })),
      nextCursor: rows.length > limit && last ? encodeCursor([last.inactiveSince, last.id]) : null,
    };
  }

  /** Every tenant that archives inactive accounts: notices first, then the archive of those noticed long enough ago. */
  async sweep(): Promise<SweepReport> {
    const report: SweepReport = { tenants: 0, noticed: 0, archiving: 0, bulkActionIds: [] };
    for (const tenant of await this.settings.allTenants()) {
      if (tenant.inactivityDays === null || !tenant.inactivityArchive) continue;
      report.tenants += 1;
      const now = this.clock.now().getTime();
      const noticeDays = Math.min(tenant.inactivityNoticeDays, tenant.inactivityDays - 1);
      report.noticed += await this.sendNotices(
        tenant,
        new Date(now - (tenant.inactivityDays - noticeDays) * dayMs).toISOString(),
        noticeDays,
      );
      const due = await this.dueForArchive(tenant.tenantId, new Date(now - tenant.inactivityDays * dayMs).toISOString(), noticeDays);
      if (due.length === 0) continue;
      const label = `Inactivity: ${tenant.inactivityDays} days without activity`;
      report.bulkActionIds.push(await this.bulk.requestSystemAction(tenant.tenantId, 'archive', due, label));
      report.archiving += due.length;
    }
    await this.audit.record(this.db, systemActor('system', 'inactivity sweep'), {
      action: 'inactivity.swept',
      targetType: 'system',
      targetId: null,
      tenantId: null,
      orgPath: null,
      after: report,
    });
    return report;
  }

  /** Queues the sweep now and every `everyMs` (daily); the dedupe key keeps one queued across instances. */
  scheduleDailySweep(everyMs = dayMs, onError: (error: unknown) => void = () => undefined): () => void {
    return schedulePeriodicJob(this.db, this.queue, inactivitySweepJob, everyMs, onError);
  }

  /** One notice per period of inactivity: the outbox key and the notice row both name the period's start. */
  private async sendNotices(tenant: { tenantId: string; tenantName: string }, cutoff: string, noticeDays: number): Promise<number> {
    let sent = 0;
    let after: [string, string] | undefined;
    for (;;) {
      const rows = await this.repo.inactive(this.db, {
        tenantId: tenant.tenantId,
        roots: 'all',
        cutoff,
        ...(after ? { after } : {}),
        limit: batchSize,
      });
      if (rows.length === 0) return sent;
      const last = rows.at(-1) as InactiveRow;
      after = [last.inactiveSince, last.id];
      const fresh = rows.filter((r) => r.noticedSince !== r.inactiveSince);
      if (fresh.length === 0) continue;
      const now = this.clock.now();
      const archiveOn = new Date(now.getTime() + noticeDays * dayMs).toISOString().slice(0, 10);
      await inTransaction(this.db, async (trx) => {
        const render = await this.templates.compileForOutbox(trx, tenant.tenantId, 'inactivity_notice');
        await this.outbox.enqueueMany(
          trx,
          fresh.map((r) => ({
            tenantId: tenant.tenantId,
            kind: 'inactivity_notice',
            recipient: r.email,
            ...render({
              firstName: r.firstName,
              lastName: r.lastName,
              email: r.email,
              username: r.username,
              orgName: r.orgName,
              tenantName: tenant.tenantName,
              loginUrl: this.loginUrl,
              archiveOn,
              inactiveDays: String(Math.floor((now.getTime() - Date.parse(r.inactiveSince)) / dayMs)),
            }),
            payload: { accountId: r.id, inactiveSince: r.inactiveSince },
            dedupeKey: `inactivity_notice:${r.id}:${r.inactiveSince}`,
          })),
        );
        await this.repo.saveNotices(
          trx,
          fresh.map((r) => ({ accountId: r.id, inactiveSince: r.inactiveSince, noticedAt: now.toISOString() })),
        );
      });
      sent += fresh.length;
    }
  }

  /** Accounts unused past the tenant's days whose notice for this period went out at least `noticeDays` ago. */
  private async dueForArchive(tenantId: string, cutoff: string, noticeDays: number): Promise<string[]> {
    const noticedBy = new Date(this.clock.now().getTime() - noticeDays * dayMs).toISOString();
    const due: string[] = [];
    let after: [string, string] | undefined;
    for (;;) {
      const rows = await this.repo.inactive(this.db, { tenantId, roots: 'all', cutoff, ...(after ? { after } : {}), limit: batchSize });
      if (rows.length === 0) return due;
      const last = rows.at(-1) as InactiveRow;
      after = [last.inactiveSince, last.id];
      for (const r of rows) if (r.noticedSince === r.inactiveSince && r.noticedAt !== null && r.noticedAt <= noticedBy) due.push(r.id);
    }
  }
}

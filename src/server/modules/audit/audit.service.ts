import type { Db, Executor } from '../../db/connection.ts';
import type { AuditEventRow } from '../../db/schema.ts';
import { Permissions } from '../../../common/permissions.ts';
import type { AuditEvent, AuditPage, AuditQuery } from '../../../common/schemas/audit.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { requireReach, type Actor } from '../../platform/actor.ts';
import type { AuditEventWithAccount, AuditRepository } from './audit.repository.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string | null;
  tenantId: string | null;
  /** Where the target sits in the tree; decides who may read the event. */
  orgPath: string | null;
  before?: unknown;
  after?: unknown;
}

/** An event as the API shows it (the shape is shared with the console). */
export type AuditEventView = AuditEvent;

export type AuditFilter = AuditQuery;

export class AuditService {
  constructor(
    private readonly db: Db,
    private readonly repo: AuditRepository,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  /** Called inside the transaction of the change it describes, so the two land or fail together. */
  async record(db: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
    await this.repo.insert(db, this.toRow(actor, entry));
  }

  /** Many events in one statement per thousand (imports and bulk actions). */
  async recordMany(db: Executor, actor: Actor, entries: AuditEntry[]): Promise<void> {
    if (entries.length)
      await this.repo.insertMany(
        db,
        entries.map((e) => this.toRow(actor, e)),
      );
  }

  /** Who created an account (the actor of its `account.created` event), for "Maria invited you". */
  async creatorOf(db: Executor, accountId: string): Promise<string | null> {
    return this.repo.actorOf(db, accountId, 'account.created');
  }

  private toRow(actor: Actor, entry: AuditEntry): AuditEventRow {
    return {
      id: this.ids.newId(),
      tenantId: entry.tenantId,
      at: this.clock.now().toISOString(),
      actorId: actor.accountId,
      actorLabel: actor.label,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      orgPath: entry.orgPath,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      source: actor.source,
      requestId: actor.requestId ?? null,
      jobId: actor.jobId ?? null,
    };
  }

  async searchEvents(actor: Actor, filter: AuditFilter): Promise<AuditPage> {
    const roots = requireReach(actor, Permissions.auditRead, 'You do not have permission to read the audit log.');
    const limit = filter.limit ?? 50;
    const before = filter.cursor ? decodeCursor(filter.cursor, 2) : undefined;
    const query = {
      tenantId: actor.isGlobalAdmin ? undefined : (actor.tenantId ?? undefined),
      roots,
      targetId: filter.targetId,
      actorId: filter.actorId,
      personId: filter.personId,
      q: filter.q,
      action: filter.action,
      source: filter.source,
      from: filter.from,
      to: filter.to,
    };
    const [rows, counted] = await Promise.all([
      this.repo.search(this.db, {
        ...query,
        limit: limit + 1,
        before: before as [string, string] | undefined,
        oldest: filter.order === 'oldest',
      }),
      this.repo.count(this.db, query, auditTotalCap + 1),
    ]);
    const { page, nextCursor } = pageOf(rows, limit, (row) => [row.at, row.id]);
    const reaches = (path: string | null) => roots === 'all' || (path !== null && roots.some((root) => path.startsWith(root)));
    return {
      items: page.map((row) => toView(row, reaches(row.accountOrgPath))),
      nextCursor,
      total: Math.min(counted, auditTotalCap),
      totalCapped: counted > auditTotalCap,
    };
  }
}

/** Counting a long history costs a scan: past this many the list says "10,000+". */
export const auditTotalCap = 10_000;

function toView(row: AuditEventWithAccount, namesAccount: boolean): AuditEventView {
  return {
    id: row.id,
    at: row.at,
    actor: { id: row.actorId, label: row.actorLabel },
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    source: row.source,
    requestId: row.requestId,
    jobId: row.jobId,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
    account:
      namesAccount && row.targetId && row.accountEmail !== null
        ? { id: row.targetId, name: `${row.accountFirstName ?? ''} ${row.accountLastName ?? ''}`.trim(), email: row.accountEmail }
        : null,
  };
}

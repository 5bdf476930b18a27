import type { Db, Executor } from '../../db/connection.ts';
import type { AuditEventRow } from '../../db/schema.ts';
import { Permissions } from '../../../common/permissions.ts';
import type { AuditEvent, AuditPage, AuditQuery } from '../../../common/schemas/audit.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { requireReach, type Actor } from '../../platform/actor.ts';
import type { AuditEventWithAccount, AuditRepository } from './audit.repository.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import { comesBefore, importCreationEvent, matchesFilter, placeEvent } from './import-creation-event.ts';

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

  /**
   * Who created an account, for "Maria invited you": as its row records it, or for an account made
   * before rows recorded it, the actor of its `account.created` event.
   */
  async creatorOf(db: Executor, accountId: string): Promise<string | null> {
    return (await this.repo.recordedCreatorOf(db, accountId)) ?? this.repo.actorOf(db, accountId, 'account.created');
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
    const oldest = filter.order === 'oldest';
    const reaches = (path: string | null) => roots === 'all' || (path !== null && roots.some((root) => path.startsWith(root)));
    const [rows, counted, creation] = await Promise.all([
      this.repo.search(this.db, { ...query, limit: limit + 1, before: before as [string, string] | undefined, oldest }),
      this.repo.count(this.db, query, auditTotalCap + 1),
      this.importCreation(filter, query.tenantId, reaches),
    ]);
    let events = rows.map((row) => toView(row, reaches(row.accountOrgPath)));
    const cursorAt = before ? { at: before[0] as string, id: before[1] as string } : undefined;
    if (creation && (!cursorAt || comesBefore(cursorAt, creation, oldest))) events = placeEvent(events, creation, oldest, limit + 1);
    const { page, nextCursor } = pageOf(events, limit, (event) => [event.at, event.id]);
    const total = counted + (creation ? 1 : 0);
    return { items: page, nextCursor, total: Math.min(total, auditTotalCap), totalCapped: total > auditTotalCap };
  }

  /**
   * When the audit is filtered to one account that an import created, that creation as an event of its
   * history (an import audits its creations one event per batch: see import-creation-event), if the
   * caller may read it and it passes the other filters. Readable like the event it stands for: where the
   * account is now, or where the batch's event was written.
   */
  private async importCreation(
    filter: AuditFilter,
    tenantId: string | undefined,
    reaches: (path: string | null) => boolean,
  ): Promise<AuditEventView | undefined> {
    const accountId = filter.targetId ?? filter.personId;
    if (!accountId) return undefined;
    const creation = await this.repo.importCreationOf(this.db, accountId);
    if (!creation || (tenantId && creation.tenantId !== tenantId)) return undefined;
    const batch = await this.repo.creationBatchEvent(this.db, creation.importId, creation.createdAt);
    if (!reaches(creation.orgPath) && !reaches(batch?.orgPath ?? null)) return undefined;
    const event = importCreationEvent(creation, batch, reaches(creation.orgPath));
    return matchesFilter(event, creation, filter) ? event : undefined;
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

import type { Executor } from '../../db/connection.ts';
import type { AuditEventRow } from '../../db/schema.ts';
import { prefixUpperBound } from '../../db/transaction.ts';
import { insertRows } from '../../db/bulk-insert.ts';

export interface AuditQuery {
  tenantId?: string;
  roots: 'all' | string[];
  targetId?: string;
  actorId?: string;
  action?: string;
  source?: string;
  from?: string;
  to?: string;
  limit: number;
  /** Keyset: events strictly older than this (at, id). */
  before?: readonly [string, string];
}

export class AuditRepository {
  async insert(db: Executor, event: AuditEventRow): Promise<void> {
    await db.insertInto('auditEvents').values(event).execute();
  }

  /** The actor of the first event of `action` on `targetId` (by the target index). */
  async actorOf(db: Executor, targetId: string, action: string): Promise<string | null> {
    const row = await db
      .selectFrom('auditEvents')
      .select('actorId')
      .where('targetId', '=', targetId)
      .where('action', '=', action)
      .orderBy('at')
      .limit(1)
      .executeTakeFirst();
    return row?.actorId ?? null;
  }

  async insertMany(db: Executor, events: AuditEventRow[]): Promise<void> {
    await insertRows(db, 'audit_events', events);
  }

  async search(db: Executor, query: AuditQuery): Promise<AuditEventRow[]> {
    let qb = db.selectFrom('auditEvents').selectAll();
    if (query.tenantId) qb = qb.where('tenantId', '=', query.tenantId);
    if (query.roots !== 'all') {
      const roots = query.roots;
      if (roots.length === 0) return [];
      qb = qb.where((eb) => eb.or(roots.map((p) => eb.and([eb('orgPath', '>=', p), eb('orgPath', '<', prefixUpperBound(p))]))));
    }
    if (query.targetId) qb = qb.where('targetId', '=', query.targetId);
    if (query.actorId) qb = qb.where('actorId', '=', query.actorId);
    if (query.action) qb = qb.where('action', '=', query.action);
    if (query.source) qb = qb.where('source', '=', query.source);
    if (query.from) qb = qb.where('at', '>=', query.from);
    if (query.to) qb = qb.where('at', '<', query.to);
    if (query.before) {
      const [at, id] = query.before;
      qb = qb.where((eb) => eb(eb.refTuple('at', 'id'), '<', eb.tuple(at, id)));
    }
    return qb.orderBy('at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
  }
}

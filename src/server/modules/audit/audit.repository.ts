import { sql } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { AuditEventRow } from '../../db/schema.ts';
import { prefixUpperBound } from '../../db/transaction.ts';
import { insertRows } from '../../db/bulk-insert.ts';

export interface AuditQuery {
  tenantId?: string;
  roots: 'all' | string[];
  targetId?: string;
  actorId?: string;
  personId?: string;
  q?: string;
  action?: string;
  source?: string;
  from?: string;
  to?: string;
  limit: number;
  /** Keyset: events strictly older than this (at, id); with `oldest`, strictly newer. */
  before?: readonly [string, string];
  /** Oldest first (the console's "Last" page and the pages walking back from it). */
  oldest?: boolean;
}

export class AuditRepository {
  async insert(db: Executor, event: AuditEventRow): Promise<void> {
    await db.insertInto('auditEvents').values(event).execute();
  }

  /** Who created an account as its row records it (null for older accounts, and for the system). */
  async recordedCreatorOf(db: Executor, accountId: string): Promise<string | null> {
    const row = await db.selectFrom('accounts').select('createdBy').where('id', '=', accountId).executeTakeFirst();
    return row?.createdBy ?? null;
  }

  /**
   * An account an import created, with what its row records of that (the import, its line, when) and
   * the import's file name; undefined for an account made otherwise (its own `account.created` event
   * tells those) or gone.
   */
  async importCreationOf(db: Executor, accountId: string): Promise<ImportCreation | undefined> {
    return db
      .selectFrom('accounts as a')
      .innerJoin('organizations as o', 'o.id', 'a.orgId')
      .innerJoin('imports as i', 'i.id', 'a.createdByImportId')
      .select([
        'a.id as accountId',
        'a.tenantId',
        'a.createdAt',
        'a.createdBy',
        'a.createdByImportLine as line',
        'a.firstName',
        'a.lastName',
        'a.email',
        'o.path as orgPath',
        'i.id as importId',
        'i.fileName',
        'i.uploadedByLabel',
        'i.commitJobId',
      ])
      .where('a.id', '=', accountId)
      .executeTakeFirst();
  }

  /**
   * The `import.accounts_created` event of the batch that created an account at `at`: the import's first
   * such event from then on (written in the same transaction, after the account), by the target index.
   */
  async creationBatchEvent(db: Executor, importId: string, at: string): Promise<AuditEventRow | undefined> {
    return db
      .selectFrom('auditEvents')
      .selectAll()
      .where('targetId', '=', importId)
      .where('action', '=', 'import.accounts_created')
      .where('at', '>=', at)
      .orderBy('at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
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

  async search(db: Executor, query: AuditQuery): Promise<AuditEventWithAccount[]> {
    let qb = this.filtered(db, query)
      .selectAll('e')
      .select(['a.firstName as accountFirstName', 'a.lastName as accountLastName', 'a.email as accountEmail', 'o.path as accountOrgPath']);
    if (query.before) {
      const [at, id] = query.before;
      qb = qb.where((eb) => eb(eb.refTuple('e.at', 'e.id'), query.oldest ? '>' : '<', eb.tuple(at, id)));
    }
    const direction = query.oldest ? 'asc' : 'desc';
    return qb.orderBy('e.at', direction).orderBy('e.id', direction).limit(query.limit).execute();
  }

  /** How many events match, counting at most `cap` (a tenant's whole history can be millions). */
  async count(db: Executor, query: Omit<AuditQuery, 'limit' | 'before' | 'oldest'>, cap: number): Promise<number> {
    const row = await db
      .selectFrom(
        this.filtered(db, { ...query, limit: cap })
          .select('e.id')
          .limit(cap)
          .as('matching'),
      )
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private filtered(db: Executor, query: Omit<AuditQuery, 'before' | 'oldest'>) {
    // The account an event is about, named as it is now (events keep only its id).
    let qb = db
      .selectFrom('auditEvents as e')
      .leftJoin('accounts as a', (join) => join.onRef('a.id', '=', 'e.targetId').on('e.targetType', '=', 'account'))
      .leftJoin('organizations as o', 'o.id', 'a.orgId');
    if (query.tenantId) qb = qb.where('e.tenantId', '=', query.tenantId);
    if (query.roots !== 'all') {
      const roots = query.roots;
      qb = roots.length
        ? qb.where((eb) => eb.or(roots.map((p) => eb.and([eb('e.orgPath', '>=', p), eb('e.orgPath', '<', prefixUpperBound(p))]))))
        : qb.where(sql<boolean>`1 = 0`);
    }
    if (query.targetId) qb = qb.where('e.targetId', '=', query.targetId);
    if (query.actorId) qb = qb.where('e.actorId', '=', query.actorId);
    const personId = query.personId;
    if (personId) qb = qb.where((eb) => eb.or([eb('e.actorId', '=', personId), eb('e.targetId', '=', personId)]));
    if (query.action) qb = qb.where('e.action', '=', query.action);
    if (query.source) qb = qb.where('e.source', '=', query.source);
    if (query.from) qb = qb.where('e.at', '>=', query.from);
    if (query.to) qb = qb.where('e.at', '<', query.to);
    for (const word of (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean)) {
      const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb = qb.where(
        sql<boolean>`(lower(e.actor_label) like ${pattern} escape '\\' or lower(e.action) like ${pattern} escape '\\'
          or lower(coalesce(a.email, '')) like ${pattern} escape '\\'
          or lower(coalesce(a.first_name, '') || ' ' || coalesce(a.last_name, '')) like ${pattern} escape '\\')`,
      );
    }
    return qb;
  }
}

export type AuditEventWithAccount = AuditEventRow & {
  accountFirstName: string | null;
  accountLastName: string | null;
  accountEmail: string | null;
  /** Where the account is now: it is named only to those who still reach it. */
  accountOrgPath: string | null;
};

/** An imported account's creation as its row and its import record it (see importCreationOf). */
export interface ImportCreation {
  accountId: string;
  tenantId: string;
  createdAt: string;
  createdBy: string | null;
  line: number | null;
  firstName: string;
  lastName: string;
  email: string;
  orgPath: string;
  importId: string;
  fileName: string;
  uploadedByLabel: string;
  commitJobId: string | null;
}

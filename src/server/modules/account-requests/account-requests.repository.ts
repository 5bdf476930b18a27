import { sql } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { AccountRequestMessagesTable, AccountRequestsTable } from '../../db/schema.ts';
import { prefixUpperBound, toNumber } from '../../db/transaction.ts';

export type RequestRow = AccountRequestsTable;
export type MessageRow = AccountRequestMessagesTable;

/** A request with the names the queue shows beside it. */
export interface RequestWithNames extends RequestRow {
  orgName: string | null;
  assigneeName: string | null;
  redirectedToName: string | null;
  accountName: string | null;
}

export interface RequestFilter {
  tenantId: string | null;
  /** Subtrees where the caller handles requests ('all' for global administrators). */
  roots: 'all' | readonly string[];
  /** Requests handed to this account are in its queue whatever its reach. */
  redirectedTo: string | null;
  status?: string;
  tag?: string;
  orgPath?: string;
  assignee?: string | null;
  q?: string;
  before?: [string, string];
  limit: number;
}

/** Requests, their thread, tags and the requester's links: Kysely only. */
export class AccountRequestsRepository {
  async nextNumber(db: Executor, tenantId: string): Promise<number> {
    const row = await db
      .selectFrom('accountRequests')
      .select((eb) => eb.fn.max('number').as('last'))
      .where('tenantId', '=', tenantId)
      .executeTakeFirst();
    return toNumber(row?.last) + 1;
  }

  async insert(db: Executor, row: RequestRow): Promise<void> {
    await db.insertInto('accountRequests').values(row).execute();
  }

  async update(db: Executor, id: string, changes: Partial<RequestRow>): Promise<void> {
    await db.updateTable('accountRequests').set(changes).where('id', '=', id).execute();
  }

  async getById(db: Executor, id: string): Promise<RequestWithNames | undefined> {
    return this.select(db).where('r.id', '=', id).executeTakeFirst();
  }

  /** Newest first, keyset-paged on (createdAt, id). */
  async list(db: Executor, f: RequestFilter): Promise<RequestWithNames[]> {
    let q = this.select(db).where(visibleTo(f));
    if (f.status) q = q.where('r.status', '=', f.status);
    if (f.orgPath) q = q.where('r.orgPath', '>=', f.orgPath).where('r.orgPath', '<', prefixUpperBound(f.orgPath));
    if (f.assignee !== undefined) q = f.assignee === null ? q.where('r.assigneeId', 'is', null) : q.where('r.assigneeId', '=', f.assignee);
    if (f.tag) {
      const tag = f.tag;
      q = q.where((eb) =>
        eb.exists(eb.selectFrom('accountRequestTags as t').select('t.tag').whereRef('t.requestId', '=', 'r.id').where('t.tag', '=', tag)),
      );
    }
    if (f.q) {
      const pattern = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const number = /^#?(\d{1,9})$/.exec(f.q.trim())?.[1];
      q = q.where((eb) =>
        eb.or([
          sql<boolean>`${sql.ref('r.searchText')} like ${pattern} escape '\\'`,
          ...(number ? [eb('r.number', '=', Number(number))] : []),
        ]),
      );
    }
    if (f.before) {
      const [at, id] = f.before;
      q = q.where((eb) => eb.or([eb('r.createdAt', '<', at), eb.and([eb('r.createdAt', '=', at), eb('r.id', '<', id)])]));
    }
    return q.orderBy('r.createdAt', 'desc').orderBy('r.id', 'desc').limit(f.limit).execute();
  }

  /** Counts per status and the average times, over the caller's whole queue. */
  async stats(db: Executor, f: Pick<RequestFilter, 'tenantId' | 'roots' | 'redirectedTo'>) {
    const base = db.selectFrom('accountRequests as r').where(visibleTo(f));
    const counts = await base
      .select(['r.status', (eb) => eb.fn.countAll().as('n')])
      .groupBy('r.status')
      .execute();
    const averages = await base
      .select((eb) => [eb.fn.avg('r.firstAnswerSeconds').as('firstAnswer'), eb.fn.avg('r.resolutionSeconds').as('resolution')])
      .executeTakeFirst();
    const rounded = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));
    return {
      counts: counts.map((c) => ({ status: c.status, n: toNumber(c.n) })),
      averageFirstAnswerSeconds: rounded(averages?.firstAnswer),
      averageResolutionSeconds: rounded(averages?.resolution),
    };
  }

  async tagsOf(db: Executor, requestIds: readonly string[]): Promise<Map<string, string[]>> {
    const byRequest = new Map<string, string[]>();
    if (requestIds.length === 0) return byRequest;
    const rows = await db
      .selectFrom('accountRequestTags')
      .select(['requestId', 'tag'])
      .where('requestId', 'in', [...requestIds])
      .orderBy('tag')
      .execute();
    for (const r of rows) byRequest.set(r.requestId, [...(byRequest.get(r.requestId) ?? []), r.tag]);
    return byRequest;
  }

  async replaceTags(db: Executor, request: Pick<RequestRow, 'id' | 'tenantId'>, tags: readonly string[]): Promise<void> {
    await db.deleteFrom('accountRequestTags').where('requestId', '=', request.id).execute();
    if (tags.length) {
      await db
        .insertInto('accountRequestTags')
        .values(tags.map((tag) => ({ requestId: request.id, tenantId: request.tenantId, tag })))
        .execute();
    }
  }

  async insertMessage(db: Executor, row: MessageRow): Promise<void> {
    await db.insertInto('accountRequestMessages').values(row).execute();
  }

  async messagesOf(db: Executor, requestId: string): Promise<MessageRow[]> {
    return db
      .selectFrom('accountRequestMessages')
      .selectAll()
      .where('requestId', '=', requestId)
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
  }

  async insertLink(db: Executor, row: { id: string; requestId: string; tokenHash: string; createdAt: string; expiresAt: string }) {
    await db.insertInto('accountRequestLinks').values(row).execute();
  }

  async findLink(db: Executor, tokenHash: string) {
    return db.selectFrom('accountRequestLinks').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
  }

  /**
   * Accounts of the tenant holding, inside one of `roots`, a role that lists someone they may invite:
   * those a request can be handed to. Matched by name or email when `q` is given.
   */
  async inviters(db: Executor, tenantId: string, roots: 'all' | readonly string[], q: string | undefined, limit: number) {
    let query = db
      .selectFrom('roleAssignments as ra')
      .innerJoin('roles as ro', 'ro.id', 'ra.roleId')
      .innerJoin('organizations as o', 'o.id', 'ra.orgId')
      .innerJoin('accounts as a', 'a.id', 'ra.accountId')
      .select([
        'a.id',
        'a.firstName',
        'a.lastName',
        'a.email',
        'o.name as orgName',
        'o.path as orgPath',
        'ro.label as roleLabel',
        'ro.mayInvite',
      ])
      .where('ra.tenantId', '=', tenantId)
      .where('a.status', '=', 'active')
      .where('ro.mayInvite', '<>', '[]');
    if (roots !== 'all') {
      if (roots.length === 0) return [];
      query = query.where((eb) => eb.or(roots.map((p) => eb.and([eb('o.path', '>=', p), eb('o.path', '<', prefixUpperBound(p))]))));
    }
    if (q) {
      const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where(
        sql<boolean>`(lower(${sql.ref('a.firstName')} || ' ' || ${sql.ref('a.lastName')}) like ${pattern} escape '\\' or ${sql.ref('a.emailKey')} like ${pattern} escape '\\')`,
      );
    }
    return query.orderBy('a.lastName').orderBy('a.firstName').orderBy('a.id').limit(limit).execute();
  }

  private select(db: Executor) {
    return db
      .selectFrom('accountRequests as r')
      .leftJoin('organizations as o', 'o.id', 'r.orgId')
      .leftJoin('accounts as asg', 'asg.id', 'r.assigneeId')
      .leftJoin('accounts as red', 'red.id', 'r.redirectedToId')
      .leftJoin('accounts as acc', 'acc.id', 'r.accountId')
      .selectAll('r')
      .select([
        'o.name as orgName',
        sql<string | null>`${sql.ref('asg.firstName')} || ' ' || ${sql.ref('asg.lastName')}`.as('assigneeName'),
        sql<string | null>`${sql.ref('red.firstName')} || ' ' || ${sql.ref('red.lastName')}`.as('redirectedToName'),
        sql<string | null>`${sql.ref('acc.firstName')} || ' ' || ${sql.ref('acc.lastName')}`.as('accountName'),
      ]);
  }
}

/** The caller's queue: requests inside their reach (one tenant), and those handed to them. */
function visibleTo(f: Pick<RequestFilter, 'tenantId' | 'roots' | 'redirectedTo'>) {
  const path = sql.ref('r.orgPath');
  const parts = [];
  if (f.roots === 'all') parts.push(sql`1 = 1`);
  else for (const p of f.roots) parts.push(sql`(${path} >= ${p} and ${path} < ${prefixUpperBound(p)})`);
  if (f.redirectedTo) parts.push(sql`${sql.ref('r.redirectedToId')} = ${f.redirectedTo}`);
  const anyOf = parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`1 = 0`;
  return f.tenantId ? sql<boolean>`${sql.ref('r.tenantId')} = ${f.tenantId} and ${anyOf}` : sql<boolean>`${anyOf}`;
}

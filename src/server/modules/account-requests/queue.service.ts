import { Permissions } from '../../../common/permissions.ts';
import type {
  AccountRequest,
  AccountRequestDetail,
  RequestPage,
  RequestQuery,
  RequestStats,
  RequestStatus,
} from '../../../common/schemas/account-requests.ts';
import type { Db, Executor } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import { can, type Actor } from '../../platform/actor.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import { fieldError, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import type { AccountRequestsRepository, RequestWithNames } from './account-requests.repository.ts';
import { handlerRoots, requireSeen } from './request-access.ts';
import { secondsBetween, toAccountRequest, toRequestMessage } from './request-view.ts';

/** What one change does, for the thread and the audit trail. */
export interface RequestChange {
  action: string;
  event: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * The help-desk queue: what the caller may see (their subtree's requests and those handed to them),
 * each request with its thread, and the small changes (tags, assignee, resolve, reopen).
 */
export class QueueService {
  constructor(
    private readonly db: Db,
    private readonly repo: AccountRequestsRepository,
    private readonly orgs: OrganizationsService,
    private readonly accounts: AccountsService,
    private readonly roles: RolesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async list(actor: Actor, query: RequestQuery): Promise<RequestPage> {
    const scope = this.scopeOf(actor);
    let orgPath: string | undefined;
    if (query.orgId) {
      const [org] = await this.orgs.getManyByIds(this.db, [query.orgId]);
      if (!org || !can(actor, Permissions.requestsHandle, org.path)) throw notFound('The organization');
      orgPath = org.path;
    }
    const limit = query.limit ?? 50;
    const assignee =
      query.assignee === undefined
        ? undefined
        : query.assignee === 'none'
          ? null
          : query.assignee === 'me'
            ? (actor.accountId ?? '')
            : query.assignee;
    const rows = await this.repo.list(this.db, {
      ...scope,
      status: query.status,
      tag: query.tag,
      orgPath,
      assignee,
      q: query.q,
      before: query.cursor ? (decodeCursor(query.cursor, 2) as [string, string]) : undefined,
      limit: limit + 1,
    });
    const { page, nextCursor } = pageOf(rows, limit, (r) => [r.createdAt, r.id]);
    return { items: await this.views(this.db, page), nextCursor };
  }

  async stats(actor: Actor): Promise<RequestStats> {
    const { counts, averageFirstAnswerSeconds, averageResolutionSeconds } = await this.repo.stats(this.db, this.scopeOf(actor));
    const count = (status: RequestStatus) => counts.find((c) => c.status === status)?.n ?? 0;
    return {
      open: count('open'),
      waiting: count('waiting'),
      resolved: count('resolved'),
      averageFirstAnswerSeconds,
      averageResolutionSeconds,
    };
  }

  async get(actor: Actor, id: string): Promise<AccountRequestDetail> {
    const row = requireSeen(actor, await this.repo.getById(this.db, id));
    return this.detail(this.db, row);
  }

  async setTags(actor: Actor, id: string, tags: readonly string[]): Promise<AccountRequestDetail> {
    const wanted = [...new Set(tags.map((t) => t.trim()).filter(Boolean))].sort();
    return this.change(actor, id, async (trx, row) => {
      const before = (await this.repo.tagsOf(trx, [row.id])).get(row.id) ?? [];
      await this.repo.replaceTags(trx, row, wanted);
      await this.repo.update(trx, row.id, { updatedAt: this.now() });
      return { action: 'account_request.tagged', event: null, before: { tags: before }, after: { tags: wanted } };
    });
  }

  /** To a handler of the request's subtree (or back to nobody). */
  async assign(actor: Actor, id: string, accountId: string | null): Promise<AccountRequestDetail> {
    return this.change(actor, id, async (trx, row) => {
      this.requireHandler(actor, row);
      let name = 'nobody';
      if (accountId !== null) {
        const target = await this.accounts.getRecord(trx, accountId);
        const grants = target && target.tenantId === row.tenantId ? await this.roles.grantsOf(trx, accountId) : [];
        if (!target || !grants.some((g) => g.permissions.has(Permissions.requestsHandle) && row.orgPath.startsWith(g.orgPath))) {
          throw fieldError('accountId', 'Assign the request to someone who handles requests for its organization.');
        }
        name = `${target.firstName} ${target.lastName}`;
      }
      await this.repo.update(trx, row.id, { assigneeId: accountId, updatedAt: this.now() });
      return {
        action: 'account_request.assigned',
        event: `Assigned to ${name}.`,
        before: { assigneeId: row.assigneeId },
        after: { assigneeId: accountId },
      };
    });
  }

  async resolve(actor: Actor, id: string): Promise<AccountRequestDetail> {
    return this.change(actor, id, async (trx, row) => {
      if (row.status === 'resolved') throw invalidState('This request is already resolved.');
      const now = this.now();
      await this.repo.update(trx, row.id, {
        status: 'resolved',
        resolvedAt: now,
        resolutionSeconds: secondsBetween(row.createdAt, now),
        updatedAt: now,
      });
      return { action: 'account_request.resolved', event: 'Resolved.', before: { status: row.status }, after: { status: 'resolved' } };
    });
  }

  async reopen(actor: Actor, id: string): Promise<AccountRequestDetail> {
    return this.change(actor, id, async (trx, row) => {
      if (row.status !== 'resolved') throw invalidState('Only a resolved request can be reopened.');
      await this.repo.update(trx, row.id, { status: 'open', resolvedAt: null, resolutionSeconds: null, updatedAt: this.now() });
      return { action: 'account_request.reopened', event: 'Reopened.', before: { status: row.status }, after: { status: 'open' } };
    });
  }

  /**
   * Runs one change in a transaction: the request must be in sight, the change writes its event into
   * the thread and its audit record, and the answer is the request as it now stands.
   */
  async change(
    actor: Actor,
    id: string,
    work: (trx: Executor, row: RequestWithNames) => Promise<RequestChange>,
  ): Promise<AccountRequestDetail> {
    return inTransaction(this.db, async (trx) => {
      const row = requireSeen(actor, await this.repo.getById(trx, id));
      const change = await work(trx, row);
      if (change.event) {
        await this.repo.insertMessage(trx, {
          id: this.ids.newId(),
          requestId: row.id,
          kind: 'event',
          authorId: actor.accountId,
          authorLabel: await this.authorName(trx, actor),
          subject: null,
          body: change.event,
          templateKey: null,
          createdAt: this.now(),
        });
      }
      await this.audit.record(trx, actor, {
        action: change.action,
        targetType: 'account_request',
        targetId: row.id,
        tenantId: row.tenantId,
        orgPath: row.orgPath,
        before: change.before,
        after: change.after,
      });
      const fresh = await this.repo.getById(trx, id);
      if (!fresh) throw notFound('The request');
      return this.detail(trx, fresh);
    });
  }

  /** Handing on, assigning and creating accounts are for handlers; the person handed a request answers and resolves it. */
  requireHandler(actor: Actor, row: RequestWithNames): void {
    if (!can(actor, Permissions.requestsHandle, row.orgPath)) {
      throw forbidden('Only those who handle requests for this organization may do that.');
    }
  }

  /** The name shown beside what the actor wrote: their name, never their email (replies are shown to the requester). */
  async authorName(db: Executor, actor: Actor): Promise<string> {
    const sender = await this.accounts.senderOf(db, actor);
    return sender ? `${sender.firstName} ${sender.lastName}`.trim() : actor.label.replace(/\s*<[^>]*>\s*$/, '');
  }

  private async detail(db: Executor, row: RequestWithNames): Promise<AccountRequestDetail> {
    const [view] = await this.views(db, [row]);
    const messages = await this.repo.messagesOf(db, row.id);
    return { ...(view as AccountRequest), messages: messages.map(toRequestMessage) };
  }

  private async views(db: Executor, rows: readonly RequestWithNames[]): Promise<AccountRequest[]> {
    const tags = await this.repo.tagsOf(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toAccountRequest(r, tags.get(r.id) ?? []));
  }

  private scopeOf(actor: Actor) {
    const roots = handlerRoots(actor);
    // Without handling anywhere, the queue of someone who invites is what was handed to them; others have none.
    const mayBeHanded = actor.accountId !== null && actor.grants.some((g) => (g.mayInvite ?? []).length > 0);
    if (roots !== 'all' && roots.length === 0 && !mayBeHanded) throw forbidden('You do not handle account requests.');
    return { tenantId: actor.isGlobalAdmin ? null : actor.tenantId, roots, redirectedTo: actor.accountId };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

import { ErrorCodes } from '../../../common/error-codes.ts';
import { Permissions } from '../../../common/permissions.ts';
import {
  undoableActions,
  type BulkAction,
  type BulkActionKind,
  type BulkFilter,
  type BulkResult,
  type CreateBulkActionInput,
} from '../../../common/schemas/bulk-actions.ts';
import type { Db, Executor } from '../../db/connection.ts';
import type { BulkActionItemRow, BulkActionRow } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { JobQueue } from '../../jobs/index.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import { conflict, fieldError, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { isTenantAdministrator, reach, systemActor, type Actor } from '../../platform/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { AccountBatchService } from '../accounts/account-batch.service.ts';
import type { AccountWithOrg } from '../accounts/account-record.ts';
import type { AccountSearchService } from '../accounts/account-search.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { TenantSettingsService } from '../tenants/tenant-settings.service.ts';
import type { BulkActionHandler } from './actions/action-types.ts';
import { countsOf, emptyCounts, itemLabel, toBulkAction, toBulkResult } from './bulk-action-view.ts';
import type { BulkActionsRepository } from './bulk-actions.repository.ts';
import { changeThreshold } from './change-threshold.ts';
import { exportPageSize } from './export/account-export.service.ts';

export const bulkJobTypes = { run: 'bulk.run', undo: 'bulk.undo' } as const;

/** Requests, progress, results and undo of bulk actions; the work itself runs in BulkRunService. */
export class BulkActionsService {
  constructor(
    private readonly db: Db,
    private readonly repo: BulkActionsRepository,
    private readonly handlers: Readonly<Record<string, BulkActionHandler>>,
    private readonly search: AccountSearchService,
    private readonly batch: AccountBatchService,
    private readonly orgs: OrganizationsService,
    private readonly settings: TenantSettingsService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  /**
   * Checks the selection against what the person confirmed (`selection_changed` with the count now) and
   * the tenant's change threshold (`confirmation_required`), then queues the job.
   */
  async requestBulkAction(actor: Actor, input: CreateBulkActionInput): Promise<BulkAction> {
    const handler = this.handlers[input.action] as BulkActionHandler;
    const roots = reach(actor, handler.permission);
    if (roots !== 'all' && roots.length === 0) throw forbidden('You do not have permission to do this to accounts.');
    const { tenantId, filter } = await this.tenantOf(actor, input);
    const params = await handler.prepare(this.db, actor, tenantId, input);
    const ids = input.accountIds ? [...new Set(input.accountIds)] : undefined;
    const count = ids ? ids.length : await this.search.countMatching(actor, filter ?? {});
    if (count !== input.expectedCount) {
      throw conflict(
        ErrorCodes.selectionChanged,
        `The selection now has ${count} accounts, not ${input.expectedCount}. Check it and confirm again.`,
        {
          count,
        },
      );
    }
    if (count === 0) throw fieldError('expectedCount', 'Nothing is selected.');
    if (handler.changesAccounts && !input.confirm) {
      const tenant = await this.settings.settingsOf(this.db, tenantId);
      const limit = await changeThreshold(tenant.bulkChangeThreshold, () => this.search.countActiveInTenant(tenantId));
      if (count > limit) {
        throw conflict(
          ErrorCodes.confirmationRequired,
          `This changes ${count} accounts, more than this tenant's threshold of ${limit}. Confirm to go ahead.`,
          { count, threshold: limit },
        );
      }
    }
    const id = this.ids.newId();
    const now = this.clock.now().toISOString();
    const row: BulkActionRow = {
      id,
      tenantId,
      action: input.action,
      params: JSON.stringify({ ...params, source: actor.source }),
      selection: JSON.stringify(ids ? { accountIds: ids } : { filter }),
      expectedCount: count,
      status: 'queued',
      total: ids ? ids.length : 0,
      counts: JSON.stringify(emptyCounts),
      requestedBy: actor.accountId,
      requestedByLabel: actor.label,
      undoneBy: null,
      error: null,
      createdAt: now,
      startedAt: null,
      finishedAt: null,
      undoneAt: null,
    };
    await inTransaction(this.db, async (trx) => {
      await this.repo.insert(trx, row);
      if (ids) await this.repo.insertItems(trx, await this.itemsFor(trx, actor, id, ids));
      await this.audit.record(trx, actor, {
        action: 'bulk_action.requested',
        targetType: 'bulk_action',
        targetId: id,
        tenantId,
        orgPath: `/${tenantId}/`,
        after: { action: input.action, count, ...params, ...(filter ? { filter } : {}) },
      });
      await this.jobs.enqueue(trx, { type: bulkJobTypes.run, payload: { bulkActionId: id }, dedupeKey: `${bulkJobTypes.run}:${id}` });
    });
    return toBulkAction(row);
  }

  /**
   * A bulk action the system starts on its own (the inactivity sweep): no person asked, so it acts with
   * the system's reach, and the tenant's administrators see it, its results, and may undo it.
   */
  async requestSystemAction(tenantId: string, action: BulkActionKind, accountIds: readonly string[], label: string): Promise<string> {
    const id = this.ids.newId();
    const now = this.clock.now().toISOString();
    const actor = systemActor('system', label);
    await inTransaction(this.db, async (trx) => {
      await this.repo.insert(trx, {
        id,
        tenantId,
        action,
        params: JSON.stringify({ source: 'system', system: 'true' }),
        selection: JSON.stringify({ accountIds }),
        expectedCount: accountIds.length,
        status: 'queued',
        total: accountIds.length,
        counts: JSON.stringify(emptyCounts),
        requestedBy: null,
        requestedByLabel: label,
        undoneBy: null,
        error: null,
        createdAt: now,
        startedAt: null,
        finishedAt: null,
        undoneAt: null,
      });
      await this.repo.insertItems(trx, await this.itemsFor(trx, actor, id, [...accountIds]));
      await this.audit.record(trx, actor, {
        action: 'bulk_action.requested',
        targetType: 'bulk_action',
        targetId: id,
        tenantId,
        orgPath: `/${tenantId}/`,
        after: { action, count: accountIds.length },
      });
      await this.jobs.enqueue(trx, { type: bulkJobTypes.run, payload: { bulkActionId: id }, dedupeKey: `${bulkJobTypes.run}:${id}` });
    });
    return id;
  }

  async getBulkAction(actor: Actor, id: string): Promise<BulkAction> {
    return toBulkAction(await this.visible(actor, id));
  }

  /** A tenant's administrators see every bulk action of the tenant; everyone else, their own. */
  async listBulkActions(actor: Actor): Promise<{ items: BulkAction[] }> {
    const tenantWide = actor.isGlobalAdmin || (actor.tenantId !== null && isTenantAdministrator(actor, actor.tenantId));
    const rows = await this.repo.list(
      this.db,
      {
        ...(actor.tenantId && !actor.isGlobalAdmin ? { tenantId: actor.tenantId } : {}),
        ...(tenantWide ? {} : { requestedBy: actor.accountId ?? '-' }),
      },
      50,
    );
    return { items: rows.map(toBulkAction) };
  }

  async listResults(
    actor: Actor,
    id: string,
    query: { outcome?: string; limit?: number; cursor?: string },
  ): Promise<{ items: BulkResult[]; nextCursor: string | null }> {
    await this.visible(actor, id);
    const limit = query.limit ?? 100;
    const afterSeq = query.cursor ? Number(decodeCursor(query.cursor, 1)[0]) : 0;
    if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) throw fieldError('cursor', 'The cursor is not valid; start again.');
    const rows = await this.repo.items(this.db, id, { afterSeq, limit: limit + 1, ...(query.outcome ? { outcome: query.outcome } : {}) });
    const { page, nextCursor } = pageOf(rows, limit, (r) => [String(r.seq)]);
    return { items: page.map(toBulkResult), nextCursor };
  }

  /**
   * Queues the undo of a completed archive, reactivate, move or grant. It acts with the reach of the
   * person asking, checked again for every account when it runs.
   */
  async undoBulkAction(actor: Actor, id: string): Promise<BulkAction> {
    const row = await this.visible(actor, id);
    const action = row.action as BulkActionKind;
    if (!undoableActions.includes(action)) throw invalidState(`A bulk ${action.replace('_', ' ')} cannot be undone.`);
    if (row.status !== 'completed') throw invalidState(`Only a completed bulk action can be undone; this one is ${row.status}.`);
    const handler = this.handlers[action] as BulkActionHandler;
    const roots = reach(actor, handler.permission);
    if (roots !== 'all' && roots.length === 0) throw forbidden('You do not have permission to undo this.');
    const now = this.clock.now().toISOString();
    await inTransaction(this.db, async (trx) => {
      await this.repo.update(trx, id, { status: 'undoing', undoneBy: actor.accountId });
      await this.audit.record(trx, actor, {
        action: 'bulk_action.undo_requested',
        targetType: 'bulk_action',
        targetId: id,
        tenantId: row.tenantId,
        orgPath: `/${row.tenantId}/`,
        after: { action, at: now },
      });
      await this.jobs.enqueue(trx, { type: bulkJobTypes.undo, payload: { bulkActionId: id }, dedupeKey: `${bulkJobTypes.undo}:${id}` });
    });
    return toBulkAction((await this.repo.get(this.db, id)) as BulkActionRow);
  }

  /**
   * The accounts a completed export selected, page by page in selection order, with their values now;
   * an account that has left the reader's reach since is left out.
   */
  async exportPages(actor: Actor, id: string): Promise<{ pages: () => AsyncGenerator<AccountWithOrg[]>; count: number }> {
    const row = await this.visible(actor, id);
    if (row.action !== 'export') throw invalidState('Only an export has a file.');
    if (row.status !== 'completed') throw invalidState(`The export is ${row.status}; its file is ready once it completes.`);
    const { repo, batch, db } = this;
    const count = countsOf(row).succeeded;
    const pages = async function* () {
      for (let afterSeq = 0; ;) {
        const items = await repo.items(db, id, { afterSeq, limit: exportPageSize, outcome: 'succeeded' });
        if (items.length === 0) return;
        afterSeq = items.at(-1)?.seq ?? afterSeq;
        const accounts = await batch.getMany(
          db,
          items.map((i) => i.accountId),
        );
        yield items.flatMap((i) => {
          const account = accounts.get(i.accountId);
          return account && account.tenantId === row.tenantId && canRead(actor, account.orgPath) ? [account] : [];
        });
      }
    };
    return { pages, count };
  }

  /** A job that gave up for good: the action ends `failed` with the reason (what it did so far stays recorded). */
  async failFromJob(trx: Executor, id: string, message: string): Promise<void> {
    await this.repo.update(trx, id, { status: 'failed', error: message, finishedAt: this.clock.now().toISOString() });
  }

  /** For the job handlers: the row as stored, no actor. */
  async getRecord(id: string): Promise<BulkActionRow | undefined> {
    return this.repo.get(this.db, id);
  }

  /** A bulk action its requester, the tenant's administrators and global administrators may see; to others it does not exist. */
  private async visible(actor: Actor, id: string): Promise<BulkActionRow> {
    const row = await this.repo.get(this.db, id);
    if (!row) throw notFound('The bulk action');
    if (actor.isGlobalAdmin || (row.requestedBy !== null && row.requestedBy === actor.accountId)) return row;
    if (isTenantAdministrator(actor, row.tenantId)) return row;
    throw notFound('The bulk action');
  }

  /**
   * The tenant the action works in, and the filter narrowed to it. A tenant's people act in their own;
   * a global administrator's list spans tenants, so a filter without an organization is narrowed to the
   * tenant of its first match (the count check then says if the person saw more than that tenant).
   */
  private async tenantOf(actor: Actor, input: CreateBulkActionInput): Promise<{ tenantId: string; filter?: BulkFilter }> {
    if (!actor.isGlobalAdmin && actor.tenantId) return { tenantId: actor.tenantId, ...(input.filter ? { filter: input.filter } : {}) };
    if (input.filter?.orgId) {
      const org = await this.orgs.requireOrganization(this.db, actor, input.filter.orgId, Permissions.accountsRead);
      return { tenantId: org.tenantId, filter: input.filter };
    }
    if (input.filter) {
      const [first] = (await this.search.selectPage(actor, input.filter, null, 1)).items;
      if (!first) throw conflict(ErrorCodes.selectionChanged, 'Nothing matches this filter any more.', { count: 0 });
      return { tenantId: first.tenantId, filter: { ...input.filter, orgId: first.tenantId } };
    }
    const id = input.accountIds?.[0];
    const account = id ? (await this.batch.getMany(this.db, [id])).get(id) : undefined;
    if (!account) throw fieldError('accountIds', 'The first account was not found; choose accounts from the list.');
    return { tenantId: account.tenantId };
  }

  /** Items for the ids given; an id the actor cannot see is labelled by itself, so nothing leaks about it. */
  private async itemsFor(db: Executor, actor: Actor, id: string, ids: string[]): Promise<BulkActionItemRow[]> {
    const accounts = await this.batch.getMany(db, ids);
    const readable = (accountId: string) => {
      const a = accounts.get(accountId);
      return a && (actor.isGlobalAdmin || a.tenantId === actor.tenantId) && canRead(actor, a.orgPath) ? a : undefined;
    };
    return ids.map((accountId, i) => {
      const account = readable(accountId);
      return {
        bulkActionId: id,
        seq: i + 1,
        accountId,
        label: account ? itemLabel(account) : accountId,
        outcome: 'pending',
        reason: null,
        message: null,
        previous: null,
        undo: null,
      };
    });
  }
}

function canRead(actor: Actor, orgPath: string): boolean {
  const roots = reach(actor, Permissions.accountsRead);
  return roots === 'all' || roots.some((r) => orgPath.startsWith(r));
}

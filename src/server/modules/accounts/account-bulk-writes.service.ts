import type { Executor } from '../../db/connection.ts';
import type { OrganizationRow } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AuditEntry, AuditService } from '../audit/audit.service.ts';
import type { CredentialsService } from '../auth/credentials.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import { rolesLostOnMove } from './account-reach.ts';
import type { AccountsRepository, AccountWithOrg } from './accounts.repository.ts';
import { noSeatCheck, type SeatCheck, type SeatPlace } from './account-seats.ts';

/** Where a change came from, named in each account's history. */
export interface BulkOrigin {
  bulkActionId: string;
  /** "undo" when the change takes back an earlier bulk action. */
  kind?: 'undo';
}

/**
 * The writes bulk actions make, many accounts per statement. The caller has checked reach and the
 * rules for each account. A status change applies only where the status is still the one it changes
 * from, a move only at the version the caller read (a change made meanwhile wins), and every change is
 * audited with the bulk action it belongs to.
 */
export class AccountBulkWrites {
  constructor(
    private readonly repo: AccountsRepository,
    private readonly roles: RolesService,
    private readonly credentials: CredentialsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly seats: SeatCheck = noSeatCheck,
  ) {}

  /** Seats were freed or taken at these accounts' organizations: once per organization per batch. */
  private async seatsChanged(db: Executor, accounts: readonly AccountWithOrg[]): Promise<void> {
    const places = new Map(accounts.map((a) => [a.orgPath, { tenantId: a.tenantId, path: a.orgPath }]));
    for (const place of places.values()) await this.seats.seatsChanged(db, place);
  }

  /** After a batch of moves: today's seat points where the accounts were and where they went (each place once). */
  async seatsMoved(db: Executor, moved: readonly { account: AccountWithOrg; to: OrganizationRow }[]): Promise<void> {
    const places = new Map<string, SeatPlace>();
    for (const { account, to } of moved) {
      places.set(account.orgPath, { tenantId: account.tenantId, path: account.orgPath });
      places.set(to.path, { tenantId: to.tenantId, path: to.path });
    }
    for (const place of places.values()) await this.seats.seatsChanged(db, place);
  }

  /** Archives the accounts (their sessions and tokens end); returns the new version of each one archived. */
  async archive(db: Executor, actor: Actor, accounts: readonly AccountWithOrg[], origin: BulkOrigin): Promise<Map<string, number>> {
    const now = this.clock.now().toISOString();
    const changed = await this.repo.setStatuses(
      db,
      accounts.map((a) => a.id),
      'not:archived',
      { status: 'archived', archivedAt: now, updatedAt: now },
    );
    const done = accounts.filter((a) => changed.has(a.id));
    await this.credentials.endAllAccessMany(
      db,
      done.map((a) => a.id),
    );
    await this.audit.recordMany(
      db,
      actor,
      done.map((a) => statusEvent(a, 'account.archived', 'archived', origin)),
    );
    await this.seatsChanged(db, done);
    return changed;
  }

  /**
   * Back to active, or to invited for those who never set a password (as one reactivation does);
   * returns the new version and status of each one reactivated.
   */
  async reactivate(
    db: Executor,
    actor: Actor,
    accounts: readonly AccountWithOrg[],
    origin: BulkOrigin,
  ): Promise<Map<string, { version: number; status: string }>> {
    const now = this.clock.now().toISOString();
    const out = new Map<string, { version: number; status: string }>();
    const entries: AuditEntry[] = [];
    const byStatus = new Map<string, AccountWithOrg[]>();
    for (const account of accounts) {
      const status = (await this.credentials.hasPassword(db, account.id)) ? 'active' : 'invited';
      byStatus.set(status, [...(byStatus.get(status) ?? []), account]);
    }
    for (const [status, group] of byStatus) {
      // A new period of activity starts (see AccountsService.reactivateAccount).
      const changed = await this.repo.setStatuses(
        db,
        group.map((a) => a.id),
        'archived',
        { status, archivedAt: null, updatedAt: now, lastActivityAt: now },
      );
      for (const account of group) {
        const version = changed.get(account.id);
        if (version === undefined) continue;
        out.set(account.id, { version, status });
        entries.push(statusEvent(account, 'account.reactivated', status, origin));
      }
    }
    await this.audit.recordMany(db, actor, entries);
    await this.seatsChanged(
      db,
      accounts.filter((a) => out.has(a.id)),
    );
    return out;
  }

  /**
   * Moves one account to `destination` when it is still at the version read, taking away the roles it
   * held away from its new home (as a move by hand does); returns its new version, or null when it changed.
   */
  async move(
    db: Executor,
    actor: Actor,
    account: AccountWithOrg,
    destination: OrganizationRow,
    origin: BulkOrigin,
  ): Promise<number | null> {
    const ok = await this.repo.update(
      db,
      account.id,
      { orgId: destination.id, updatedAt: this.clock.now().toISOString() },
      account.version,
    );
    if (!ok) return null;
    const held = (await this.roles.assignmentsOf(db, [account.id])).get(account.id) ?? [];
    await this.roles.revoke(db, actor, account.tenantId, rolesLostOnMove(held, destination.path), `moved to ${destination.name}`);
    await this.audit.record(db, actor, {
      action: 'account.updated',
      targetType: 'account',
      targetId: account.id,
      tenantId: account.tenantId,
      orgPath: destination.path,
      before: { orgId: account.orgId },
      after: { orgId: destination.id, ...originFields(origin) },
    });
    return account.version + 1;
  }
}

function originFields(origin: BulkOrigin): Record<string, string> {
  return origin.kind === 'undo' ? { bulkActionId: origin.bulkActionId, undo: 'true' } : { bulkActionId: origin.bulkActionId };
}

function statusEvent(account: AccountWithOrg, action: string, status: string, origin: BulkOrigin): AuditEntry {
  return {
    action,
    targetType: 'account',
    targetId: account.id,
    tenantId: account.tenantId,
    orgPath: account.orgPath,
    before: { status: account.status },
    after: { status, ...originFields(origin) },
  };
}

import { ErrorCodes } from '../../../common/error-codes.ts';
import { Permissions } from '../../../common/permissions.ts';
import type { CreateSeatContractInput, SeatContract, SeatMode, SeatsView, UpdateSeatContractInput } from '../../../common/schemas/seats.ts';
import type { Db, Executor } from '../../db/connection.ts';
import type { SeatContractRow } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { conflict, fieldError, forbidden, notFound } from '../../platform/errors.ts';
import { isTenantAdministrator, requireReach, type Actor } from '../../platform/actor.ts';
import type { AccountWithOrg } from '../accounts/account-record.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import { holdsSeat, SeatLedger, type SeatPlace, type SeatRefusal } from './seat-admission.ts';
import { dailyHistory } from './seat-history.ts';
import type { SeatWarnings } from './seat-warnings.ts';
import type { SeatsRepository } from './seats.repository.ts';

/**
 * Seat contracts: a limit on the accounts holding a seat (active, or invited and not yet expired) in
 * an organization's subtree. "block" refuses what would pass it (409 `seat_limit`); both modes warn the
 * organization's administrators when use crosses `warnAt` percent. Other modules call `assertRoom`
 * / `ledger` before adding seats and `seatsChanged` after, in their own transaction.
 */
export class SeatsService {
  constructor(
    private readonly db: Db,
    private readonly repo: SeatsRepository,
    private readonly orgs: OrganizationsService,
    private readonly warnings: SeatWarnings,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  /** Contracts are set by the tenant's system administrators (what the tenant pays for is theirs to say). */
  async createContract(actor: Actor, input: CreateSeatContractInput): Promise<SeatContract> {
    return inTransaction(this.db, async (trx) => {
      const org = await this.orgs.requireOrganization(trx, actor, input.orgId, Permissions.accountsRead);
      if (!isTenantAdministrator(actor, org.tenantId)) throw forbidden('Only the tenant’s system administrators set seat contracts.');
      const now = this.clock.now().toISOString();
      const row: SeatContractRow = {
        id: this.ids.newId(),
        tenantId: org.tenantId,
        orgId: org.id,
        orgPath: org.path,
        seats: input.seats,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        warnAt: input.warnAt,
        mode: input.mode,
        warnedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await this.repo.insert(trx, row);
      await this.audit.record(trx, actor, {
        action: 'seat_contract.created',
        targetType: 'seat_contract',
        targetId: row.id,
        tenantId: org.tenantId,
        orgPath: org.path,
        after: contractFields(row),
      });
      await this.seatsChanged(trx, { tenantId: org.tenantId, path: org.path });
      return this.toContract(row, org.name);
    });
  }

  async updateContract(actor: Actor, id: string, input: UpdateSeatContractInput): Promise<SeatContract> {
    return inTransaction(this.db, async (trx) => {
      const current = await this.repo.get(trx, id);
      if (!current) throw notFound('The seat contract');
      const org = await this.orgs.requireOrganization(trx, actor, current.orgId, Permissions.accountsRead);
      if (!isTenantAdministrator(actor, org.tenantId)) throw forbidden('Only the tenant’s system administrators change seat contracts.');
      const next = { ...current, ...definedOnly(input), updatedAt: this.clock.now().toISOString() };
      if (next.startsOn > next.endsOn) throw fieldError('endsOn', 'The contract must end on or after the day it starts.');
      await this.repo.update(trx, id, { ...definedOnly(input), updatedAt: next.updatedAt, warnedAt: null });
      await this.audit.record(trx, actor, {
        action: 'seat_contract.updated',
        targetType: 'seat_contract',
        targetId: id,
        tenantId: org.tenantId,
        orgPath: org.path,
        before: contractFields(current),
        after: contractFields(next),
      });
      await this.seatsChanged(trx, { tenantId: org.tenantId, path: org.path });
      return this.toContract(next, org.name);
    });
  }

  async listContracts(actor: Actor, orgId?: string): Promise<{ items: SeatContract[] }> {
    let roots = requireReach(actor, Permissions.accountsRead, 'You do not have permission to see seats.');
    if (orgId) roots = [(await this.orgs.requireOrganization(this.db, actor, orgId, Permissions.accountsRead)).path];
    const rows = await this.repo.list(this.db, roots, actor.isGlobalAdmin ? undefined : (actor.tenantId ?? undefined));
    const names = new Map((await this.orgs.getManyByIds(this.db, [...new Set(rows.map((r) => r.orgId))])).map((o) => [o.id, o.name]));
    return { items: rows.map((r) => this.toContract(r, names.get(r.orgId) ?? '')) };
  }

  /** Use at an organization (its whole subtree), against the contract in force there, with a breakdown and the daily history. */
  async getSeats(actor: Actor, orgId: string): Promise<SeatsView> {
    const org = await this.orgs.requireOrganization(this.db, actor, orgId, Permissions.accountsRead);
    const today = this.today();
    const contract = (await this.repo.covering(this.db, org.tenantId, org.path, today)).find((c) => c.orgId === org.id) ?? null;
    const usage = await this.repo.usage(this.db, org.tenantId, org.path);
    const used = usage.active + usage.invited;
    const children = await this.repo.children(this.db, org.id);
    const breakdown = [];
    const here = await this.repo.usageAt(this.db, org.tenantId, org.id);
    if (here.active + here.invited > 0)
      breakdown.push({ orgId: org.id, orgName: `${org.name} (itself)`, ...here, used: here.active + here.invited });
    for (const child of children) {
      const u = await this.repo.usage(this.db, org.tenantId, child.path);
      breakdown.push({ orgId: child.id, orgName: child.name, ...u, used: u.active + u.invited });
    }
    const history = contract
      ? dailyHistory(
          await this.repo.snapshots(this.db, contract.id),
          // Nothing was recorded before the contract was entered: the chart starts there, not at an earlier start date.
          { seats: contract.seats, startsOn: [contract.startsOn, contract.createdAt.slice(0, 10)].sort()[1] as string },
          today,
          { ...usage, seats: contract.seats },
        )
      : [];
    return {
      orgId: org.id,
      orgName: org.name,
      contract: contract ? this.toContract(contract, org.name) : null,
      ...usage,
      used,
      free: contract ? contract.seats - used : null,
      breakdown,
      history,
    };
  }

  /** Refuses (409 `seat_limit`) adding `count` seats at `place` past a blocking contract. Call it in the transaction that adds them. */
  async assertRoom(trx: Executor, place: SeatPlace, count = 1): Promise<void> {
    const refusal = await this.ledger(trx).admit(place, count);
    if (refusal) throw conflict(ErrorCodes.seatLimit, refusal.message, refusal.details);
  }

  /**
   * Refuses (409 `seat_limit`) moving `account` into the organization at `to` past a blocking contract
   * there. Only an account holding a seat needs one, and only from the contracts it enters: moving within
   * one contract's subtree takes no second seat under it.
   */
  async assertRoomToMove(trx: Executor, account: SeatHolder, to: string): Promise<void> {
    const refused = await this.refuseMoves(trx, [{ account, to }]);
    const refusal = refused.get(account.id);
    if (refusal) throw conflict(ErrorCodes.seatLimit, refusal.message, refusal.details);
  }

  /** Moves (bulk, or their undo): the accounts whose move would pass a blocking contract, with the refusal; one ledger for the batch. */
  async refuseMoves(trx: Executor, moves: readonly { account: SeatHolder; to: string }[]): Promise<Map<string, SeatRefusal>> {
    const ledger = this.ledger(trx);
    const refused = new Map<string, SeatRefusal>();
    for (const { account, to } of moves) {
      if (!holdsSeat(account.status) || to === account.orgPath) continue;
      const refusal = await ledger.admit({ tenantId: account.tenantId, path: to }, 1, account.orgPath);
      if (refusal) refused.set(account.id, refusal);
    }
    return refused;
  }

  /** A seat counter for one transaction, for batches (imports, bulk reactivation). */
  ledger(trx: Executor): SeatLedger {
    return new SeatLedger(
      (place) => this.repo.covering(trx, place.tenantId, place.path, this.today()),
      async (contract) => {
        await this.repo.lock(trx, contract.id);
        const u = await this.repo.usage(trx, contract.tenantId, contract.orgPath);
        return u.active + u.invited;
      },
      async (contract) => (await this.orgs.getManyByIds(trx, [contract.orgId]))[0]?.name ?? 'This organization',
    );
  }

  /** Bulk reactivation: the accounts that would pass a blocking contract, with the reason. */
  async refuseOverLimit(trx: Executor, accounts: readonly AccountWithOrg[]): Promise<Map<string, string>> {
    const ledger = this.ledger(trx);
    const refused = new Map<string, string>();
    for (const account of accounts) {
      const refusal = await ledger.admit({ tenantId: account.tenantId, path: account.orgPath });
      if (refusal) refused.set(account.id, refusal.message);
    }
    return refused;
  }

  /**
   * After seats were taken or freed at `place`: today's point of each contract above it, and the
   * warning when use crossed its threshold (once per crossing; falling back below re-arms it).
   */
  async seatsChanged(trx: Executor, place: SeatPlace): Promise<void> {
    for (const contract of await this.repo.covering(trx, place.tenantId, place.path, this.today())) {
      const usage = await this.repo.usage(trx, contract.tenantId, contract.orgPath);
      await this.repo.saveSnapshot(trx, { contractId: contract.id, day: this.today(), ...usage, seats: contract.seats });
      const used = usage.active + usage.invited;
      const over = used * 100 >= contract.warnAt * contract.seats;
      if (over && !contract.warnedAt) {
        const crossedAt = this.clock.now().toISOString();
        await this.repo.update(trx, contract.id, { warnedAt: crossedAt });
        await this.warnings.send(trx, contract, used, crossedAt);
      } else if (!over && contract.warnedAt) {
        await this.repo.update(trx, contract.id, { warnedAt: null });
      }
    }
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  private toContract(row: SeatContractRow, orgName: string): SeatContract {
    const today = this.today();
    return {
      id: row.id,
      orgId: row.orgId,
      orgName,
      seats: row.seats,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      warnAt: row.warnAt,
      mode: row.mode as SeatMode,
      current: row.startsOn <= today && today <= row.endsOn,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}

/** What a seat check needs of an account: where it is and whether it holds a seat. */
export type SeatHolder = Pick<AccountWithOrg, 'id' | 'tenantId' | 'orgPath' | 'status'>;

function contractFields(row: SeatContractRow): Record<string, unknown> {
  return { orgId: row.orgId, seats: row.seats, startsOn: row.startsOn, endsOn: row.endsOn, warnAt: row.warnAt, mode: row.mode };
}

function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}

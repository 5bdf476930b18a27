import type { SeatContractRow } from '../../db/schema.ts';

/** Where a seat is taken: the tenant and the materialized path of the account's organization. */
export interface SeatPlace {
  tenantId: string;
  path: string;
}

/** Why a place has no free seat: the contract that is full, in words and in details for the client. */
export interface SeatRefusal {
  message: string;
  details: { contractId: string; orgId: string; seats: number; used: number };
}

/**
 * Counts seats taken within one transaction: the first time a contract is met its row is locked and its
 * use counted; every seat admitted after that adds one, so a batch (an import, a bulk reactivation)
 * fills exactly the seats left and no more.
 */
export class SeatLedger {
  private readonly used = new Map<string, number>();
  /** The contracts above each place, read once per ledger: an import asks for every row of a batch. */
  private readonly contractsAt = new Map<string, Promise<SeatContractRow[]>>();

  constructor(
    private readonly contractsFor: (place: SeatPlace) => Promise<SeatContractRow[]>,
    private readonly lockAndCount: (contract: SeatContractRow) => Promise<number>,
    private readonly orgNameOf: (contract: SeatContractRow) => Promise<string>,
  ) {}

  /**
   * Takes `count` seats at `place` under every blocking contract above it, or says which one is full
   * (taking none). `from`: the path where these seats are held now (a move): a contract covering it
   * already counts them, so only the contracts the move enters are asked for a seat.
   */
  async admit(place: SeatPlace, count = 1, from?: string): Promise<SeatRefusal | null> {
    const key = `${place.tenantId} ${place.path}`;
    let above = this.contractsAt.get(key);
    if (!above) this.contractsAt.set(key, (above = this.contractsFor(place)));
    const contracts = (await above).filter((c) => c.mode === 'block' && !(from && from.startsWith(c.orgPath)));
    for (const contract of contracts) {
      const used = await this.usedUnder(contract);
      if (used + count > contract.seats) {
        const name = await this.orgNameOf(contract);
        return {
          message: `${name} has no free seat: ${used} of its ${contract.seats} seats are taken (active accounts and pending invitations). Archive accounts or raise the contract.`,
          details: { contractId: contract.id, orgId: contract.orgId, seats: contract.seats, used },
        };
      }
    }
    for (const contract of contracts) this.used.set(contract.id, ((await this.usedUnder(contract)) as number) + count);
    return null;
  }

  private async usedUnder(contract: SeatContractRow): Promise<number> {
    let used = this.used.get(contract.id);
    if (used === undefined) {
      used = await this.lockAndCount(contract);
      this.used.set(contract.id, used);
    }
    return used;
  }
}

/** Seats are held by active accounts and by invited ones whose link has not expired (their own status). */
export function holdsSeat(status: string): boolean {
  return status === 'active' || status === 'invited';
}

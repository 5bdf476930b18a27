import type { Executor } from '../../db/connection.ts';
import type { InvitationRow } from '../../db/schema.ts';
import { prefixUpperBound } from '../../db/transaction.ts';
import type { InvitationStatus } from '../../../common/schemas/invitations.ts';

/** An invitation with what the list shows of its account, role, organization and group. */
export interface InvitationWithDetails extends InvitationRow {
  email: string;
  firstName: string;
  lastName: string;
  accountStatus: string;
  orgName: string;
  roleKey: string;
  roleLabel: string;
  groupName: string | null;
}

export interface InvitationFilter {
  tenantId: string | null;
  roots: 'all' | readonly string[];
  status?: InvitationStatus;
  /** The moment against which pending and expired are told apart (an invitation past its date is expired before the sweep marks its account). */
  now: string;
  orgPath?: string;
  invitedBy?: string;
  before?: [string, string];
  limit: number;
}

export class InvitationsRepository {
  async insert(db: Executor, row: InvitationRow): Promise<void> {
    await db.insertInto('invitations').values(row).execute();
  }

  async update(db: Executor, id: string, changes: Partial<InvitationRow>): Promise<void> {
    await db.updateTable('invitations').set(changes).where('id', '=', id).execute();
  }

  async getById(db: Executor, id: string): Promise<InvitationWithDetails | undefined> {
    return this.select(db).where('i.id', '=', id).executeTakeFirst();
  }

  async getByAccount(db: Executor, accountId: string): Promise<InvitationWithDetails | undefined> {
    return this.select(db).where('i.accountId', '=', accountId).executeTakeFirst();
  }

  /** Newest first, keyset-paged on (createdAt, id). */
  async list(db: Executor, f: InvitationFilter): Promise<InvitationWithDetails[]> {
    if (f.roots !== 'all' && f.roots.length === 0) return [];
    let q = this.select(db);
    if (f.tenantId) q = q.where('i.tenantId', '=', f.tenantId);
    const roots = f.roots;
    if (roots !== 'all') {
      q = q.where((eb) => eb.or(roots.map((p) => eb.and([eb('i.orgPath', '>=', p), eb('i.orgPath', '<', prefixUpperBound(p))]))));
    }
    if (f.orgPath) q = q.where('i.orgPath', '>=', f.orgPath).where('i.orgPath', '<', prefixUpperBound(f.orgPath));
    if (f.invitedBy) q = q.where('i.invitedBy', '=', f.invitedBy);
    // The same rules as invitationStatus() (invitation-view.ts), so a tab lists exactly the rows that show its status.
    if (f.status === 'revoked') q = q.where('i.revokedAt', 'is not', null);
    if (f.status === 'accepted') {
      q = q.where('i.revokedAt', 'is', null).where((eb) => eb.or([eb('i.acceptedAt', 'is not', null), eb('a.status', '=', 'active')]));
    }
    if (f.status === 'pending' || f.status === 'expired') {
      q = q.where('i.revokedAt', 'is', null).where('i.acceptedAt', 'is', null).where('a.status', '!=', 'active');
      const now = f.now;
      q =
        f.status === 'pending'
          ? q.where('a.status', '!=', 'expired').where('i.expiresAt', '>', now)
          : q.where((eb) => eb.or([eb('a.status', '=', 'expired'), eb('i.expiresAt', '<=', now)]));
    }
    if (f.before) {
      const [at, id] = f.before;
      q = q.where((eb) => eb.or([eb('i.createdAt', '<', at), eb.and([eb('i.createdAt', '=', at), eb('i.id', '<', id)])]));
    }
    return q.orderBy('i.createdAt', 'desc').orderBy('i.id', 'desc').limit(f.limit).execute();
  }

  private select(db: Executor) {
    return db
      .selectFrom('invitations as i')
      .innerJoin('accounts as a', 'a.id', 'i.accountId')
      .innerJoin('organizations as o', 'o.id', 'i.orgId')
      .innerJoin('roles as r', 'r.id', 'i.roleId')
      .leftJoin('groups as g', 'g.id', 'i.groupId')
      .selectAll('i')
      .select([
        'a.email',
        'a.firstName',
        'a.lastName',
        'a.status as accountStatus',
        'o.name as orgName',
        'r.key as roleKey',
        'r.label as roleLabel',
        'g.name as groupName',
      ]);
  }
}

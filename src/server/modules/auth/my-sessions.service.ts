import type { MySession, SignedOutOthers } from '../../../common/schemas/my-account.ts';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { forbidden, unauthenticated } from '../../platform/errors.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { SessionsRepository } from './sessions.repository.ts';

/** "My account": where the signed-in person is signed in, and signing out everywhere else. */
export class MySessionsService {
  constructor(
    private readonly db: Db,
    private readonly sessions: SessionsRepository,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, currentSessionId: string | undefined): Promise<MySession[]> {
    const accountId = requirePerson(actor);
    const rows = await this.sessions.listByAccount(this.db, accountId, this.clock.now().toISOString());
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      expiresAt: row.expiresAt,
      clientIp: row.clientIp,
      userAgent: row.userAgent,
      current: row.id === currentSessionId,
    }));
  }

  /**
   * Ends every session of the person but the one asking. Only from a signed-in session: an API token (a
   * script, or someone who found one) is not the person at a browser, and must not sign them out everywhere.
   */
  async signOutOthers(actor: Actor, currentSessionId: string | undefined): Promise<SignedOutOthers> {
    const accountId = requirePerson(actor);
    if (!currentSessionId) throw forbidden('Sign out everywhere else from the console, signed in: an API token cannot do it.');
    return inTransaction(this.db, async (trx) => {
      const ended = await this.sessions.deleteOthers(trx, accountId, currentSessionId);
      const account = await this.accounts.getRecord(trx, accountId);
      await this.audit.record(trx, actor, {
        action: 'auth.signed_out_elsewhere',
        targetType: 'account',
        targetId: accountId,
        tenantId: account?.tenantId ?? null,
        orgPath: account?.orgPath ?? null,
        after: { ended },
      });
      return { ended };
    });
  }
}

function requirePerson(actor: Actor): string {
  if (!actor.accountId) throw unauthenticated('Sign in as a person to see your sessions.');
  return actor.accountId;
}

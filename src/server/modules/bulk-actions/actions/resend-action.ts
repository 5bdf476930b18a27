import { Permissions } from '../../../../common/permissions.ts';
import { AppError } from '../../../platform/errors.ts';
import type { ActivationService } from '../../onboarding/activation.service.ts';
import type { InvitationsService } from '../../invitations/invitations.service.ts';
import type { BulkActionHandler, ItemOutcome } from './action-types.ts';

/**
 * A new link for each invited or expired account: an invitation's own email where the account came
 * from one, an activation link otherwise. Each send is its own transaction (the services' own), so a
 * retried batch may send a link twice, never lose one.
 */
export function resendInvitationAction(activation: ActivationService, invitations: InvitationsService): BulkActionHandler {
  return {
    permission: Permissions.accountsLifecycle,
    batchSize: 50,
    changesAccounts: true,
    ownTransactions: true,
    prepare: async () => ({}),
    async apply(_db, actor, accounts) {
      const out = new Map<string, ItemOutcome>();
      for (const account of accounts) {
        if (account.status !== 'invited' && account.status !== 'expired') {
          out.set(account.id, { outcome: 'skipped', message: `Not waiting for registration (${account.status}).` });
          continue;
        }
        try {
          const invitationId = await invitations.invitationIdOf(account.id);
          if (invitationId) await invitations.resendInvitation(actor, invitationId);
          else await activation.sendActivation(actor, account.id);
          out.set(account.id, { outcome: 'succeeded', message: 'A new link was sent.' });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          out.set(account.id, { outcome: 'failed', reason: error.code, message: error.message });
        }
      }
      return out;
    },
  };
}

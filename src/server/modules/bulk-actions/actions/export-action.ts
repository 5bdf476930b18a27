import { Permissions } from '../../../../common/permissions.ts';
import type { BulkActionHandler, ItemOutcome } from './action-types.ts';

/**
 * Export: records the selection; the file (GET /api/bulk-actions/:id/export.csv or .xlsx) is written
 * from it when downloaded, with the accounts' values at that moment. Nothing changes, so no threshold.
 */
export function exportAction(): BulkActionHandler {
  return {
    permission: Permissions.accountsRead,
    batchSize: 5000,
    changesAccounts: false,
    prepare: async () => ({}),
    async apply(_trx, _actor, accounts) {
      return new Map<string, ItemOutcome>(accounts.map((a) => [a.id, { outcome: 'succeeded', message: 'In the export.' }]));
    },
  };
}

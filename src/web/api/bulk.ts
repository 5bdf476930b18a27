import type { BulkAction, BulkResult, CreateBulkActionInput } from '../../common/schemas/bulk-actions.ts';
import type { CreateSeatContractInput, SeatContract, SeatsView, UpdateSeatContractInput } from '../../common/schemas/seats.ts';
import { get, patch, post, withQuery } from './client.ts';

export type { BulkAction, BulkResult, CreateBulkActionInput, SeatContract, SeatsView };

export const bulkApi = {
  create: (input: CreateBulkActionInput) => post<BulkAction>('/api/bulk-actions', input),
  get: (id: string) => get<BulkAction>(`/api/bulk-actions/${encodeURIComponent(id)}`),
  results: (id: string, query: { outcome?: string; cursor?: string; limit?: number }) =>
    get<{ items: BulkResult[]; nextCursor: string | null }>(`/api/bulk-actions/${encodeURIComponent(id)}/results`, query),
  undo: (id: string) => post<BulkAction>(`/api/bulk-actions/${encodeURIComponent(id)}/undo`),
  exportUrl: (id: string, format: 'csv' | 'xlsx') => withQuery(`/api/bulk-actions/${encodeURIComponent(id)}/export`, { format }),
};

export const seatsApi = {
  contracts: (orgId?: string) => get<{ items: SeatContract[] }>('/api/seat-contracts', { orgId }).then((r) => r.items),
  createContract: (input: CreateSeatContractInput) => post<SeatContract>('/api/seat-contracts', input),
  updateContract: (id: string, input: UpdateSeatContractInput) =>
    patch<SeatContract>(`/api/seat-contracts/${encodeURIComponent(id)}`, input),
  seats: (orgId: string) => get<SeatsView>('/api/seats', { orgId }),
};

import type { CreatedScimToken, CreateScimTokenInput, ScimToken } from '../../common/schemas/scim-tokens.ts';
import { get, post } from './client.ts';

export type { CreatedScimToken, ScimToken };

/** SCIM tokens for identity providers (Settings → SCIM). */
export const scimTokensApi = {
  list: () => get<{ items: ScimToken[] }>('/api/scim/tokens').then((r) => r.items),
  create: (input: CreateScimTokenInput) => post<CreatedScimToken>('/api/scim/tokens', input),
  revoke: (id: string) => post<ScimToken>(`/api/scim/tokens/${encodeURIComponent(id)}/revoke`),
};

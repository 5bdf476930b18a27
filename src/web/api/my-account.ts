import type { MySession, SignedOutOthers } from '../../common/schemas/my-account.ts';
import type { ApiToken, CreateTokenInput } from '../../common/schemas/tokens.ts';
import { get, post } from './client.ts';

export type { ApiToken, MySession };

/** The signed-in person's own API tokens: the secret comes back once, when made. */
export const tokensApi = {
  list: () => get<{ items: ApiToken[] }>('/api/tokens').then((r) => r.items),
  create: (input: CreateTokenInput) => post<ApiToken & { token: string }>('/api/tokens', input),
  revoke: (id: string) => post<ApiToken>(`/api/tokens/${encodeURIComponent(id)}/revoke`),
};

/** Where the signed-in person is signed in. */
export const sessionsApi = {
  list: () => get<{ items: MySession[] }>('/api/auth/sessions').then((r) => r.items),
  signOutOthers: () => post<SignedOutOthers>('/api/auth/sessions/sign-out-others'),
};

import type { LightMyRequestResponse } from 'fastify';
import type { Session, TestContext } from './context.ts';
import type { OrgRef } from './factories.ts';

export const userUrn = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const groupUrn = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const enterpriseUrn = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const patchUrn = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const errorUrn = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** A SCIM request as identity providers send it: bearer token, application/scim+json. */
export function scim(
  ctx: TestContext,
  token: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method,
    url: `/scim/v2${url}`,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

/** A SCIM token made through the console's API by `as`, landing new users in `org`. */
export async function scimToken(
  ctx: TestContext,
  as: Session,
  org: OrgRef,
  name = 'Identity provider',
): Promise<{ id: string; token: string }> {
  const response = await ctx.call('POST', '/api/scim/tokens', { as, body: { name, orgId: org.id } });
  if (response.statusCode !== 201) throw new Error(`scim token: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** A core User with the given names, as a provider would POST it. */
export function scimUser(userName: string, more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [userUrn],
    userName,
    name: { givenName: 'Ana', familyName: 'Lopez' },
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
    ...more,
  };
}

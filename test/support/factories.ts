import type { TestContext, Session } from './context.ts';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export interface OrgRef {
  id: string;
  name: string;
  tenantId: string;
}

/** Creates an organization through the API as the root administrator; a missing parent makes a tenant. */
export async function createOrg(
  ctx: TestContext,
  name: string,
  parent?: OrgRef | string,
  kind = parent ? 'county' : 'state',
): Promise<OrgRef> {
  const parentId = typeof parent === 'string' ? parent : parent?.id;
  const response = await ctx.call('POST', '/api/orgs', {
    as: ctx.root,
    body: { name: `${name}`, kind, ...(parentId ? { parentId } : {}) },
  });
  if (response.statusCode !== 201) throw new Error(`createOrg ${name}: ${response.statusCode} ${response.body}`);
  return response.json();
}

export interface AccountRef {
  id: string;
  email: string;
  password?: string;
}

export interface NewAccount {
  orgId: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  role?: string;
  password?: string;
  [field: string]: unknown;
}

export async function createAccount(
  ctx: TestContext,
  input: NewAccount,
  as: Session = ctx.root,
): Promise<AccountRef & Record<string, unknown>> {
  const id = unique();
  const body = { firstName: 'Test', lastName: `Person${id}`, email: `person-${id}@example.org`, ...input };
  const response = await ctx.call('POST', '/api/accounts', { as, body });
  if (response.statusCode !== 201) throw new Error(`createAccount: ${response.statusCode} ${response.body}`);
  return { ...response.json(), password: input.password };
}

/**
 * An administrator of `org` whose temporary password has already been changed, signed in.
 * Returns the session and the account.
 */
export async function signedInAdmin(ctx: TestContext, org: OrgRef, role = 'admin'): Promise<{ session: Session; account: AccountRef }> {
  const temporary = `Temp-${unique()}-pass`;
  const account = await createAccount(ctx, { orgId: org.id, role, password: temporary });
  const first = await ctx.signIn(account.email, temporary);
  const finalPassword = `Chosen-${unique()}-pass`;
  const change = await ctx.call('POST', '/api/auth/change-password', {
    as: first,
    body: { currentPassword: temporary, newPassword: finalPassword },
  });
  if (change.statusCode !== 200) throw new Error(`change-password: ${change.statusCode} ${change.body}`);
  return { session: first, account: { ...account, password: finalPassword } };
}

export const uniqueSuffix = unique;

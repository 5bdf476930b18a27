import type { ScimAccountsService } from '../accounts/scim-accounts.service.ts';
import type { ApiInstance } from '../../platform/route-types.ts';
import { project } from './attributes.ts';
import { ifMatchNumber, noneMatchHolds } from './etag.ts';
import { applyPatch } from './patch.ts';
import { scimInvalid } from './scim-errors.ts';
import { userFilter } from './scim-filter.ts';
import { scimBase, scimCaller } from './scim-request.ts';
import { idParamsSchema, listQuerySchema, paging, patchBodySchema, projectionQuerySchema, resourceBodySchema } from './scim-schemas.ts';
import { defaultPageSize, maxPageSize, Urn } from './scim-urns.ts';
import { toScimUser, userInputFrom } from './user-resource.ts';

const hide = true;

/** /Users: accounts, through ScimAccountsService (the accounts module's rules, reach and audit). */
export function scimUsersRoutes(app: ApiInstance, accounts: ScimAccountsService): void {
  app.get('/Users', { schema: { hide, querystring: listQuerySchema } }, async (request) => {
    const caller = scimCaller(request);
    const { query } = request;
    if (query.sortBy) throw scimInvalid('invalidValue', 'Sorting is not supported (see ServiceProviderConfig).');
    const filter = query.filter?.trim() ? userFilter(query.filter) : undefined;
    const { startIndex, count } = paging(query, maxPageSize, defaultPageSize);
    const page = await accounts.list(caller.actor, caller.tenantId, filter, startIndex - 1, count);
    const base = scimBase(request);
    return {
      schemas: [Urn.listResponse],
      totalResults: page.total,
      startIndex,
      itemsPerPage: page.items.length,
      Resources: page.items.map((r) => project({ ...toScimUser(r, base) }, query.attributes, query.excludedAttributes)),
    };
  });

  app.get('/Users/:id', { schema: { hide, params: idParamsSchema, querystring: projectionQuerySchema } }, async (request, reply) => {
    const caller = scimCaller(request);
    const record = await accounts.get(caller.actor, caller.tenantId, request.params.id);
    const user = toScimUser(record, scimBase(request));
    void reply.header('etag', user.meta.version);
    if (noneMatchHolds(request.headers['if-none-match'], user.meta.version)) return reply.code(304).send();
    return project({ ...user }, request.query.attributes, request.query.excludedAttributes);
  });

  app.post('/Users', { schema: { hide, body: resourceBodySchema } }, async (request, reply) => {
    const caller = scimCaller(request);
    const record = await accounts.create(caller.actor, caller.tenantId, caller.landingOrgId, userInputFrom(request.body));
    const user = toScimUser(record, scimBase(request));
    return reply.code(201).header('etag', user.meta.version).header('location', user.meta.location).send(user);
  });

  app.put('/Users/:id', { schema: { hide, params: idParamsSchema, body: resourceBodySchema } }, async (request, reply) => {
    const { actor, tenantId } = scimCaller(request);
    const expected = ifMatchNumber(request.headers['if-match']);
    const record = await accounts.replace(actor, tenantId, request.params.id, userInputFrom(request.body), expected);
    const user = toScimUser(record, scimBase(request));
    return reply.header('etag', user.meta.version).send(user);
  });

  app.patch('/Users/:id', { schema: { hide, params: idParamsSchema, body: patchBodySchema } }, async (request, reply) => {
    const { actor, tenantId } = scimCaller(request);
    if (!request.body.schemas.includes(Urn.patchOp)) throw scimInvalid('invalidValue', `A PATCH body's schemas must list ${Urn.patchOp}.`);
    const current = await accounts.get(actor, tenantId, request.params.id);
    const expected = ifMatchNumber(request.headers['if-match']);
    const base = scimBase(request);
    const patched = applyPatch({ ...toScimUser(current, base) }, request.body.Operations);
    // The version read above guards the write: a change made in between answers 412 rather than being lost.
    const input = userInputFrom(withoutReadOnly(patched));
    const record = await accounts.replace(actor, tenantId, current.account.id, input, expected ?? current.version, current);
    const user = toScimUser(record, base);
    return reply.header('etag', user.meta.version).send(user);
  });

  app.delete('/Users/:id', { schema: { hide, params: idParamsSchema } }, async (request, reply) => {
    const { actor, tenantId } = scimCaller(request);
    await accounts.remove(actor, tenantId, request.params.id, ifMatchNumber(request.headers['if-match']));
    return reply.code(204).send();
  });
}

/** What the service itself writes on a resource is not read back from a patched copy. */
function withoutReadOnly(resource: Record<string, unknown>): Record<string, unknown> {
  const { meta: _meta, displayName: _displayName, ...rest } = resource;
  return rest;
}

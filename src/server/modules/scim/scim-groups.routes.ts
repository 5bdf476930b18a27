import type { ScimGroupsService } from '../groups/scim-groups.service.ts';
import type { ApiInstance } from '../../platform/route-types.ts';
import { project } from './attributes.ts';
import { ifMatchVersion, noneMatchHolds } from './etag.ts';
import { groupInputFrom, toScimGroup } from './group-resource.ts';
import { applyPatch } from './patch.ts';
import { scimInvalid } from './scim-errors.ts';
import { groupFilter } from './scim-filter.ts';
import { scimBase, scimCaller } from './scim-request.ts';
import { idParamsSchema, listQuerySchema, paging, patchBodySchema, projectionQuerySchema, resourceBodySchema } from './scim-schemas.ts';
import { defaultPageSize, maxPageSize, Urn } from './scim-urns.ts';

const hide = true;

/** /Groups: Registrar's groups, through ScimGroupsService (the groups module's reach and audit). */
export function scimGroupsRoutes(app: ApiInstance, groups: ScimGroupsService): void {
  app.get('/Groups', { schema: { hide, querystring: listQuerySchema } }, async (request) => {
    const caller = scimCaller(request);
    const { query } = request;
    if (query.sortBy) throw scimInvalid('invalidValue', 'Sorting is not supported (see ServiceProviderConfig).');
    const match = query.filter?.trim() ? groupFilter(query.filter) : undefined;
    const { startIndex, count } = paging(query, maxPageSize, defaultPageSize);
    const page = await groups.list(caller.actor, caller.tenantId, match, startIndex - 1, count);
    const base = scimBase(request);
    return {
      schemas: [Urn.listResponse],
      totalResults: page.total,
      startIndex,
      itemsPerPage: page.items.length,
      Resources: page.items.map((g) => project(toScimGroup(g, base), query.attributes, query.excludedAttributes)),
    };
  });

  app.get('/Groups/:id', { schema: { hide, params: idParamsSchema, querystring: projectionQuerySchema } }, async (request, reply) => {
    const caller = scimCaller(request);
    const group = toScimGroup(await groups.get(caller.actor, caller.tenantId, request.params.id), scimBase(request));
    void reply.header('etag', group.meta.version);
    if (noneMatchHolds(request.headers['if-none-match'], group.meta.version)) return reply.code(304).send();
    return project(group, request.query.attributes, request.query.excludedAttributes);
  });

  app.post('/Groups', { schema: { hide, body: resourceBodySchema } }, async (request, reply) => {
    const caller = scimCaller(request);
    const group = toScimGroup(
      await groups.create(caller.actor, caller.tenantId, caller.landingOrgId, groupInputFrom(request.body)),
      scimBase(request),
    );
    return reply.code(201).header('etag', group.meta.version).header('location', group.meta.location).send(group);
  });

  app.put('/Groups/:id', { schema: { hide, params: idParamsSchema, body: resourceBodySchema } }, async (request, reply) => {
    const { actor, tenantId } = scimCaller(request);
    const record = await groups.replace(
      actor,
      tenantId,
      request.params.id,
      groupInputFrom(request.body),
      ifMatchVersion(request.headers['if-match']),
    );
    const group = toScimGroup(record, scimBase(request));
    return reply.header('etag', group.meta.version).send(group);
  });

  app.patch('/Groups/:id', { schema: { hide, params: idParamsSchema, body: patchBodySchema } }, async (request, reply) => {
    const { actor, tenantId } = scimCaller(request);
    if (!request.body.schemas.includes(Urn.patchOp)) throw scimInvalid('invalidValue', `A PATCH body's schemas must list ${Urn.patchOp}.`);
    const current = await groups.get(actor, tenantId, request.params.id);
    const base = scimBase(request);
    const { meta: _meta, ...resource } = toScimGroup(current, base);
    const patched = applyPatch({ ...resource, members: resource.members.map((m) => ({ value: m.value })) }, request.body.Operations);
    const expected = ifMatchVersion(request.headers['if-match']) ?? current.version;
    const group = toScimGroup(await groups.replace(actor, tenantId, current.group.id, groupInputFrom(patched), expected), base);
    // RFC 7644 §3.5.2: a PATCH may answer 204; identity providers read the group back when they need it.
    return reply.header('etag', group.meta.version).send(group);
  });

  app.delete('/Groups/:id', { schema: { hide, params: idParamsSchema } }, async (request, reply) => {
    const { actor, tenantId } = scimCaller(request);
    await groups.remove(actor, tenantId, request.params.id, ifMatchVersion(request.headers['if-match']));
    return reply.code(204).send();
  });
}

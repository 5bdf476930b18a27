import { z } from 'zod';
import type { ApiInstance } from '../../platform/route-types.ts';
import { scimInvalid } from './scim-errors.ts';
import { resourceTypeDocuments, schemaDocuments, serviceProviderConfig } from './scim-discovery.ts';
import { scimBase } from './scim-request.ts';
import { Urn } from './scim-urns.ts';
import { notFound } from '../../platform/errors.ts';

const hidden = { hide: true } as const;
const idParams = z.object({ id: z.string().min(1).max(200) });
const noQuery = z.object({}).catchall(z.string().max(2000));

const listOf = (items: unknown[]) => ({
  schemas: [Urn.listResponse],
  totalResults: items.length,
  startIndex: 1,
  itemsPerPage: items.length,
  Resources: items,
});

/** ServiceProviderConfig, ResourceTypes and Schemas: what this service supports, truthfully. */
export function scimDiscoveryRoutes(app: ApiInstance): void {
  app.get('/ServiceProviderConfig', { schema: { ...hidden, querystring: noQuery } }, async (request) =>
    serviceProviderConfig(scimBase(request)),
  );
  app.get('/ResourceTypes', { schema: { ...hidden, querystring: noQuery } }, async (request) =>
    listOf(resourceTypeDocuments(scimBase(request))),
  );
  app.get('/ResourceTypes/:id', { schema: { ...hidden, params: idParams } }, async (request) => {
    const found = resourceTypeDocuments(scimBase(request)).find((r) => r.id === request.params.id);
    if (!found) throw notFound(`The resource type ${request.params.id}`);
    return found;
  });
  app.get('/Schemas', { schema: { ...hidden, querystring: noQuery } }, async (request) => {
    if (request.query.filter) throw scimInvalid('invalidFilter', 'Schemas cannot be filtered.');
    return listOf(schemaDocuments(scimBase(request)));
  });
  app.get('/Schemas/:id', { schema: { ...hidden, params: idParams } }, async (request) => {
    const found = schemaDocuments(scimBase(request)).find((s) => s.id === request.params.id);
    if (!found) throw notFound(`The schema ${request.params.id}`);
    return found;
  });
}

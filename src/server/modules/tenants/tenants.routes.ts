import { z } from 'zod';
import { tenantSettingsViewSchema, updateTenantSettingsSchema } from '../../../common/schemas/tenant-settings.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, type ApiInstance } from '../../platform/route-types.ts';
import type { TenantSettingsService } from './tenant-settings.service.ts';

const params = z.object({ tenantId: z.string().min(1).max(64) });

export function tenantsRoutes(app: ApiInstance, settings: TenantSettingsService): void {
  const tags = ['Tenants'];
  app.get(
    '/api/tenants/:tenantId/settings',
    {
      schema: {
        tags,
        summary: 'A tenant’s settings: onboarding mode, registration window, temporary password in the welcome',
        params,
        response: { 200: tenantSettingsViewSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => settings.getSettings(actorOf(request), request.params.tenantId),
  );

  app.patch(
    '/api/tenants/:tenantId/settings',
    {
      schema: {
        tags,
        summary: 'Change a tenant’s settings (global administrators and the tenant’s administrators)',
        params,
        body: updateTenantSettingsSchema,
        response: { 200: tenantSettingsViewSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => settings.updateSettings(actorOf(request), request.params.tenantId, request.body),
  );
}

import type { FastifyRequest } from 'fastify';
import type { ScimCaller } from '../auth/scim-auth.service.ts';
import { unauthenticated } from '../../platform/errors.ts';

export const scimContentType = 'application/scim+json';

declare module 'fastify' {
  interface FastifyRequest {
    scim: ScimCaller | undefined;
  }
}

/** The caller of a SCIM route (the plugin's hook has authenticated every request before routing). */
export function scimCaller(request: FastifyRequest): ScimCaller {
  if (!request.scim) throw unauthenticated('Send a SCIM token as "Authorization: Bearer <token>".');
  return request.scim;
}

/** The address of this SCIM service as the client reached it, for meta.location. */
export function scimBase(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/scim/v2`;
}

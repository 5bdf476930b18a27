import { Permissions } from '../../../common/permissions.ts';
import { can, reach, type Actor } from '../../platform/actor.ts';
import { notFound } from '../../platform/errors.ts';
import type { RequestWithNames } from './account-requests.repository.ts';

/**
 * Who sees a request: the handlers of the subtree it names (requests.handle there; a request naming no
 * organization sits at the tenant's root), and the person it was handed to. Anyone else gets 404.
 */
export function seesRequest(actor: Actor, row: Pick<RequestWithNames, 'tenantId' | 'orgPath' | 'redirectedToId'>): boolean {
  if (actor.isGlobalAdmin) return true;
  if (row.tenantId !== actor.tenantId) return false;
  if (actor.accountId !== null && row.redirectedToId === actor.accountId) return true;
  return can(actor, Permissions.requestsHandle, row.orgPath);
}

export function requireSeen<T extends Pick<RequestWithNames, 'tenantId' | 'orgPath' | 'redirectedToId'>>(
  actor: Actor,
  row: T | undefined,
): T {
  if (!row || !seesRequest(actor, row)) throw notFound('The request');
  return row;
}

/** Handlers only: the person a request was handed to answers and resolves it, but does not hand it on. */
export function handles(actor: Actor, orgPath: string): boolean {
  return can(actor, Permissions.requestsHandle, orgPath);
}

export function handlerRoots(actor: Actor): 'all' | string[] {
  return reach(actor, Permissions.requestsHandle);
}

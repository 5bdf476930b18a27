import type { Actor } from '../../platform/actor.ts';

/** What the console shows of the signed-in person's reach: each role and where it is held. */
export function permissionsSummary(actor: Actor) {
  return actor.grants.map((g) => ({ roleKey: g.roleKey, orgId: g.orgId, permissions: [...g.permissions] }));
}

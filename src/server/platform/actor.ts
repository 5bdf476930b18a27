import type { AuditSource, Permission } from '../../common/permissions.ts';
import { forbidden } from './errors.ts';

/** One role held at one organization: its permissions reach that organization's subtree. */
export interface Grant {
  readonly roleKey: string;
  readonly orgId: string;
  readonly orgPath: string;
  readonly permissions: ReadonlySet<string>;
  readonly mayGrant: readonly string[];
  /** Role keys the holder may invite people into (absent on grants made before invitations). */
  readonly mayInvite?: readonly string[];
}

/** Who is acting, with what reach, through which interface. Every service call receives one. */
export interface Actor {
  readonly accountId: string | null;
  readonly label: string;
  readonly tenantId: string | null;
  readonly isGlobalAdmin: boolean;
  readonly grants: readonly Grant[];
  readonly source: AuditSource;
  readonly requestId?: string;
  readonly jobId?: string;
  /** The acting person's name as it was when the actor was built (emails they cause sign with it); absent for the system. */
  readonly person?: { readonly firstName: string; readonly lastName: string };
}

/** The operator at the command line acts as the system itself, with global reach. */
export function systemActor(source: AuditSource, label = 'system'): Actor {
  return { accountId: null, label, tenantId: null, isGlobalAdmin: true, grants: [], source };
}

/** True when the actor holds `permission` over the organization at `orgPath`. */
export function can(actor: Actor, permission: Permission, orgPath: string): boolean {
  if (actor.isGlobalAdmin) return true;
  return actor.grants.some((g) => g.permissions.has(permission) && orgPath.startsWith(g.orgPath));
}

/**
 * The subtree roots where the actor holds `permission`, or 'all' for global administrators.
 * Nested roots are dropped: a grant at a county makes one at its site redundant.
 */
export function reach(actor: Actor, permission: Permission): 'all' | string[] {
  if (actor.isGlobalAdmin) return 'all';
  const paths = actor.grants.filter((g) => g.permissions.has(permission)).map((g) => g.orgPath);
  return paths.filter((p) => !paths.some((other) => other !== p && p.startsWith(other)));
}

/** `reach`, for a list the actor must be allowed to see at all: holding `permission` nowhere is refused with `refusal`. */
export function requireReach(actor: Actor, permission: Permission, refusal: string): 'all' | string[] {
  const roots = reach(actor, permission);
  if (roots !== 'all' && roots.length === 0) throw forbidden(refusal);
  return roots;
}

/** True when the actor may hand out `roleKey` at the organization at `orgPath`. */
export function mayGrantRole(actor: Actor, roleKey: string, orgPath: string): boolean {
  if (actor.isGlobalAdmin) return true;
  return actor.grants.some((g) => orgPath.startsWith(g.orgPath) && (g.mayGrant.includes(roleKey) || managesCatalog(g)));
}

/**
 * Whoever edits the tenant's role catalog (roles.manage at its top organization) could list any role
 * in their own mayGrant; they may give and invite every role without doing so.
 */
function managesCatalog(grant: Grant): boolean {
  return grant.permissions.has('roles.manage') && /^\/[^/]+\/$/.test(grant.orgPath);
}

/** True when the actor may invite someone into `roleKey` at the organization at `orgPath`. */
export function mayInviteRole(actor: Actor, roleKey: string, orgPath: string): boolean {
  if (actor.isGlobalAdmin) return true;
  return actor.grants.some((g) => orgPath.startsWith(g.orgPath) && ((g.mayInvite ?? []).includes(roleKey) || managesCatalog(g)));
}

/** The tenant-wide administrator: the admin role held at the tenant's root organization. */
export function isTenantAdministrator(actor: Actor, tenantId: string): boolean {
  if (actor.isGlobalAdmin) return true;
  return actor.tenantId === tenantId && actor.grants.some((g) => g.orgPath === `/${tenantId}/` && g.roleKey === 'admin');
}

export function withSource(actor: Actor, source: AuditSource, extra: { requestId?: string; jobId?: string } = {}): Actor {
  return { ...actor, source, ...extra };
}

/** A request's resolved identity: the actor, whether a temporary password still gates it, and its session. */
export interface Authenticated {
  actor: Actor;
  mustChangePassword: boolean;
  sessionId?: string;
}

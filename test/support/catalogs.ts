import type { Session, TestContext } from './context.ts';

/** Adds a role to the catalog as `as`; fails the test when refused. */
export async function addRole(ctx: TestContext, as: Session, role: Record<string, unknown>): Promise<{ key: string; label: string }> {
  const response = await ctx.call('POST', '/api/roles', { as, body: role });
  if (response.statusCode !== 201) throw new Error(`addRole ${String(role.label)}: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** The educator guide's (seed 001) roles: four made in bulk, District Admin one at a time, Site Admins 1–2 per site. */
export async function educatorCatalog(ctx: TestContext, tenantAdmin: Session): Promise<void> {
  const educatorPermissions = ['accounts.read'];
  await addRole(ctx, tenantAdmin, { label: 'Educator', permissions: educatorPermissions, bulkCreatable: true });
  await addRole(ctx, tenantAdmin, { label: 'Counselor—Caseload Only', permissions: educatorPermissions, bulkCreatable: true });
  await addRole(ctx, tenantAdmin, { label: 'Counselor', permissions: educatorPermissions, bulkCreatable: true });
  const adminPermissions = ['accounts.read', 'accounts.write', 'accounts.lifecycle', 'imports.run', 'orgs.read', 'invitations.send'];
  await addRole(ctx, tenantAdmin, {
    key: 'site_admin',
    label: 'Site Admin',
    orgKinds: ['site'],
    permissions: adminPermissions,
    mayGrant: ['Educator', 'Counselor', 'counselor_caseload_only', 'site_admin'],
    mayInvite: ['Educator', 'Counselor', 'counselor_caseload_only', 'site_admin'],
    bulkCreatable: true,
    perOrgLimit: { max: 2, mode: 'block' },
  });
  await addRole(ctx, tenantAdmin, {
    key: 'district_admin',
    label: 'District Admin',
    orgKinds: ['district'],
    permissions: [...adminPermissions, 'orgs.write', 'audit.read', 'groups.manage'],
    mayGrant: ['Educator', 'Counselor', 'counselor_caseload_only', 'site_admin', 'district_admin'],
    mayInvite: ['Educator', 'Counselor', 'counselor_caseload_only', 'site_admin'],
    bulkCreatable: false,
  });
}

/** The coaching runbook's (seed 002) roles: program directors invite coachees, coach leads invite coaches into their default group. */
export async function coachingCatalog(ctx: TestContext, tenantAdmin: Session): Promise<void> {
  await addRole(ctx, tenantAdmin, { label: 'Coachee', bulkCreatable: true });
  await addRole(ctx, tenantAdmin, { label: 'Coach', permissions: ['accounts.read'] });
  await addRole(ctx, tenantAdmin, {
    label: 'Coach Lead',
    permissions: ['accounts.read', 'groups.manage', 'invitations.send'],
    mayInvite: ['Coach'],
  });
  await addRole(ctx, tenantAdmin, {
    label: 'Program Director',
    permissions: ['accounts.read', 'groups.manage', 'invitations.send'],
    mayInvite: ['Coachee'],
  });
}

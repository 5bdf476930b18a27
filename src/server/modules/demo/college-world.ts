import type { Organization } from '../../../common/schemas/organizations.ts';
import { demoPeople } from './demo-people.ts';
import type { DemoKit } from './demo-kit.ts';

export const collegeTenant = 'Pacific College Planning Network';
const world = 'College-planning platform (guide 001)';
const domain = 'pcpn.example.org';

const districts: Array<[string, string[]]> = [
  ['Harbor Unified School District', ['Harbor High', 'Lincoln High', 'Bayview Middle']],
  ['Valley Joint Union District', ['Valley Ridge High', 'Orchard Middle']],
];

/** Read-only helpers of students' plans; the district's roles differ in what they may do to accounts. */
const viewerPermissions = ['accounts.read', 'orgs.read'] as const;

/**
 * A college-planning network: districts and their schools, the guide's five educator roles (Site Admin
 * limited to 2 per school, four of the five creatable in bulk), the strict educator template, the
 * agreement to tick, educators already registered, and invitations still waiting.
 */
export async function loadCollege(kit: DemoKit): Promise<Organization> {
  const network = await kit.tenant(collegeTenant, 'network');
  kit.log(`${collegeTenant}: districts, schools, the five educator roles`);
  await kit.settings(network.id, {
    attestation: 'I confirm that the information I entered is correct and that these educators work at this school site.',
  });
  await kit.template(network.id, 'educators-strict');
  await kit.role(network.id, {
    key: 'educator',
    label: 'Educator',
    orgKinds: ['school'],
    permissions: [...viewerPermissions],
    bulkCreatable: true,
  });
  await kit.role(network.id, {
    key: 'counselor_caseload',
    label: 'Counselor—Caseload Only',
    orgKinds: ['school'],
    permissions: [...viewerPermissions],
    bulkCreatable: true,
  });
  await kit.role(network.id, {
    key: 'counselor',
    label: 'Counselor',
    orgKinds: ['school'],
    permissions: [...viewerPermissions],
    bulkCreatable: true,
  });
  const educatorRoles = ['educator', 'counselor_caseload', 'counselor', 'site_admin'];
  await kit.role(network.id, {
    key: 'site_admin',
    label: 'Site Admin',
    orgKinds: ['school'],
    permissions: ['accounts.read', 'accounts.write', 'accounts.lifecycle', 'orgs.read', 'imports.run', 'invitations.send', 'audit.read'],
    mayGrant: educatorRoles,
    mayInvite: educatorRoles,
    bulkCreatable: true,
    perOrgLimit: { max: 2, mode: 'block' },
  });
  await kit.role(network.id, {
    key: 'district_admin',
    label: 'District Admin',
    orgKinds: ['district'],
    permissions: [
      'accounts.read',
      'accounts.write',
      'accounts.lifecycle',
      'orgs.read',
      'imports.run',
      'invitations.send',
      'audit.read',
      'groups.manage',
    ],
    mayGrant: [...educatorRoles, 'district_admin'],
    mayInvite: [...educatorRoles, 'district_admin'],
    bulkCreatable: false,
  });

  let seed = 1;
  for (const [districtName, schools] of districts) {
    const district = await kit.org(network, districtName, 'district');
    if (districtName.startsWith('Harbor')) {
      await kit.persona(
        world,
        district,
        { firstName: 'Marcus', lastName: 'Bell', email: `marcus.bell@${domain}`, role: 'district_admin' },
        'District Admin: Harbor Unified and its schools; may set up Site Admins',
      );
    }
    for (const schoolName of schools) {
      const school = await kit.org(district, schoolName, 'school');
      if (schoolName === 'Lincoln High') {
        const siteAdmin = await kit.persona(
          world,
          school,
          { firstName: 'Priya', lastName: 'Raman', email: `priya.raman@${domain}`, role: 'site_admin' },
          'Site Admin at Lincoln High (the second Site Admin slot is free; a third is refused)',
        );
        await inviteEducators(kit, await kit.as(siteAdmin.id), school);
      }
      const staff = demoPeople(6, { seed: seed++ * 104729, domain, prefix: `${schoolName.split(' ')[0]?.toLowerCase()}` });
      const roles = ['educator', 'educator', 'educator', 'counselor', 'counselor_caseload', 'educator'];
      for (const [i, person] of staff.entries()) await kit.account(school, { ...person, role: roles[i] as string });
    }
  }
  return network;
}

/** Educators invited by the site admin: three still waiting to register, two whose 60 days ran out. */
async function inviteEducators(kit: DemoKit, siteAdmin: Awaited<ReturnType<DemoKit['as']>>, school: Organization): Promise<void> {
  for (const person of demoPeople(3, { seed: 4242, domain, prefix: 'invited' })) {
    await kit.invite(siteAdmin, { ...person, orgId: school.id, role: 'educator' });
  }
  if (!kit.past) return;
  for (const person of demoPeople(2, { seed: 2424, domain, prefix: 'lapsed' })) {
    await kit.invite(siteAdmin, { ...person, orgId: school.id, role: 'educator' }, kit.past);
  }
}

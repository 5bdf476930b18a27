import type { Organization } from '../../../common/schemas/organizations.ts';
import { demoPeople } from './demo-people.ts';
import { loadCoachingRequests } from './coaching-requests.ts';
import type { DemoKit } from './demo-kit.ts';

export const coachingTenant = 'Cascade Early Learning Coaching';
const world = 'Coaching programme (guide 002)';
const domain = 'celc.example.org';

const regions = ['North Sound Region', 'Puget Sound Region', 'Eastern Region'];
/** The temporary password the help desk gives new accounts here (each person changes it at first sign-in). */
const temporaryPassword = 'Cascade-Welcome-26';

/**
 * A coaching programme: Program Directors invite coachees, Coach Leads invite coaches into their default
 * group, and the help desk (Administrators) answers requests for accounts. New accounts get a temporary
 * password, as the runbook does (minimum 9 characters, so its kind of shared password passes).
 */
export async function loadCoaching(kit: DemoKit): Promise<Organization> {
  const programme = await kit.tenant(coachingTenant, 'program');
  kit.log(`${coachingTenant}: regions, the five coaching roles, coach leads with default groups`);
  await kit.settings(programme.id, { onboarding: 'temporary_password', passwordMinLength: 9 });
  await kit.role(programme.id, { key: 'coachee', label: 'Coachee', permissions: [], bulkCreatable: true });
  await kit.role(programme.id, { key: 'coach', label: 'Coach', permissions: ['accounts.read', 'orgs.read'], bulkCreatable: true });
  await kit.role(programme.id, {
    key: 'coach_lead',
    label: 'Coach Lead',
    permissions: ['accounts.read', 'orgs.read', 'invitations.send', 'groups.manage'],
    mayInvite: ['coach'],
    mayGrant: ['coach'],
  });
  await kit.role(programme.id, {
    key: 'program_director',
    label: 'Program Director',
    permissions: ['accounts.read', 'orgs.read', 'invitations.send', 'groups.manage'],
    mayInvite: ['coachee'],
    mayGrant: ['coachee'],
  });
  await kit.role(programme.id, {
    key: 'administrator',
    label: 'Administrator',
    permissions: [
      'accounts.read',
      'accounts.write',
      'accounts.lifecycle',
      'orgs.read',
      'orgs.write',
      'audit.read',
      'imports.run',
      'invitations.send',
      'groups.manage',
      'roles.manage',
      'requests.handle',
    ],
    mayGrant: ['coachee', 'coach', 'coach_lead', 'program_director', 'administrator'],
    mayInvite: ['coachee', 'coach', 'coach_lead', 'program_director', 'administrator'],
  });

  const helpDesk = await kit.persona(
    world,
    programme,
    { firstName: 'Leslie', lastName: 'Janes', email: `leslie.janes@${domain}`, role: 'administrator' },
    'help desk administrator: answers the requests for accounts',
  );
  let seed = 11;
  for (const regionName of regions) {
    const region = await kit.org(programme, regionName, 'region');
    const north = regionName.startsWith('North');
    const lead = north
      ? await kit.persona(
          world,
          region,
          { firstName: 'Tomás', lastName: 'Reyes', email: `tomas.reyes@${domain}`, role: 'coach_lead' },
          'Coach Lead: invites coaches into the default group "North Sound coaches"',
        )
      : await kit.account(region, {
          ...demoPeople(1, { seed: seed++, domain, prefix: 'lead' })[0]!,
          role: 'coach_lead',
          password: temporaryPassword,
        });
    const director = north
      ? await kit.persona(
          world,
          region,
          { firstName: 'Dawn', lastName: 'Whitaker', email: `dawn.whitaker@${domain}`, role: 'program_director' },
          'Program Director: invites coachees',
        )
      : await kit.account(region, {
          ...demoPeople(1, { seed: seed++, domain, prefix: 'director' })[0]!,
          role: 'program_director',
          password: temporaryPassword,
        });
    const groupName = `${regionName.replace(' Region', '')} coaches`;
    const group = await kit.group(region, groupName);
    await kit.defaultGroup(lead.id, group.id);
    for (const person of demoPeople(4, { seed: seed++ * 31, domain, prefix: 'coach' })) {
      const coach = await kit.account(region, { ...person, role: 'coach', password: temporaryPassword });
      await kit.member(group.id, coach.id);
    }
    for (const person of demoPeople(8, { seed: seed++ * 37, domain, prefix: 'coachee' }))
      await kit.account(region, { ...person, role: 'coachee', password: temporaryPassword });
    void director;
  }
  // The built-in "Account created" reply speaks of an activation link; here a new account has a temporary
  // password instead, which the welcome leaves out, so the runbook's reply is reworded to say so.
  await kit.responseTemplate(programme.id, 'account_created', {
    subject: 'Your {{tenantName}} account is ready',
    body: [
      'Hello {{firstName}},',
      '',
      'I have created a new account for you. To sign in, go to {{siteUrl}} with the username {{username}}.',
      '',
      'Your temporary password reaches you separately, by phone or in a second message; the first time you sign in, you choose your own.',
      '',
      'There is a Help tab at the bottom of every page with tip sheets to get started. Let me know if you need anything else.',
      '',
      'Thanks,',
      '{{senderFirstName}}',
    ].join('\n'),
  });
  kit.log('  the help desk’s queue of account requests');
  await loadCoachingRequests(kit, programme, await kit.as(helpDesk.id), temporaryPassword);
  return programme;
}

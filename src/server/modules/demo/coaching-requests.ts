import type { Organization } from '../../../common/schemas/organizations.ts';
import type { Actor } from '../../platform/actor.ts';
import type { DemoKit } from './demo-kit.ts';

interface DemoRequest {
  firstName: string;
  lastName: string;
  email: string;
  roleWanted: string;
  programme: string;
  message: string;
  /** What the help desk has done with it so far. */
  state: 'open' | 'asked' | 'created';
}

const requests: DemoRequest[] = [
  {
    firstName: 'Aisha',
    lastName: 'Mbeki',
    email: 'aisha.mbeki@dcyf.example.org',
    roleWanted: 'Coach Lead',
    programme: 'DCYF regional office',
    message: 'I supervise the coaches of the North Sound region from next month.',
    state: 'created',
  },
  {
    firstName: 'Jordan',
    lastName: 'Pike',
    email: 'jordan.pike@brightstart.example.org',
    roleWanted: '',
    programme: '',
    message: 'Could I get an account please?',
    state: 'asked',
  },
  {
    firstName: 'Mei',
    lastName: 'Tanaka',
    email: 'mei.tanaka@littlesprouts.example.org',
    roleWanted: 'Coachee',
    programme: 'Little Sprouts Family Child Care',
    message: 'My coach told me to ask for an account before our first visit.',
    state: 'open',
  },
  {
    firstName: 'Carlos',
    lastName: 'Ruiz',
    email: 'carlos.ruiz@cultivate.example.org',
    roleWanted: 'Coach',
    programme: 'Cultivate Learning',
    message: 'I joined the coaching team this week.',
    state: 'open',
  },
];

/**
 * The help desk's queue, as the runbook describes it: a staff member's request answered by creating the
 * account and resolved with the runbook's tag; one asked for their role and programme with the response
 * template (waiting for the answer); two still open. Each arrives through the public form.
 */
export async function loadCoachingRequests(
  kit: DemoKit,
  programme: Organization,
  helpDesk: Actor,
  temporaryPassword: string,
): Promise<void> {
  const s = kit.services;
  for (const [i, request] of requests.entries()) {
    const existing = (await s.requestQueue.list(helpDesk, { q: request.email })).items.find((r) => r.email === request.email);
    if (existing) continue;
    const { state, roleWanted, programme: programmeName, ...person } = request;
    await s.requestIntake.submit(
      { tenant: programme.id, ...person, ...(roleWanted ? { roleWanted } : {}), ...(programmeName ? { programme: programmeName } : {}) },
      `198.51.100.${i + 10}`,
    );
    const made = (await s.requestQueue.list(helpDesk, { q: request.email })).items.find((r) => r.email === request.email);
    if (!made || state === 'open') continue;
    if (state === 'asked') {
      await s.requestReplies.reply(helpDesk, made.id, { templateKey: 'role_and_programme' });
      continue;
    }
    await s.requestHandOver.createAccount(helpDesk, made.id, { orgId: programme.id, role: 'coach_lead', password: temporaryPassword });
    await s.requestReplies.reply(helpDesk, made.id, { templateKey: 'account_created' });
    await s.requestQueue.setTags(helpDesk, made.id, ['New CECI Account']);
    await s.requestQueue.resolve(helpDesk, made.id);
  }
}

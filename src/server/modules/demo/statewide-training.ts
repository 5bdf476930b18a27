import type { Organization } from '../../../common/schemas/organizations.ts';
import type { Actor } from '../../platform/actor.ts';
import type { DemoKit } from './demo-kit.ts';

const day = 86_400_000;
const dateIn = (days: number) => new Date(Date.now() + days * day).toISOString().slice(0, 10);
const instantIn = (days: number) => new Date(Date.now() + days * day).toISOString();

/**
 * The statewide world's training and contracts: two courses with sections (one about to overflow into its
 * waitlist), a learning path, enrollments made by the state administrator — one forced with the county's
 * approval as its reason — and seat contracts: Los Angeles warns, Alpine is full and refuses.
 */
export async function loadStatewideTraining(
  kit: DemoKit,
  state: Organization,
  counties: Map<string, Organization>,
  actor: Actor,
): Promise<void> {
  const s = kit.services;
  const mandated = await course(kit, actor, state, 'MR-101', 'Mandated Reporter Training', [
    { code: 'MR-101-A', capacity: 20, online: true, startsIn: 21 },
    { code: 'MR-101-B', capacity: 40, online: false, location: 'Sacramento County Training Center', startsIn: 45 },
  ]);
  const trauma = await course(kit, actor, state, 'TIP-201', 'Trauma-Informed Practice for Community Partners', [
    { code: 'TIP-201-A', capacity: 30, online: true, startsIn: 60 },
  ]);
  const paths = await s.learningPaths.listLearningPaths(actor, { q: 'CPF-100' });
  const path =
    paths.items.find((p) => p.code === 'CPF-100') ??
    (await s.learningPaths.createLearningPath(actor, {
      orgId: state.id,
      code: 'CPF-100',
      title: 'Community Partner Foundations',
      courseIds: [mandated.id, trauma.id],
    }));

  const partnersOf = async (county: string, limit: number) =>
    (
      await s.accountSearch.searchAccounts(actor, {
        orgId: (counties.get(county) as Organization).id,
        affiliation: 'California Community Partners',
        status: 'invited',
        limit,
      })
    ).items.map((a) => a.id);
  // 25 for a section of 20: five wait in the order they came. Enrolling again changes nothing (already enrolled).
  const sectionA = mandated.sections.find((x) => x.code === 'MR-101-A');
  if (sectionA) await s.enrollments.enroll(actor, { accountIds: await partnersOf('Los Angeles', 25), sectionId: sectionA.id });
  await s.enrollments.enroll(actor, { accountIds: await partnersOf('Riverside', 10), learningPathId: path.id });
  const [approved] = await partnersOf('Fresno', 1);
  if (sectionA && approved) {
    await s.enrollments.enroll(actor, {
      accountIds: [approved],
      sectionId: sectionA.id,
      force: true,
      reason: 'Fresno County approved this partner for the January session by email.',
    });
  }

  await contract(kit, actor, counties.get('Los Angeles') as Organization, 60, 'warn');
  await contract(kit, actor, counties.get('Alpine') as Organization, 0, 'block');
}

async function course(
  kit: DemoKit,
  actor: Actor,
  org: Organization,
  code: string,
  title: string,
  sections: Array<{ code: string; capacity: number; online: boolean; location?: string; startsIn: number }>,
) {
  const s = kit.services;
  const found = (await s.catalog.listCourses(actor, { q: code })).items.find((c) => c.code === code);
  const made = found ?? (await s.catalog.createCourse(actor, { orgId: org.id, code, title }));
  for (const section of sections) {
    if (made.sections.some((x) => x.code === section.code)) continue;
    await s.catalog.createSection(actor, made.id, {
      code: section.code,
      capacity: section.capacity,
      online: section.online,
      location: section.location ?? null,
      startsAt: instantIn(section.startsIn),
      endsAt: instantIn(section.startsIn + 1),
      enrollClosesAt: instantIn(section.startsIn - 1),
    });
  }
  return s.catalog.getCourse(actor, made.id);
}

/** A contract for this year with `spare` seats beyond today's use (0: full). */
async function contract(kit: DemoKit, actor: Actor, county: Organization, spare: number, mode: 'warn' | 'block'): Promise<void> {
  const s = kit.services;
  if ((await s.seats.listContracts(actor, county.id)).items.length > 0) return;
  const usage = await s.seats.getSeats(actor, county.id);
  await s.seats.createContract(actor, {
    orgId: county.id,
    seats: Math.max(1, usage.used + spare),
    startsOn: dateIn(-30),
    endsOn: dateIn(335),
    warnAt: 90,
    mode,
  });
  kit.log(`  ${county.name}: a ${mode} contract of ${Math.max(1, usage.used + spare)} seats`);
}

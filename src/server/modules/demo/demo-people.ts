/**
 * Made-up people for the demo worlds: the same names on every run (a seeded generator), with the
 * accents, apostrophes and hyphens real rosters carry, so search and duplicate checks have work to do.
 */
const firstNames = [
  'Ana',
  'José',
  'María',
  'Luis',
  'Carmen',
  'David',
  'Elena',
  'Farah',
  'Grace',
  'Héctor',
  'Inés',
  'Jamal',
  'Kim',
  'Linh',
  'Marcus',
  'Noah',
  'Olga',
  'Priya',
  'Quinn',
  'Rosa',
  'Samuel',
  'Tamika',
  'Uma',
  'Víctor',
  'Wei',
  'Ximena',
  'Yusuf',
  'Zoë',
  'Aaliyah',
  'Brandon',
  'Chloé',
  'Diego',
  'Emma',
  'Fatima',
  'Gabriel',
  'Hannah',
  'Isaac',
  'Jasmine',
  'Kevin',
  'Leila',
  'Mateo',
  'Nadia',
  'Omar',
  'Paige',
  'Rafael',
  'Sofia',
];
const lastNames = [
  'García',
  'Nguyen',
  'Smith',
  'Johnson',
  'López',
  'Martinez',
  "O'Brien",
  'Patel',
  'Kim',
  'Williams',
  'Brown',
  'Núñez',
  'Hernández',
  'Davis',
  'Rodriguez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Pérez',
  'Thompson',
  'White',
  'Harris',
  'Sánchez',
  'Clark',
  'Ramírez',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Torres',
  'Smith-Jones',
  'Hill',
  'Flores',
  'Green',
  'Adams',
  'Nelson',
  'Baker',
  'Hall',
  'Rivera',
  'Campbell',
  'Mitchell',
];

export interface DemoPerson {
  firstName: string;
  lastName: string;
  email: string;
}

/** mulberry32: small, fast and the same everywhere. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The local part of an email made from a name: accents and punctuation dropped ("José O'Brien" → "jose.obrien"). */
export function emailLocalPart(firstName: string, lastName: string): string {
  const plain = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  return `${plain(firstName)}.${plain(lastName)}`;
}

/** `count` people with emails at `domain`, numbered so that each email is unique within the call's `prefix`. */
export function demoPeople(count: number, options: { seed: number; domain: string; prefix?: string }): DemoPerson[] {
  const random = generator(options.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const firstName = pick(firstNames);
    const lastName = pick(lastNames);
    return { firstName, lastName, email: `${emailLocalPart(firstName, lastName)}.${options.prefix ?? ''}${i + 1}@${options.domain}` };
  });
}

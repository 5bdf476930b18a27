/**
 * The measured workload: varied parameters for the three scoped searches and the duplicate check,
 * drawn from people who are really in the seeded data (so prefixes hit the common names as often as
 * an administrator would type them), plus near-misses for the duplicate check.
 */
import type { AccountSearchInput, DuplicateQuery } from '../src/common/schemas/accounts.ts';
import { emailDomains, rng, weighted } from './data.ts';
import { nameKey } from '../src/server/modules/accounts/account-keys.ts';

export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  orgId: string;
}

export interface Workload {
  text: AccountSearchInput[];
  subtree: Array<{ countyIndex: number; input: AccountSearchInput }>;
  domain: AccountSearchInput[];
  duplicates: Array<{ countyIndex: number; input: DuplicateQuery }>;
}

/** Spelling variants an administrator meets: nicknames, phonetic twins and typos. */
const variants: Record<string, string> = {
  John: 'Jon',
  Jon: 'John',
  Steven: 'Stephen',
  Stephen: 'Steven',
  Katherine: 'Catherine',
  Catherine: 'Katherine',
  Smith: 'Smyth',
  Smyth: 'Smith',
  Johnson: 'Jonson',
  Jonson: 'Johnson',
  Sara: 'Sarah',
  Sarah: 'Sara',
  Brian: 'Bryan',
  Bryan: 'Brian',
  Jeffrey: 'Geoffrey',
  Philip: 'Phillip',
  Eric: 'Erik',
  Thompson: 'Thomson',
  Garcia: 'García',
  Nguyen: 'Nguyn',
};

function variant(name: string, random: () => number): string {
  const known = variants[name];
  if (known) return known;
  const i = 1 + Math.floor(random() * Math.max(1, name.length - 2));
  // Drop one letter ("Wiliams") or double it ("Nelsson"): an edit distance of one.
  return random() < 0.5 ? name.slice(0, i) + name.slice(i + 1) : name.slice(0, i) + name[i] + name.slice(i);
}

const prefix = (key: string, random: () => number) => key.slice(0, Math.min(key.length, 3 + Math.floor(random() * 3)));

export function buildWorkload(people: Person[], countyCount: number, iterations: number): Workload {
  const random = rng(7);
  const person = () => people[Math.floor(random() * people.length)] as Person;
  const pickStatus = weighted(['active', 'archived', 'invited', 'active,invited'], [70, 15, 10, 5]);

  const text = Array.from({ length: iterations }, (): AccountSearchInput => {
    const p = person();
    const kind = random();
    if (kind < 0.5) return { q: prefix(nameKey(p.lastName), random) };
    // As typed, with the name's own accents and punctuation, half of them in capitals ("GARCÍ", "O'Bri").
    if (kind < 0.6) {
      const typed = p.lastName.slice(0, 3 + Math.floor(random() * 3));
      return { q: random() < 0.5 ? typed.toUpperCase() : typed };
    }
    if (kind < 0.8) return { q: prefix(nameKey(p.firstName), random) };
    if (kind < 0.9) return { q: `${nameKey(p.firstName)} ${prefix(nameKey(p.lastName), random)}` };
    return { q: p.email.slice(0, 4 + Math.floor(random() * 3)) };
  });
  const subtree = Array.from({ length: iterations }, () => ({
    countyIndex: Math.floor(random() * countyCount),
    input: { status: pickStatus(random) },
  }));
  const domain = Array.from({ length: iterations }, (_, i): AccountSearchInput => ({
    emailDomain: emailDomains[i % emailDomains.length] as string,
  }));
  const duplicates = Array.from({ length: iterations }, (_, i) => {
    const p = person();
    const kind = random();
    const countyIndex = Math.floor(random() * countyCount);
    const fresh = `new.person.${i}@example.org`;
    let input: DuplicateQuery;
    if (kind < 0.4) input = { email: p.email, firstName: p.firstName, lastName: p.lastName };
    else if (kind < 0.55) input = { email: fresh, firstName: variant(p.firstName, random), lastName: p.lastName };
    else if (kind < 0.7) input = { email: fresh, firstName: p.firstName, lastName: variant(p.lastName, random) };
    else input = { email: fresh, firstName: p.firstName, lastName: p.lastName };
    return { countyIndex, input };
  });
  return { text, subtree, domain, duplicates };
}

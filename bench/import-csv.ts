/**
 * The people file of the import benchmarks (bench/import.bench.ts, bench/import-rss.ts): new accounts
 * with distinct emails in one county, the same rows on every run.
 */
import { createWriteStream } from 'node:fs';
import Papa from 'papaparse';

/** The columns of the accounts template, in the order its download lists them. */
export const header = [
  'UserID',
  'LastName',
  'FirstName',
  'Email',
  'Status',
  'Affiliation',
  'EmployeeType',
  'DateHire',
  'Role',
  'Password',
  'Organization',
];
export const firsts = [
  'Ana',
  'Bao',
  'Carmen',
  'David',
  'Elena',
  'Farah',
  'Grace',
  'Hector',
  'Ines',
  'Jamal',
  'Kim',
  'Luis',
  'Maria',
  'Noah',
  'Olga',
];
const lasts = ['Lopez', 'Nguyen', 'Smith', 'Garcia', 'Johnson', 'Kim', 'Patel', 'Brown', 'Martinez', 'Davis', 'Rodriguez', 'Wilson'];

/** BENCH_ONBOARDING=activation: rows without a password, so every account gets an activation link and its welcome. */
const rowPassword = process.env.BENCH_ONBOARDING === 'activation' ? '' : 'Changeme1!';

export function rowFor(i: number): string[] {
  const first = firsts[i % firsts.length] as string;
  const last = lasts[(i * 7) % lasts.length] as string;
  const email = `${first}.${last}.${i}@partners${i % 20}.org`.toLowerCase();
  return [
    email,
    last,
    first,
    email,
    'Active',
    'California Community Partners',
    'Riverside County Community Partner',
    '2026-11-01',
    'learner',
    rowPassword,
    '',
  ];
}

export async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(`${header.join(',')}\r\n`);
  for (let i = 0; i < rows; i += 1000) {
    const chunk: string[][] = [];
    for (let j = i; j < Math.min(rows, i + 1000); j += 1) chunk.push(rowFor(j));
    await write(`${Papa.unparse(chunk, { newline: '\r\n' })}\r\n`);
  }
  await new Promise<void>((r) => out.end(() => r()));
}

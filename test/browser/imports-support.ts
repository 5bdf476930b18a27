import { readFile } from 'node:fs/promises';
import { after, before } from 'node:test';
import type { Download, Page } from 'playwright-core';
import { JobRunner, type JobContext, type JobHandler } from '../../src/server/jobs/index.ts';
import type { Services } from '../../src/server/container.ts';
import type { TestContext } from '../support/context.ts';

export const header = 'UserID,LastName,FirstName,Email,Status,Affiliation,EmployeeType,DateHire,Role,Password,Organization';

export interface Person {
  first: string;
  last: string;
  email: string;
  employeeType?: string;
}

/** One CSV line of the accounts template, as a county admin fills it in. */
export const line = (p: Person) =>
  [
    p.email,
    p.last,
    p.first,
    p.email,
    'Active',
    'California Community Partners',
    p.employeeType ?? 'Riverside County Community Partner',
    '2024-09-03',
    '',
    '',
    '',
  ].join(',');

export const csv = (people: Person[]) => `${[header, ...people.map(line)].join('\r\n')}\r\n`;

/** A file of `count` new people, for imports big enough to watch. */
export function bigCsv(count: number, domain: string): string {
  const people: Person[] = [];
  for (let i = 1; i <= count; i++)
    people.push({ first: `Partner${i}`, last: `Bulk${String(i).padStart(5, '0')}`, email: `partner${i}@${domain}` });
  return csv(people);
}

/** Pauses after every batch a job reports, as a slower database would, so a page can be watched mid-job. */
export const pacing = { batchPauseMs: 0 };

function paced(handlers: Services['jobHandlers']): Services['jobHandlers'] {
  return Object.fromEntries(Object.entries(handlers).map(([type, handler]) => [type, pacedHandler(handler)]));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function pacedHandler<P>(handler: JobHandler<P>): JobHandler<P> {
  return (jobCtx: JobContext<P>) =>
    handler({
      job: jobCtx.job,
      signal: jobCtx.signal,
      reportProgress: async (progress, trx) => {
        await jobCtx.reportProgress(progress, trx);
        if (pacing.batchPauseMs > 0) await sleep(pacing.batchPauseMs);
      },
    });
}

/**
 * The browser harness serves the API without the background job runner that `npm start` runs; imports
 * plan and commit through it, so the suite runs one against the same database, polling often.
 */
export function runJobsInBackground(ctx: () => TestContext): void {
  let runner: JobRunner | undefined;
  before(() => {
    const { database, services } = ctx();
    runner = new JobRunner({
      db: database.db,
      queue: services.jobQueue,
      handlers: paced(services.jobHandlers),
      pollIntervalMs: 200,
      workerId: 'browser-tests',
    });
    runner.start();
  });
  after(async () => {
    await runner?.stop();
  });
}

/** Clicks what starts a download and returns the file's name and text. */
export async function downloadText(page: Page, start: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), start()])) as [Download, void];
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** Chooses a file in the wizard's labelled file input, from text in memory. */
export async function chooseFile(page: Page, name: string, content: string | Buffer, mimeType = 'text/csv'): Promise<void> {
  await page
    .getByLabel('Choose the file to import')
    .setInputFiles({ name, mimeType, buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
}

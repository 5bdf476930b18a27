import assert from 'node:assert/strict';
import type { Session, TestContext } from './context.ts';
import { multipartBody } from './multipart.ts';

/** The header of the default `accounts` import template. */
export const importHeader = 'UserID,LastName,FirstName,Email,Status,Affiliation,EmployeeType,DateHire,Role,Password,Organization';

/** Uploads a file, lets its plan run, and returns the planned import as the API shows it. */
export async function planImport(ctx: TestContext, as: Session, orgId: string, content: string, mode?: string) {
  return planUpload(ctx, as, { orgId, template: 'accounts', ...(mode ? { mode } : {}) }, { name: 'people.csv', content });
}

/** Runs the jobs an upload or a commit queued; suites on a moved clock pass their own (see runJobsOnClock). */
type JobsRunner = () => Promise<unknown>;

/**
 * Uploads any file with the given form fields, lets its plan run, and returns the import as the API shows it.
 * `runJobs` defaults to the context's runner.
 */
export async function planUpload(
  ctx: TestContext,
  as: Session,
  fields: Record<string, string>,
  file: { name: string; content: string | Buffer },
  runJobs: JobsRunner = () => ctx.drainJobs(),
) {
  const body = multipartBody(fields, file);
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/imports',
    payload: body.payload,
    headers: { cookie: as.cookie as string, 'content-type': body.contentType },
  });
  assert.equal(response.statusCode, 202, response.body);
  await runJobs();
  return (await ctx.call('GET', `/api/imports/${response.json().id}`, { as })).json();
}

/** Applies a planned import and runs its job to the end. */
export async function commitImport(ctx: TestContext, as: Session, id: string, runJobs: JobsRunner = () => ctx.drainJobs()) {
  const response = await ctx.call('POST', `/api/imports/${id}/commit`, { as });
  assert.equal(response.statusCode, 202, response.body);
  await runJobs();
  return (await ctx.call('GET', `/api/imports/${id}`, { as })).json();
}

export async function importRows(ctx: TestContext, as: Session, id: string) {
  const response = await ctx.call('GET', `/api/imports/${id}/rows?limit=1000`, { as });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().items as Array<{
    line: number;
    outcome: string;
    reason: string | null;
    message: string;
    accountId: string | null;
  }>;
}

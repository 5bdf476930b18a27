import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session, type TestContext } from '../support/context.ts';
import { createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { multipartBody } from '../support/multipart.ts';
import { maxImportFileBytes } from '../../src/common/schemas/imports.ts';

async function send(ctx: TestContext, as: Session, orgId: string, content: Buffer | string) {
  const body = multipartBody({ orgId }, { name: 'people.csv', content });
  return ctx.app.inject({
    method: 'POST',
    url: '/api/imports',
    payload: body.payload,
    headers: { cookie: as.cookie as string, 'content-type': body.contentType },
  });
}

describeEachDatabase('imports: bad input', (ctx) => {
  let org: OrgRef;
  let admin: Session;

  before(async () => {
    org = await createOrg(ctx(), 'Bad Input Imports');
    admin = (await signedInAdmin(ctx(), org)).session;
  });

  test('each bad row gets its own reason; good rows around it are unaffected', async () => {
    const file = [
      'Email,FirstName,LastName,Status,Role,DateHire',
      `long@x.org,${'A'.repeat(20_000)},Long,,,`,
      'few@x.org,Too,Few',
      'many@x.org,Too,Many,,,,extra',
      'status@x.org,Un,Known,Retired,,',
      'role@x.org,Un,Known,,wizard,',
      'date@x.org,Bad,Date,,,31/12/2026',
      'good@x.org,Good,Row,Active,learner,12/31/2026',
    ].join('\n');
    const response = await send(ctx(), admin, org.id, file);
    assert.equal(response.statusCode, 202, response.body);
    await ctx().drainJobs();
    const rows = (await ctx().call('GET', `/api/imports/${response.json().id}/rows`, { as: admin })).json().items;
    assert.deepEqual(
      rows.map((r: { line: number; outcome: string; reason: string | null }) => [r.line, r.outcome, r.reason]),
      [
        [2, 'failed', 'too_long'],
        [3, 'failed', 'wrong_field_count'],
        [4, 'failed', 'wrong_field_count'],
        [5, 'failed', 'invalid_value'],
        [6, 'failed', 'invalid_value'],
        [7, 'failed', 'invalid_value'],
        [8, 'created', null],
      ],
    );
  });

  test('a file over the size limit answers 413 file_too_large and stores nothing', async () => {
    const big = Buffer.alloc(maxImportFileBytes + 1024 * 1024, 'a');
    const response = await send(ctx(), admin, org.id, big);
    assert.equal(response.statusCode, 413);
    assert.equal(response.json().error.code, 'file_too_large');
    const list = (await ctx().call('GET', '/api/imports', { as: admin })).json().items;
    assert.ok(list.every((i: { fileSize: number }) => i.fileSize < 1024 * 1024));
  });

  test('a planned import can be cancelled, and then cannot be committed', async () => {
    const response = await send(ctx(), admin, org.id, 'Email,FirstName,LastName\ncancel@x.org,Can,Cel\n');
    await ctx().drainJobs();
    const id = response.json().id;
    const cancelled = await ctx().call('POST', `/api/imports/${id}/cancel`, { as: admin });
    assert.equal(cancelled.statusCode, 202);
    assert.equal(cancelled.json().status, 'cancelled');
    const commit = await ctx().call('POST', `/api/imports/${id}/commit`, { as: admin });
    assert.equal(commit.statusCode, 409);
    assert.equal((await ctx().call('GET', '/api/accounts?q=cancel@', { as: admin })).json().total, 0);
  });

  test('committing twice is refused; unknown import ids answer 404', async () => {
    const response = await send(ctx(), admin, org.id, 'Email,FirstName,LastName\ntwice@x.org,Twi,Ce\n');
    await ctx().drainJobs();
    const id = response.json().id;
    assert.equal((await ctx().call('POST', `/api/imports/${id}/commit`, { as: admin })).statusCode, 202);
    assert.equal((await ctx().call('POST', `/api/imports/${id}/commit`, { as: admin })).statusCode, 409);
    await ctx().drainJobs();
    assert.equal((await ctx().call('GET', '/api/imports/no-such-import', { as: admin })).statusCode, 404);
    assert.equal((await ctx().call('GET', '/api/imports/no-such-import/failed.csv', { as: admin })).statusCode, 404);
  });
});

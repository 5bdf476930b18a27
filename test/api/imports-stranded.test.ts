import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createMigrator, migrateToLatest } from '../../src/server/db/migrator.ts';
import { describeEachDatabase } from '../support/context.ts';
import { createOrg } from '../support/factories.ts';
import { multipartBody } from '../support/multipart.ts';

describeEachDatabase('imports stranded before the runner told them', (ctx) => {
  test('the upgrade ends an import whose job had already failed as failed, with the reason', async () => {
    const org = await createOrg(ctx(), 'Stranded State');
    const body = multipartBody(
      { orgId: org.id, template: 'accounts' },
      { name: 'people.csv', content: 'Email,FirstName,LastName\na@x.org,A,B\n' },
    );
    const response = await ctx().app.inject({
      method: 'POST',
      url: '/api/imports',
      payload: body.payload,
      headers: { cookie: ctx().root.cookie as string, 'content-type': body.contentType },
    });
    assert.equal(response.statusCode, 202, response.body);
    const { id } = response.json();
    const db = ctx().database.db;
    // As an older server left it: the plan job failed for good, the import still "waiting to be checked".
    // Back to just before the migration that ends stranded imports, whatever came after it.
    const migrator = createMigrator(db);
    const names = (await migrator.getMigrations()).map((m) => m.name);
    const before = names[names.indexOf('2026-11-30-01-reliability') - 1] as string;
    const down = await migrator.migrateTo(before);
    assert.equal(down.error, undefined);
    await sql`update jobs set status = 'failed', error = 'database is locked' where id = (select plan_job_id from imports where id = ${id})`.execute(
      db,
    );
    assert.equal((await ctx().call('GET', `/api/imports/${id}`, { as: ctx().root })).json().status, 'queued');

    await migrateToLatest(db);
    const view = (await ctx().call('GET', `/api/imports/${id}`, { as: ctx().root })).json();
    assert.equal(view.status, 'failed');
    assert.deepEqual(view.error, {
      code: 'plan_stopped',
      message: 'Checking the file failed: database is locked. Upload it again; if it keeps failing, ask your administrator.',
    });
  });
});

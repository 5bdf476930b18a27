import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session, type TestContext } from '../support/context.ts';
import { bareWorkbook } from '../support/bare-workbook.ts';
import { createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { planUpload } from '../support/imports.ts';

const upload = (ctx: TestContext, as: Session, orgId: string, content: Buffer) =>
  planUpload(ctx, as, { orgId }, { name: 'people.xlsx', content });

const header = ['Email', 'FirstName', 'LastName'];
const people = (count: number) => Array.from({ length: count }, (_, i) => [`p${i}@wb.example.org`, 'Ana', 'Lopez']);

/*
 * A workbook's shared strings are held in memory while its sheet is read, and a large file is planned
 * in a job thread with a bounded heap: a workbook past the limits must be refused with a message
 * saying what to do, not end the thread (which the person would see as a job that keeps failing).
 */
describeEachDatabase('a workbook too large to read within the memory budget', (ctx) => {
  let org: OrgRef;
  let admin: Session;

  before(async () => {
    org = await createOrg(ctx(), 'Workbook Tenant');
    admin = (await signedInAdmin(ctx(), org)).session;
  });

  test('a workbook of the same build within the limits is planned', async () => {
    const imp = await upload(ctx(), admin, org.id, bareWorkbook([header, ...people(3)]));
    assert.equal(imp.status, 'planned', JSON.stringify(imp.error));
    assert.equal(imp.counts.created, 3);
  });

  test('600,000 people, each with their own email, are refused before any row is planned, naming the limit', async () => {
    const file = bareWorkbook([header, ...people(600_000)]);
    const imp = await upload(ctx(), admin, org.id, file);
    assert.equal(imp.status, 'failed');
    assert.equal(imp.error.code, 'workbook_too_large');
    assert.match(imp.error.message, /more than 500,000 different text values/);
    assert.match(imp.error.message, /Split it into smaller files .*CSV UTF-8/);
    const rows = (await ctx().call('GET', `/api/imports/${imp.id}/rows`, { as: admin })).json();
    assert.equal(rows.items.length, 0);
  });
});

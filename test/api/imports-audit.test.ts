import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session, type TestContext } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type AccountRef, type OrgRef } from '../support/factories.ts';
import { commitImport, importHeader, importRows, planImport } from '../support/imports.ts';

interface AuditEvent {
  id: string;
  at: string;
  action: string;
  actor: { id: string | null; label: string };
  targetType: string;
  targetId: string | null;
  source: string;
  jobId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  account: { id: string; name: string; email: string } | null;
}
interface AuditPage {
  items: AuditEvent[];
  total: number;
  nextCursor: string | null;
}

/** People of the big import: the first 1,000 rows (a whole commit batch) in North, then North and South in turn. */
const people = 2500;
const siteOf = (i: number) => (i < 1000 || i % 2 === 0 ? 'North Riverside' : 'South Riverside');
const emailOf = (i: number) => `p${i}.audit@riverside.example`;
/** Row i sits on line i + 2 (the header is line 1). */
const lineOf = (i: number) => i + 2;

/** The invitation link's token in the activation welcome sent to `email`. */
async function registrationToken(ctx: TestContext, email: string): Promise<string> {
  await ctx.drainJobs();
  const message = (await ctx.services.outbox.messagesTo(ctx.database.db, email)).find((m) => m.kind === 'welcome_activation');
  const token = /\/register\/([\w-]+)/.exec(message?.bodyText ?? '')?.[1];
  assert.ok(token, `an activation link sent to ${email}`);
  return token;
}

// Issue #19, item 1: an import audits its creations one event per batch; each account's history still
// says who created it, when, and from which file and line.
describeEachDatabase('auditing what an import creates', (ctx) => {
  let county: OrgRef;
  let north: OrgRef;
  let countyAdmin: Session;
  let admin: AccountRef;
  /** The county administrator's name, as the registration page shows who invited someone. */
  let adminName: { firstName: string; lastName: string };
  let northAdmin: Session;
  let importId: string;

  const audit = async (query: string, as: Session = countyAdmin): Promise<AuditPage> => {
    const response = await ctx().call('GET', `/api/audit${query}`, { as });
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as AuditPage;
  };
  const accountOf = async (i: number) => {
    const found = await ctx().call('GET', `/api/accounts?q=${encodeURIComponent(emailOf(i))}`, { as: countyAdmin });
    assert.equal(found.json().total, 1, `one account for ${emailOf(i)}`);
    return found.json().items[0] as { id: string; createdAt: string; firstName: string; lastName: string; email: string };
  };

  before(async () => {
    const state = await createOrg(ctx(), 'Audit State');
    county = await createOrg(ctx(), 'Riverside Audit County', state);
    north = await createOrg(ctx(), 'North Riverside', county, 'site');
    await createOrg(ctx(), 'South Riverside', county, 'site');
    ({ session: countyAdmin, account: admin } = await signedInAdmin(ctx(), county));
    const { firstName, lastName } = (await ctx().call('GET', `/api/accounts/${admin.id}`, { as: countyAdmin })).json();
    adminName = { firstName, lastName };
    northAdmin = (await signedInAdmin(ctx(), north)).session;
    const rows = Array.from({ length: people }, (_, i) => `,Last${i},First${i},${emailOf(i)},,,,,,,${siteOf(i)}`);
    const planned = await planImport(ctx(), countyAdmin, county.id, `${importHeader}\n${rows.join('\n')}\n`);
    const done = await commitImport(ctx(), countyAdmin, planned.id);
    assert.equal(done.status, 'completed');
    assert.equal(done.counts.created, people);
    importId = planned.id;
  });

  test('2,500 new people are audited as three events, one per batch of 1,000, not one per account', async () => {
    const batches = await audit(`?action=import.accounts_created&targetId=${importId}&order=oldest`);
    assert.equal(batches.total, 3);
    assert.deepEqual(
      batches.items.map((e) => e.after),
      [
        { importId, fileName: 'people.csv', firstLine: 2, lastLine: 1001, count: 1000 },
        { importId, fileName: 'people.csv', firstLine: 1002, lastLine: 2001, count: 1000 },
        { importId, fileName: 'people.csv', firstLine: 2002, lastLine: 2501, count: 500 },
      ],
    );
    for (const event of batches.items) {
      assert.equal(event.targetType, 'import');
      assert.equal(event.actor.id, admin.id, 'the person who committed it');
      assert.equal(event.source, 'import');
      assert.ok(event.jobId, 'and the commit job');
    }
    assert.equal((await audit('?action=account.created&source=import')).total, 0, 'no creation event per account');
  });

  test('a batch event is read where all its accounts are: a site administrator reads the batch made only of their site', async () => {
    const seen = await audit(`?action=import.accounts_created`, northAdmin);
    assert.deepEqual(
      seen.items.map((e) => e.after?.firstLine),
      [2],
      'the first batch is all North; the others also hold South',
    );
  });

  test('an imported account’s history opens with who created it, when, and from which file and line', async () => {
    const person = await accountOf(1500);
    const history = await audit(`?targetId=${person.id}`);
    assert.equal(history.total, 1);
    assert.deepEqual(history.items[0], {
      id: person.id,
      at: person.createdAt,
      actor: { id: admin.id, label: history.items[0]?.actor.label },
      action: 'account.created',
      targetType: 'account',
      targetId: person.id,
      source: 'import',
      requestId: null,
      jobId: history.items[0]?.jobId,
      before: null,
      after: { importId, fileName: 'people.csv', line: lineOf(1500) },
      account: { id: person.id, name: 'First1500 Last1500', email: emailOf(1500) },
    });
    assert.match(history.items[0]?.actor.label ?? '', new RegExp(adminName.lastName), 'the importer, named');
    assert.ok(history.items[0]?.jobId, 'and the commit job');
    const byPerson = await audit(`?personId=${person.id}`);
    assert.deepEqual(
      byPerson.items.map((e) => e.action),
      ['account.created'],
      'filtered by person too',
    );
  });

  test('the creation takes its place in time: after later changes, on the last page, and under the filters', async () => {
    const person = await accountOf(1501);
    const edit = await ctx().call('PATCH', `/api/accounts/${person.id}`, { as: countyAdmin, body: { jobTitle: 'Nurse' } });
    assert.equal(edit.statusCode, 200, edit.body);
    const archive = await ctx().call('POST', `/api/accounts/${person.id}/archive`, { as: countyAdmin });
    assert.equal(archive.statusCode, 200, archive.body);

    const all = await audit(`?targetId=${person.id}`);
    assert.deepEqual(
      all.items.map((e) => e.action),
      ['account.archived', 'account.updated', 'account.created'],
    );
    assert.equal(all.total, 3);

    // Pages of one, newest first, then oldest first: the creation is last, then first; nothing twice.
    const walk = async (order: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: AuditPage = await audit(`?targetId=${person.id}&limit=1&order=${order}${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(page.total, 3);
        seen.push(...page.items.map((e) => e.action));
        cursor = page.nextCursor;
      } while (cursor && seen.length < 5);
      return seen;
    };
    assert.deepEqual(await walk('newest'), ['account.archived', 'account.updated', 'account.created']);
    assert.deepEqual(await walk('oldest'), ['account.created', 'account.updated', 'account.archived']);

    const only = async (query: string) => (await audit(`?targetId=${person.id}${query}`)).items.map((e) => e.action);
    assert.deepEqual(await only('&action=account.created'), ['account.created']);
    assert.deepEqual(await only('&action=account.updated'), ['account.updated']);
    assert.deepEqual(await only('&source=import'), ['account.created']);
    const editedFrom = all.items[0]?.source as string;
    assert.notEqual(editedFrom, 'import');
    assert.deepEqual(await only(`&source=${editedFrom}`), ['account.archived', 'account.updated']);
    assert.deepEqual(await only(`&actorId=${admin.id}&q=created`), ['account.created']);
    assert.deepEqual(await only(`&q=${encodeURIComponent(emailOf(1501).toUpperCase())}`), [
      'account.archived',
      'account.updated',
      'account.created',
    ]);
    assert.deepEqual(await only(`&to=${person.createdAt.slice(0, 10)}`), [], 'before the day it was created');
  });

  test('an administrator reads the creation of the accounts in their reach, and only theirs', async () => {
    const northPerson = await accountOf(1502);
    const southPerson = await accountOf(1503);
    assert.deepEqual(
      (await audit(`?targetId=${northPerson.id}`, northAdmin)).items.map((e) => e.after),
      [{ importId, fileName: 'people.csv', line: lineOf(1502) }],
    );
    const south = await audit(`?targetId=${southPerson.id}`, northAdmin);
    assert.deepEqual(south.items, []);
    assert.equal(south.total, 0);
    const otherTenant = (await signedInAdmin(ctx(), await createOrg(ctx(), 'Elsewhere State'))).session;
    assert.equal((await audit(`?targetId=${northPerson.id}`, otherTenant)).total, 0);
  });

  test('the registration page of an imported person names the administrator who imported them', async () => {
    const token = await registrationToken(ctx(), emailOf(7));
    const info = await ctx().call('GET', `/api/registration/${token}`);
    assert.equal(info.statusCode, 200, info.body);
    assert.deepEqual(info.json().invitedBy, adminName);
  });

  test('an account made before accounts recorded their creator is still named by its creation event', async () => {
    const older = await createAccount(ctx(), { orgId: county.id, firstName: 'Olde', lastName: 'Timer' }, countyAdmin);
    // As an account created before this column existed: only its `account.created` event names the creator.
    await ctx().database.db.updateTable('accounts').set({ createdBy: null }).where('id', '=', older.id).execute();
    const info = await ctx().call('GET', `/api/registration/${await registrationToken(ctx(), older.email)}`);
    assert.deepEqual(info.json().invitedBy, adminName);
    const history = await audit(`?targetId=${older.id}`);
    assert.deepEqual(
      history.items.map((e) => [e.action, e.actor.id]),
      [['account.created', admin.id]],
      'its own event, nothing made up',
    );
  });

  test('a rollback removes the accounts; their deletion events keep where they came from, the batch event stays', async () => {
    const planned = await planImport(
      ctx(),
      countyAdmin,
      county.id,
      `${importHeader}\n,Gone,Gil,gil.audit@riverside.example,,,,,,,\n,Gone,Gia,gia.audit@riverside.example,,,,,,,\n`,
    );
    await commitImport(ctx(), countyAdmin, planned.id);
    const [, giaRow] = await importRows(ctx(), countyAdmin, planned.id);
    const gia = giaRow?.accountId as string;
    const rollback = await ctx().call('POST', `/api/imports/${planned.id}/rollback`, { as: countyAdmin });
    assert.equal(rollback.statusCode, 202, rollback.body);
    await ctx().drainJobs();
    assert.equal((await ctx().call('GET', `/api/imports/${planned.id}`, { as: countyAdmin })).json().status, 'rolled_back');
    assert.equal((await ctx().call('GET', `/api/accounts/${gia}`, { as: countyAdmin })).statusCode, 404);

    const history = await audit(`?targetId=${gia}`);
    assert.deepEqual(
      history.items.map((e) => e.action),
      ['account.deleted'],
    );
    assert.equal(history.items[0]?.before?.email, 'gia.audit@riverside.example');
    assert.equal(history.items[0]?.before?.createdByImportId, planned.id);
    assert.equal(history.items[0]?.before?.createdByImportLine, 3);
    assert.equal(history.items[0]?.before?.createdBy, admin.id);
    const batch = await audit(`?targetId=${planned.id}&action=import.accounts_created`);
    assert.deepEqual(
      batch.items.map((e) => e.after),
      [{ importId: planned.id, fileName: 'people.csv', firstLine: 2, lastLine: 3, count: 2 }],
    );
  });
});

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { commitImport, importHeader, importRows, planImport } from '../support/imports.ts';

// Issue #12, findings 1 and 6: a rollback acts only within the reach of the person who asks for it,
// undoes what a cancelled import applied, and takes back the welcomes of the accounts it removes.
describeEachDatabase('rolling an import back', (ctx) => {
  let state: OrgRef;
  let riverside: OrgRef;
  let kern: OrgRef;
  let stateAdmin: Session;
  let countyAdmin: Session;

  before(async () => {
    state = await createOrg(ctx(), 'Rollback State');
    riverside = await createOrg(ctx(), 'Riverside County', state);
    kern = await createOrg(ctx(), 'Kern County', state);
    stateAdmin = (await signedInAdmin(ctx(), state)).session;
    countyAdmin = (await signedInAdmin(ctx(), riverside)).session;
  });

  test('an account moved out of the county admin’s reach is left alone by their rollback, and the row says so', async () => {
    const planned = await planImport(
      ctx(),
      countyAdmin,
      riverside.id,
      `${importHeader}\n,Moved,Tom,tom@riverside.gov,,,,,,,\n,Stays,Ann,ann@riverside.gov,,,,,,,\n`,
    );
    const imported = await commitImport(ctx(), countyAdmin, planned.id);
    assert.equal(imported.status, 'completed');
    const [tomRow, annRow] = await importRows(ctx(), countyAdmin, planned.id);
    const tom = tomRow?.accountId as string;
    const ann = annRow?.accountId as string;

    const moved = await ctx().call('PATCH', `/api/accounts/${tom}`, { as: stateAdmin, body: { orgId: kern.id } });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal((await ctx().call('GET', `/api/accounts/${tom}`, { as: countyAdmin })).statusCode, 404);

    const rollback = await ctx().call('POST', `/api/imports/${planned.id}/rollback`, { as: countyAdmin });
    assert.equal(rollback.statusCode, 202, rollback.body);
    await ctx().drainJobs();

    assert.equal((await ctx().call('GET', `/api/imports/${planned.id}`, { as: countyAdmin })).json().status, 'rolled_back');
    const tomNow = await ctx().call('GET', `/api/accounts/${tom}`, { as: stateAdmin });
    assert.equal(tomNow.statusCode, 200, 'Tom still exists');
    assert.equal(tomNow.json().status, 'invited', 'Tom is not archived');
    assert.equal(tomNow.json().orgId, kern.id);
    assert.equal((await ctx().call('GET', `/api/accounts/${ann}`, { as: stateAdmin })).statusCode, 404, 'Ann, still in reach, was removed');

    const rows = await importRows(ctx(), countyAdmin, planned.id);
    const kept = rows.find((r) => r.line === tomRow?.line);
    assert.equal(kept?.outcome, 'created');
    assert.equal(kept?.reason, 'out_of_scope');
    assert.equal(kept?.message, 'Not rolled back: this account is now outside your organizations.');

    const audit = await ctx().call('GET', `/api/audit?targetId=${tom}`, { as: ctx().root });
    const actions = (audit.json().items as Array<{ action: string }>).map((e) => e.action);
    assert.ok(!actions.includes('account.archived') && !actions.includes('account.deleted'), actions.join(', '));
  });

  test('a rollback leaves alone an account that holds a role beyond the county admin’s reach', async () => {
    // A state administrator who lives in Riverside: the county admin sees the account but may not change it.
    const wider = await ctx().call('POST', '/api/accounts', {
      as: ctx().root,
      body: { orgId: state.id, firstName: 'Other', lastName: 'Admin', email: 'other-admin@state.gov', role: 'admin' },
    });
    assert.equal(wider.statusCode, 201, wider.body);
    const id = wider.json().id as string;
    assert.equal((await ctx().call('PATCH', `/api/accounts/${id}`, { as: ctx().root, body: { orgId: riverside.id } })).statusCode, 200);
    // The state admin imports into Riverside and changes that account; the county admin then rolls it back.
    const planned = await planImport(
      ctx(),
      stateAdmin,
      riverside.id,
      `${importHeader}\n,Admin,Other,other-admin@state.gov,,,Changed,,,,\n`,
    );
    await commitImport(ctx(), stateAdmin, planned.id);
    assert.equal((await ctx().call('GET', `/api/accounts/${id}`, { as: ctx().root })).json().employeeType, 'Changed');
    const rollback = await ctx().call('POST', `/api/imports/${planned.id}/rollback`, { as: countyAdmin });
    assert.equal(rollback.statusCode, 202, rollback.body);
    await ctx().drainJobs();
    assert.equal((await ctx().call('GET', `/api/accounts/${id}`, { as: ctx().root })).json().employeeType, 'Changed');
    const [kept] = await importRows(ctx(), countyAdmin, planned.id);
    assert.equal(kept?.reason, 'out_of_scope');
  });

  test('a cancelled import is rolled back: what it applied is removed and the unsent welcomes are cancelled, their links dead', async () => {
    const lines = Array.from({ length: 1001 }, (_, i) => `,Partial${i},Pia,pia${i}@partial.riverside.gov,,,,,,,`);
    const planned = await planImport(ctx(), countyAdmin, riverside.id, `${importHeader}\n${lines.join('\n')}\n`);
    assert.equal(planned.counts.created, 1001);
    const started = await ctx().call('POST', `/api/imports/${planned.id}/commit`, { as: countyAdmin });
    assert.equal(started.statusCode, 202, started.body);
    // Runs the commit job by hand so the cancel lands exactly between its first and second batch.
    const controller = new AbortController();
    const handler = ctx().services.jobHandlers['import.commit'] as (c: unknown) => Promise<unknown>;
    await handler({
      job: { id: 'manual-commit', type: 'import.commit', payload: { importId: planned.id }, attempt: 1, progress: null },
      signal: controller.signal,
      reportProgress: async () => {
        const cancel = await ctx().call('POST', `/api/imports/${planned.id}/cancel`, { as: countyAdmin });
        assert.equal(cancel.statusCode, 202, cancel.body);
        controller.abort();
      },
    });
    await ctx().drainJobs(); // delivers the welcomes: without SMTP they are held
    const cancelled = (await ctx().call('GET', `/api/imports/${planned.id}`, { as: countyAdmin })).json();
    assert.equal(cancelled.status, 'cancelled');
    const search = () => ctx().call('GET', '/api/accounts?q=pia&limit=1&count=exact', { as: countyAdmin });
    assert.equal((await search()).json().total, 1000, 'the first batch was applied');

    const welcome = (await ctx().services.outbox.messagesTo(ctx().database.db, 'pia0@partial.riverside.gov')).find(
      (m) => m.kind === 'welcome_activation',
    );
    assert.ok(welcome);
    const token = /\/register\/([A-Za-z0-9_-]+)/.exec(welcome.bodyText)?.[1];
    assert.equal((await ctx().call('GET', `/api/registration/${token}`)).statusCode, 200, 'the link works before the rollback');

    const rollback = await ctx().call('POST', `/api/imports/${planned.id}/rollback`, { as: countyAdmin });
    assert.equal(rollback.statusCode, 202, rollback.body);
    await ctx().drainJobs();
    assert.equal((await ctx().call('GET', `/api/imports/${planned.id}`, { as: countyAdmin })).json().status, 'rolled_back');
    assert.equal((await search()).json().total, 0);

    const shown = await ctx().call('GET', `/api/mail/${welcome.id}`, { as: ctx().root });
    assert.equal(shown.json().status, 'cancelled');
    assert.equal((await ctx().call('POST', `/api/mail/${welcome.id}/send-again`, { as: ctx().root })).statusCode, 409);
    assert.notEqual((await ctx().call('GET', `/api/registration/${token}`)).statusCode, 200, 'the link is dead');
    const stillHeld = await ctx().call('GET', '/api/mail?status=held&limit=200', { as: ctx().root });
    assert.ok(!(stillHeld.json().items as Array<{ recipient: string }>).some((m) => m.recipient.endsWith('@partial.riverside.gov')));
  });

  test('an import that changed nothing cannot be rolled back', async () => {
    const planned = await planImport(ctx(), countyAdmin, riverside.id, `${importHeader}\n,Nobody,No,not-an-email,,,,,,,\n`);
    const done = await commitImport(ctx(), countyAdmin, planned.id);
    assert.equal(done.status, 'completed');
    const rollback = await ctx().call('POST', `/api/imports/${planned.id}/rollback`, { as: countyAdmin });
    assert.equal(rollback.statusCode, 409);
    assert.equal(rollback.json().error.code, 'invalid_state');
  });
});

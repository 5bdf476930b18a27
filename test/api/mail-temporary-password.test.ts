import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeEachDatabase } from '../support/context.ts';
import { createAccount, createOrg, type OrgRef } from '../support/factories.ts';
import { importHeader, planImport, commitImport } from '../support/imports.ts';
import { SmtpSink } from '../support/smtp-sink.ts';

const sink = new SmtpSink();
await sink.start();
after(() => sink.stop());

const hidden = '[temporary password, shown only to its recipient]';

// A tenant that sends temporary passwords in the welcome: the person receives it; once delivered, the stored
// copy (what the Mail page shows, what the database keeps) no longer holds it, as delivered links are hidden.
describeEachDatabase(
  'mail: a delivered welcome keeps no temporary password',
  (ctx) => {
    let tenant: OrgRef;

    before(async () => {
      tenant = await createOrg(ctx(), 'Told Tenant');
      const changed = await ctx().call('PATCH', `/api/tenants/${tenant.tenantId}/settings`, {
        as: ctx().root,
        body: { temporaryPasswordInEmail: true },
      });
      assert.equal(changed.statusCode, 200, changed.body);
    });

    const storedCopy = async (email: string) => {
      const [row] = await ctx().services.outbox.messagesTo(ctx().database.db, email);
      assert.ok(row, `a message to ${email}`);
      const shown = await ctx().call('GET', `/api/mail/${row.id}`, { as: ctx().root });
      assert.equal(shown.statusCode, 200, shown.body);
      const stored = await ctx().database.db.selectFrom('outbox').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      return { shown: shown.json(), stored };
    };

    test('one account: the recipient has the password, the Mail page and the stored row do not', async () => {
      const person = await createAccount(ctx(), {
        orgId: tenant.id,
        email: `told.one.${ctx().kind}@told.example`,
        password: 'Lantern-Quay-4417&',
      });
      await ctx().drainJobs();
      const received = sink.received.filter((m) => m.to.includes(person.email));
      assert.equal(received.length, 1);
      assert.match(received[0]?.text ?? '', /Lantern-Quay-4417&/);
      assert.match(received[0]?.html ?? '', /Lantern-Quay-4417&amp;/);

      const { shown, stored } = await storedCopy(person.email);
      assert.equal(shown.status, 'sent');
      const everything = [
        shown.subject,
        shown.bodyText,
        shown.bodyHtml,
        stored.subject,
        stored.bodyText,
        stored.bodyHtml,
        stored.payload,
      ].join('\n');
      assert.doesNotMatch(everything, /Lantern-Quay-4417/);
      assert.match(shown.bodyText, new RegExp(hidden.replace(/[[\]]/g, '\\$&')));
      assert.equal(JSON.parse(stored.payload).accountId, person.id, 'the payload keeps what it needs besides');
    });

    test('an import: each welcome leaves with its password and is stored without it', async () => {
      // One sink for both databases: each run writes to its own addresses.
      const noor = `noor.quarry.${ctx().kind}@told.example`;
      const file = [importHeader, `T-1,Quarry,Noor,${noor},Active,,,,,Meadow-Fern-8802,`].join('\n');
      const planned = await planImport(ctx(), ctx().root, tenant.id, file);
      const done = await commitImport(ctx(), ctx().root, planned.id);
      assert.equal(done.counts.created, 1);
      await ctx().drainJobs();
      const received = sink.received.filter((m) => m.to.includes(noor));
      assert.match(received[0]?.text ?? '', /Meadow-Fern-8802/);
      const { shown, stored } = await storedCopy(noor);
      assert.doesNotMatch([shown.bodyText, shown.bodyHtml, stored.bodyText, stored.payload].join('\n'), /Meadow-Fern-8802/);
    });
  },
  { smtpUrl: sink.url },
);

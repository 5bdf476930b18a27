import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { JobContext, JobHandler } from '../../src/server/jobs/index.ts';
import { inTransaction } from '../../src/server/db/transaction.ts';
import { DeliveryBusyError } from '../../src/server/modules/notifications/delivery.service.ts';
import { describeEachDatabase, type TestContext } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { multipartBody } from '../support/multipart.ts';
import { SmtpSink } from '../support/smtp-sink.ts';

const password = 'Temporary-pass-1';
const sink = new SmtpSink();
await sink.start();
after(() => sink.stop());

const outboxRow = async (ctx: TestContext, recipient: string) => {
  const [row] = await ctx.services.outbox.messagesTo(ctx.database.db, recipient);
  assert.ok(row, `a message to ${recipient}`);
  return row;
};
/** Long enough that a drain never reaches the retry itself, even on a busy machine; the tests wait for it. */
const retryBaseMs = 400;
const waitForRetry = () => new Promise((resolve) => setTimeout(resolve, retryBaseMs + 50));
const receivedBy = (email: string) => sink.received.filter((m) => m.to.includes(email));

/** Runs the delivery handler directly, as the runner would on attempt `attempt`. */
function runDeliver(ctx: TestContext, outboxId: string, attempt = 1) {
  const handler = ctx.services.jobHandlers['notification.deliver'] as JobHandler<unknown> | undefined;
  assert.ok(handler);
  const job: JobContext<{ outboxId: string }> = {
    job: { id: `manual-${attempt}`, type: 'notification.deliver', payload: { outboxId }, attempt, progress: null },
    signal: new AbortController().signal,
    reportProgress: async () => undefined,
  };
  return handler(job);
}

describeEachDatabase(
  'mail through SMTP',
  (ctx) => {
    let county: OrgRef;

    test('setup: a tenant with a county', async () => {
      county = await createOrg(ctx(), 'Ohio', undefined);
      county = await createOrg(ctx(), 'Franklin County', county);
    });

    test('a new account with a temporary password gets a welcome at its address, without the password', async () => {
      const account = await createAccount(ctx(), { orgId: county.id, firstName: 'Wren', password });
      assert.equal(receivedBy(account.email).length, 0, 'nothing is sent before the transaction has committed and the job runs');
      await ctx().drainJobs();
      const [mail] = receivedBy(account.email);
      assert.ok(mail, 'the welcome arrived');
      assert.equal(mail.headers.subject, 'Your Ohio account is ready');
      assert.match(mail.headers.from ?? '', /no-reply@registrar\.test/);
      assert.match(mail.text, /Hello Wren,/);
      assert.match(mail.text, new RegExp(`Username: ${account.email.replace(/[.+]/g, '\\$&')}`));
      assert.match(mail.text, /Sign in: +http:\/\/localhost:3000/);
      assert.match(mail.text, /Temporary password: \(your administrator will give it to you\)/);
      assert.ok(!mail.text.includes(password), 'the password is never in the email');
      const row = await outboxRow(ctx(), account.email);
      assert.equal(row.status, 'sent');
      assert.ok(row.sentAt);
      assert.equal(mail.headers['message-id'], `<outbox-${row.id}@registrar.test>`);
    });

    test('an account without a password gets an activation link that arrives as text and HTML', async () => {
      const account = await createAccount(ctx(), { orgId: county.id, firstName: 'Lior' });
      await ctx().drainJobs();
      const [mail] = receivedBy(account.email);
      assert.ok(mail, 'the activation welcome arrived');
      assert.equal(mail.headers.subject, 'Activate your Ohio account');
      assert.match(mail.text, /Hello Lior,/);
      const link = /http:\/\/localhost:3000\/register\/([\w-]+)/.exec(mail.text);
      assert.ok(link, 'the text carries the activation link');
      assert.ok(mail.html?.includes(`href="${link[0]}"`), 'the HTML part links to it too');
      const info = await ctx().call('GET', `/api/registration/${link[1]}`);
      assert.equal(info.statusCode, 200, info.body);
      assert.equal(info.json().email, account.email);
    });

    test('with the mail server down the message waits, is retried, and arrives once the server is back', async () => {
      await sink.stop();
      const account = await createAccount(ctx(), { orgId: county.id, password });
      await ctx().drainJobs();
      const waiting = await outboxRow(ctx(), account.email);
      assert.equal(waiting.status, 'pending');
      assert.equal(Number(waiting.attempts), 1);
      assert.ok(waiting.lastError, 'the connection error is recorded');

      await sink.start();
      await waitForRetry();
      await ctx().drainJobs();
      assert.equal(receivedBy(account.email).length, 1);
      const sent = await outboxRow(ctx(), account.email);
      assert.equal(sent.status, 'sent');
      assert.equal(Number(sent.attempts), 2);
    });

    test('a message is delivered once even when its delivery job runs again, or twice at once', async () => {
      const account = await createAccount(ctx(), { orgId: county.id, password });
      await ctx().drainJobs();
      const row = await outboxRow(ctx(), account.email);
      assert.deepEqual(await runDeliver(ctx(), row.id), { outcome: 'already-sent' });
      assert.equal(receivedBy(account.email).length, 1);

      const second = await createAccount(ctx(), { orgId: county.id, password });
      const secondRow = await outboxRow(ctx(), second.email);
      const outcomes = await Promise.allSettled([runDeliver(ctx(), secondRow.id), runDeliver(ctx(), secondRow.id)]);
      // One run sends; the other finds the message taken: still being sent (it fails, to be retried) or, when
      // the first was quicker, already sent.
      const said = outcomes.map((o) =>
        o.status === 'fulfilled'
          ? (o.value as { outcome: string }).outcome
          : o.reason instanceof DeliveryBusyError
            ? 'busy'
            : String(o.reason),
      );
      assert.deepEqual(said.sort(), said.includes('busy') ? ['busy', 'sent'] : ['already-sent', 'sent'], JSON.stringify(outcomes));
      await ctx().drainJobs();
      assert.equal(receivedBy(second.email).length, 1);
    });

    test('a batch (as imports queue them) is one job; a refused address neither holds back nor duplicates the others', async () => {
      const [a, refusedB, c] = ['batch-a', 'refused-b', 'batch-c'].map((name) => `${name}-${ctx().kind}@example.org`) as [
        string,
        string,
        string,
      ];
      const emails = [a, refusedB, c];
      const jobsBefore = await ctx()
        .database.db.selectFrom('jobs' as never)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      await inTransaction(ctx().database.db, (trx) =>
        ctx().services.outbox.enqueueMany(
          trx,
          emails.map((email, i) => ({
            tenantId: county.tenantId,
            kind: 'welcome_password',
            recipient: email,
            subject: 'Your account is ready',
            bodyText: `Hello B, ${email}`,
            dedupeKey: `batch-${i}-${Date.now()}`,
          })),
        ),
      );
      const jobsAfter = await ctx()
        .database.db.selectFrom('jobs' as never)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(jobsAfter.n) - Number(jobsBefore.n), 1, 'one delivery job for the batch');

      await ctx().drainJobs();
      assert.equal(receivedBy(a).length, 1);
      assert.equal(receivedBy(c).length, 1);
      const refused = await outboxRow(ctx(), refusedB);
      assert.equal(refused.status, 'pending');
      assert.match(refused.lastError ?? '', /Mailbox unavailable|550/);

      await waitForRetry();
      await ctx().drainJobs();
      assert.equal(receivedBy(a).length, 1, 'the retry does not send again what was sent');
      assert.equal(receivedBy(c).length, 1);
      assert.equal(Number((await outboxRow(ctx(), refusedB)).attempts), 2);
    });

    test('after the last attempt the message is marked failed, with the reason', async () => {
      await sink.stop();
      try {
        const account = await createAccount(ctx(), { orgId: county.id, password });
        const row = await outboxRow(ctx(), account.email);
        await assert.rejects(runDeliver(ctx(), row.id, 10));
        const failed = await outboxRow(ctx(), account.email);
        assert.equal(failed.status, 'failed');
        assert.ok(failed.lastError);
        const listed = (await ctx().call('GET', '/api/mail?status=failed', { as: ctx().root })).json().items;
        assert.ok(
          listed.some((m: { id: string }) => m.id === row.id),
          'the failure is visible on the Mail page',
        );
      } finally {
        await sink.start();
      }
    });
  },
  {
    get smtpUrl() {
      return sink.url;
    },
    retryBaseMs,
  },
);

describeEachDatabase('mail without SMTP (held)', (ctx) => {
  let ohio: OrgRef;
  let franklin: OrgRef;
  let texas: OrgRef;

  test('setup: two tenants', async () => {
    ohio = await createOrg(ctx(), 'Ohio');
    franklin = await createOrg(ctx(), 'Franklin County', ohio);
    texas = await createOrg(ctx(), 'Texas');
  });

  test('messages are held in the outbox and listed by GET /api/mail with their body', async () => {
    const account = await createAccount(ctx(), { orgId: franklin.id, password });
    await ctx().drainJobs();
    const list = await ctx().call('GET', '/api/mail?status=held', { as: ctx().root });
    assert.equal(list.statusCode, 200, list.body);
    const item = list.json().items.find((m: { recipient: string }) => m.recipient === account.email);
    assert.ok(item, 'the welcome is listed');
    assert.equal(item.status, 'held');
    assert.equal(item.kind, 'welcome_password');
    assert.match(item.subject, /^Your .+ account is ready$/);
    const one = await ctx().call('GET', `/api/mail/${item.id}`, { as: ctx().root });
    assert.equal(one.statusCode, 200);
    assert.match(one.json().bodyText, /An account has been created for you/);
    assert.ok(!one.json().bodyText.includes(password));
  });

  test('an import queues a welcome per account created with a password, in its own transaction', async () => {
    const admin = await signedInAdmin(ctx(), ohio);
    const header = 'UserID,LastName,FirstName,Email,Status,Affiliation,EmployeeType,DateHire,Role,Password,Organization';
    const file = [header, ',One,Ida,ida@franklin.gov,,,,,,Changeme1!,', ',Two,Jo,jo@franklin.gov,,,,,,,'].join('\r\n');
    const body = multipartBody({ orgId: franklin.id, template: 'accounts' }, { name: 'people.csv', content: file });
    const upload = await ctx().app.inject({
      method: 'POST',
      url: '/api/imports',
      payload: body.payload,
      headers: { cookie: admin.session.cookie as string, 'content-type': body.contentType },
    });
    assert.equal(upload.statusCode, 202, upload.body);
    await ctx().drainJobs();
    const commit = await ctx().call('POST', `/api/imports/${upload.json().id}/commit`, { as: admin.session });
    assert.equal(commit.statusCode, 202, commit.body);
    await ctx().drainJobs();
    const ida = await outboxRow(ctx(), 'ida@franklin.gov');
    assert.equal(ida.kind, 'welcome_password');
    assert.equal(ida.status, 'held');
    assert.ok(!ida.bodyText.includes('Changeme1!'));
    const jo = await outboxRow(ctx(), 'jo@franklin.gov');
    assert.equal(jo.kind, 'welcome_activation', 'no password: an activation link (the default onboarding mode)');
    assert.match(jo.bodyText, /\/register\/[\w-]{40,}/);
    assert.equal((await outboxRow(ctx(), admin.account.email)).kind, 'import_log');
  });

  test('a tenant-root administrator reads only their tenant’s mail; a county administrator only their county’s', async () => {
    const texan = await createAccount(ctx(), { orgId: texas.id, password });
    await ctx().drainJobs();
    const texanRow = await outboxRow(ctx(), texan.email);

    const ohioAdmin = await signedInAdmin(ctx(), ohio);
    const page = await ctx().call('GET', '/api/mail?limit=200', { as: ohioAdmin.session });
    assert.equal(page.statusCode, 200, page.body);
    const items = page.json().items as Array<{ tenantId: string }>;
    assert.ok(items.length > 0);
    assert.ok(
      items.every((m) => m.tenantId === ohio.tenantId),
      'only Ohio’s messages',
    );
    assert.equal((await ctx().call('GET', `/api/mail/${texanRow.id}`, { as: ohioAdmin.session })).statusCode, 404);

    // County administrators read the mail to their own county's accounts (test/api/mail-scope.test.ts), nothing else.
    const countyAdmin = await signedInAdmin(ctx(), franklin);
    assert.equal((await ctx().call('GET', '/api/mail', { as: countyAdmin.session })).statusCode, 200);
    assert.equal((await ctx().call('GET', `/api/mail/${texanRow.id}`, { as: countyAdmin.session })).statusCode, 404);
    assert.equal((await ctx().call('GET', '/api/mail')).statusCode, 401);
  });

  test('the list pages with a cursor, newest first', async () => {
    const first = await ctx().call('GET', '/api/mail?limit=2', { as: ctx().root });
    const { items, nextCursor } = first.json();
    assert.equal(items.length, 2);
    assert.ok(nextCursor);
    const next = (await ctx().call('GET', `/api/mail?limit=2&cursor=${nextCursor}`, { as: ctx().root })).json();
    assert.ok(next.items.length > 0);
    assert.ok(!next.items.some((m: { id: string }) => items.some((i: { id: string }) => i.id === m.id)));
    assert.ok(next.items[0].createdAt <= items[1].createdAt);
  });
});

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createServices } from '../../src/server/container.ts';
import { JobRunner } from '../../src/server/jobs/index.ts';
import { describeEachDatabase, type TestContext } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin } from '../support/factories.ts';
import { SmtpSink } from '../support/smtp-sink.ts';

const sink = new SmtpSink();
await sink.start();
after(() => sink.stop());

const past = '2000-01-01T00:00:00.000Z';
const receivedBy = (email: string) => sink.received.filter((m) => m.to.includes(email));

/**
 * The process that comes back after a crash: new services and a new job runner over the same
 * database, sharing nothing in memory with the one that died.
 */
async function restartedProcessDelivers(ctx: TestContext): Promise<void> {
  const services = createServices(ctx.database, {
    sessionTtlHours: 12,
    smtpUrl: sink.url,
    mailFrom: 'Registrar <no-reply@registrar.test>',
  });
  const runner = new JobRunner({
    db: ctx.database.db,
    queue: services.jobQueue,
    handlers: services.jobHandlers,
    workerId: `restarted-${ctx.kind}`,
  });
  try {
    while (await runner.runOnce()) {
      /* every due job */
    }
  } finally {
    services.mailTransport.close();
  }
}

describeEachDatabase('mail survives a crash between commit and send', (ctx) => {
  let orgId: string;

  test('setup', async () => {
    orgId = (await createOrg(ctx(), 'Crash Tenant')).id;
  });

  test('the process dies right after the account is committed: the restarted one sends the welcome, once', async () => {
    const account = await createAccount(ctx(), { orgId, password: 'Crash-temp-pass-1' });
    // The dying process never ran its delivery job.
    assert.equal(receivedBy(account.email).length, 0);
    await restartedProcessDelivers(ctx());
    assert.equal(receivedBy(account.email).length, 1, 'delivered by the restarted process');
    await ctx().drainJobs();
    await restartedProcessDelivers(ctx());
    assert.equal(receivedBy(account.email).length, 1, 'and never again');
    const [row] = await ctx().services.outbox.messagesTo(ctx().database.db, account.email);
    assert.equal(row?.status, 'sent');
  });

  test('the process dies holding the message (claimed, not yet sent): after the leases run out it is sent once', async () => {
    const account = await createAccount(ctx(), { orgId });
    const [row] = await ctx().services.outbox.messagesTo(ctx().database.db, account.email);
    assert.ok(row);
    // What the dead process left behind: its job running under its lease, the message claimed by its attempt.
    await ctx()
      .database.db.updateTable('outbox')
      .set({ status: 'sending', attempts: 1, leaseUntil: past })
      .where('id', '=', row.id)
      .execute();
    const jobs = (await ctx()
      .database.db.selectFrom('jobs' as never)
      .select(['id' as never, 'payload' as never])
      .where('status' as never, '=', 'queued' as never)
      .execute()) as Array<{ id: string; payload: string }>;
    const job = jobs.find((j) => j.payload.includes(row.id));
    assert.ok(job, 'the delivery job was queued with the account');
    await ctx()
      .database.db.updateTable('jobs' as never)
      .set({ status: 'running', lockedBy: 'dead-process', attempt: 1, leaseUntil: past } as never)
      .where('id' as never, '=', job.id as never)
      .execute();

    await restartedProcessDelivers(ctx());
    const mail = receivedBy(account.email);
    assert.equal(mail.length, 1, 'sent once by the process that took over');
    assert.match(mail[0]?.text ?? '', /\/register\//);
    const after = (await ctx().services.outbox.messagesTo(ctx().database.db, account.email))[0];
    assert.equal(after?.status, 'sent');
    assert.equal(Number(after?.attempts), 2, 'the dead attempt counts; the new one sent it');
  });
});

describeEachDatabase(
  'mail: send again and send held',
  (ctx) => {
    test('a failed message and held ones are sent when an administrator asks, once SMTP is configured', async () => {
      const org = await createOrg(ctx(), 'Again Tenant');
      const failed = await createAccount(ctx(), { orgId: org.id });
      const held = await createAccount(ctx(), { orgId: org.id });
      const rowOf = async (email: string) => (await ctx().services.outbox.messagesTo(ctx().database.db, email))[0];
      const failedRow = await rowOf(failed.email);
      const heldRow = await rowOf(held.email);
      assert.ok(failedRow && heldRow);
      // As if the first had used up its attempts and the second was written before SMTP was configured.
      await ctx()
        .database.db.updateTable('jobs' as never)
        .set({ status: 'succeeded' } as never)
        .where('status' as never, '=', 'queued' as never)
        .execute();
      await ctx()
        .database.db.updateTable('outbox')
        .set({ status: 'failed', attempts: 10, lastError: '550 mailbox full' })
        .where('id', '=', failedRow.id)
        .execute();
      await ctx().database.db.updateTable('outbox').set({ status: 'held' }).where('id', '=', heldRow.id).execute();

      const list = await ctx().call('GET', '/api/mail', { as: ctx().root });
      assert.equal(list.json().delivery, 'smtp');
      const sentAlready = await ctx().call('POST', `/api/mail/${failedRow.id}/send-again`, { as: ctx().root });
      assert.equal(sentAlready.statusCode, 200, sentAlready.body);
      assert.deepEqual(sentAlready.json(), { queued: 1 });
      const heldAll = await ctx().call('POST', '/api/mail/send-held', { as: ctx().root });
      assert.ok(heldAll.json().queued >= 1);
      await ctx().drainJobs();
      assert.equal(receivedBy(failed.email).length, 1);
      assert.equal(receivedBy(held.email).length, 1);
      const twice = await ctx().call('POST', `/api/mail/${failedRow.id}/send-again`, { as: ctx().root });
      assert.equal(twice.statusCode, 409, 'a sent message is not sent again');
      assert.equal((await ctx().call('POST', '/api/mail/no-such-message/send-again', { as: ctx().root })).statusCode, 404);
    });

    test('a held message whose link has since been used or replaced is not sent; sent messages keep no usable link', async () => {
      const org = await createOrg(ctx(), 'Dead Link Tenant');
      const account = await createAccount(ctx(), { orgId: org.id, firstName: 'Ines' });
      const [row] = await ctx().services.outbox.messagesTo(ctx().database.db, account.email);
      assert.ok(row);
      await ctx()
        .database.db.updateTable('jobs' as never)
        .set({ status: 'succeeded' } as never)
        .where('status' as never, '=', 'queued' as never)
        .execute();
      await ctx().database.db.updateTable('outbox').set({ status: 'held' }).where('id', '=', row.id).execute();
      // Meanwhile an administrator sent a new link: the held one is dead.
      const resent = await ctx().call('POST', `/api/accounts/${account.id}/send-activation`, { as: ctx().root });
      assert.equal(resent.statusCode, 200, resent.body);
      assert.equal((await ctx().call('POST', '/api/mail/send-held', { as: ctx().root })).statusCode, 200);
      await ctx().drainJobs();
      const received = receivedBy(account.email);
      assert.equal(received.length, 1, 'only the live link went out');
      const links = received.map((m) => /\/register\/([\w-]+)/.exec(m.text)?.[1]);
      assert.equal((await ctx().call('GET', `/api/registration/${links[0]}`)).statusCode, 200, 'and it is the new one');
      const dead = await ctx().call('GET', `/api/mail/${row.id}`, { as: ctx().root });
      assert.equal(dead.json().status, 'failed');
      assert.match(dead.json().lastError, /^Not sent: the link in it has expired or was replaced/);

      const sent = (await ctx().services.outbox.messagesTo(ctx().database.db, account.email)).find((m) => m.status === 'sent');
      assert.ok(sent);
      assert.ok(!/\/register\/[\w-]+/.test(sent.bodyText), 'the stored copy of a delivered message has no usable link');
      const audit = await ctx().call('GET', '/api/audit?action=mail.held_sent', { as: ctx().root });
      assert.ok(audit.json().items.length >= 1, 'sending held mail is audited');
    });
  },
  { smtpUrl: sink.url },
);

describeEachDatabase('mail: nothing to send without SMTP', (ctx) => {
  test('a password reset link is never shown on the Mail page, so no administrator can use it', async () => {
    const org = await createOrg(ctx(), 'Takeover Tenant');
    const admin = await signedInAdmin(ctx(), { id: org.id, name: org.name, tenantId: org.tenantId });
    const colleague = await signedInAdmin(ctx(), { id: org.id, name: org.name, tenantId: org.tenantId });
    await ctx().call('POST', '/api/auth/password-reset', { body: { username: colleague.account.email } });
    await ctx().drainJobs();
    const list = await ctx().call('GET', '/api/mail?status=held', { as: admin.session });
    const item = list
      .json()
      .items.find((m: { kind: string; recipient: string }) => m.kind === 'password_reset' && m.recipient === colleague.account.email);
    assert.ok(item, 'the reset message is listed');
    const shown = await ctx().call('GET', `/api/mail/${item.id}`, { as: admin.session });
    assert.equal(shown.statusCode, 200);
    assert.ok(
      !/reset-password\/[\w-]+/.test(shown.json().bodyText + shown.json().bodyHtml),
      'no usable reset link in what the administrator sees',
    );
    assert.match(shown.json().bodyText, /single-use link, shown only to its recipient/);
  });

  test('send again and send held explain that SMTP is not configured', async () => {
    const org = await createOrg(ctx(), 'Held Tenant');
    const account = await createAccount(ctx(), { orgId: org.id });
    await ctx().drainJobs();
    const [row] = await ctx().services.outbox.messagesTo(ctx().database.db, account.email);
    const list = await ctx().call('GET', '/api/mail', { as: ctx().root });
    assert.equal(list.json().delivery, 'held');
    const again = await ctx().call('POST', `/api/mail/${row?.id}/send-again`, { as: ctx().root });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'smtp_not_configured');
    assert.equal((await ctx().call('POST', '/api/mail/send-held', { as: ctx().root })).json().error.code, 'smtp_not_configured');
  });
});

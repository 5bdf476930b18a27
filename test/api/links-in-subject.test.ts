import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type TestContext } from '../support/context.ts';
import { createAccount, createOrg, uniqueSuffix, type AccountRef, type OrgRef } from '../support/factories.ts';

/** The reset token in the newest stored reset message to `email` (read from the outbox itself, behind the API). */
async function storedResetMessage(ctx: TestContext, email: string) {
  await ctx.drainJobs();
  const message = (await ctx.services.outbox.messagesTo(ctx.database.db, email)).find((m) => m.kind === 'password_reset');
  assert.ok(message, 'a reset message was stored');
  const token = /\/reset-password\/([\w-]+)/.exec(`${message.subject} ${message.bodyText}`)?.[1];
  assert.ok(token, 'the stored message carries its link');
  return { message, token };
}

/** Everything the Mail page can show about a message: the list and the message itself. */
async function mailPageText(ctx: TestContext, id: string): Promise<string> {
  const list = await ctx.call('GET', '/api/mail?limit=200', { as: ctx.root });
  const one = await ctx.call('GET', `/api/mail/${id}`, { as: ctx.root });
  assert.equal(list.statusCode, 200, list.body);
  assert.equal(one.statusCode, 200, one.body);
  return `${list.body}\n${one.body}`;
}

describeEachDatabase('links stay out of subjects and off the Mail page', (ctx) => {
  let org: OrgRef;
  let person: AccountRef;

  before(async () => {
    org = await createOrg(ctx(), `Subject Tenant ${uniqueSuffix()}`);
    person = await createAccount(ctx(), { orgId: org.id, password: 'Temporary-pass-3' });
  });

  test('a template with a link placeholder in its subject is refused with link_in_subject', async () => {
    for (const [key, subject] of [
      ['password_reset', 'Reset here: {{resetUrl}}'],
      ['welcome_activation', 'Start at {{ activationUrl }}'],
      ['welcome_password', 'Sign in at {{loginUrl}}'],
      ['import_log', 'Failures: {{failedRowsUrl}}'],
    ] as const) {
      const current = (await ctx().call('GET', `/api/email-templates/${key}?tenantId=${org.id}`, { as: ctx().root })).json();
      const response = await ctx().call('PUT', `/api/email-templates/${key}?tenantId=${org.id}`, {
        as: ctx().root,
        body: { subject, bodyText: current.bodyText, bodyHtml: current.bodyHtml },
      });
      assert.equal(response.statusCode, 400, `${key}: ${response.body}`);
      assert.equal(response.json().error.code, 'link_in_subject');
      assert.match(response.json().error.details.fields.subject, /body/);
    }
  });

  test('a template stored before the check, with the reset link in its subject, never shows a live link on the Mail page', async () => {
    const definition = (await ctx().call('GET', `/api/email-templates/password_reset?tenantId=${org.id}`, { as: ctx().root })).json();
    const now = new Date().toISOString();
    await ctx()
      .database.db.insertInto('emailTemplates')
      .values({
        id: `old-${uniqueSuffix()}`,
        tenantId: org.tenantId,
        key: 'password_reset',
        subject: 'Your link: {{resetUrl}}',
        bodyText: definition.bodyText,
        bodyHtml: '<p>Choose a password: <a href="{{resetUrl}}">{{resetUrl}}</a></p>',
        updatedBy: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    assert.equal((await ctx().call('POST', '/api/auth/password-reset', { body: { username: person.email } })).statusCode, 202);
    const { message, token } = await storedResetMessage(ctx(), person.email);
    assert.ok(!message.subject.includes(token), 'the link is not even rendered into the subject');
    assert.ok(!(await mailPageText(ctx(), message.id)).includes(token));
  });

  test('an older message whose stored subject carries a link has it hidden too, in the list and the message', async () => {
    assert.equal((await ctx().call('POST', '/api/auth/password-reset', { body: { username: person.email } })).statusCode, 202);
    const { message, token } = await storedResetMessage(ctx(), person.email);
    // As a message rendered by an earlier version would have been stored.
    const link = `http://localhost:3000/reset-password/${token}`;
    await ctx()
      .database.db.updateTable('outbox')
      .set({ subject: `Reset: ${link}` })
      .where('id', '=', message.id)
      .execute();
    const shown = await mailPageText(ctx(), message.id);
    assert.ok(!shown.includes(token));
    assert.match(shown, /single-use link/);
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase, type Session, type TestContext } from '../support/context.ts';
import { createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';

const person = {
  firstName: '<b>x</b>',
  lastName: 'Silva',
  email: 'ana@example.org',
  username: 'ana@example.org',
  orgName: 'Franklin County',
  tenantName: 'Ohio',
  loginUrl: 'https://registrar.test/sign-in',
  activationUrl: 'https://registrar.test/register/abc',
  expiresOn: 'May 1, 2027',
  senderFirstName: 'Maria',
  senderLastName: 'Lopez',
};

/** An activation welcome as the onboarding service renders it, for the given tenant. */
async function renderWelcome(ctx: TestContext, tenantId: string, values: Record<string, string> = person) {
  const render = await ctx.services.emailTemplates.compile(ctx.database.db, tenantId, 'welcome_activation');
  return render(values);
}

const ohioWelcome = {
  subject: 'Welcome to Ohio, {{firstName}}',
  bodyText: 'Hi {{ firstName }},\n\nStart here: {{activationUrl}}\n\n{{senderFirstName}} at {{orgName}}',
  bodyHtml: null,
};

describeEachDatabase('email templates', (ctx) => {
  let ohio: OrgRef;
  let franklin: OrgRef;
  let texas: OrgRef;
  let ohioAdmin: Session;
  let countyAdmin: Session;
  let texasAdmin: Session;

  const url = (key = '', tenantId?: string, suffix = '') =>
    `/api/email-templates${key ? `/${key}` : ''}${suffix}${tenantId ? `?tenantId=${encodeURIComponent(tenantId)}` : ''}`;
  const put = (key: string, body: unknown, as: Session = ohioAdmin, tenantId?: string) =>
    ctx().call('PUT', url(key, tenantId), { as, body });

  test('setup: two tenants, a county, and their administrators', async () => {
    ohio = await createOrg(ctx(), 'Ohio');
    franklin = await createOrg(ctx(), 'Franklin County', ohio);
    texas = await createOrg(ctx(), 'Texas');
    ohioAdmin = (await signedInAdmin(ctx(), ohio)).session;
    countyAdmin = (await signedInAdmin(ctx(), franklin)).session;
    texasAdmin = (await signedInAdmin(ctx(), texas)).session;
  });

  test('a tenant starts with the eleven built-in emails, in catalog order, with their placeholders', async () => {
    const response = await ctx().call('GET', url(), { as: ohioAdmin });
    assert.equal(response.statusCode, 200, response.body);
    const items = response.json().items;
    assert.deepEqual(
      items.map((t: { key: string }) => t.key),
      [
        'welcome_activation',
        'welcome_password',
        'password_reset',
        'import_log',
        'import_refused',
        'invitation',
        'invitation_accepted',
        'enrolled',
        'waitlisted',
        'promoted',
        'section_cancelled',
        'account_request_received',
        'account_request_handed',
        'seats_warning',
        'inactivity_notice',
      ],
    );
    const [activation] = items;
    assert.equal(activation.label, 'Welcome with activation link');
    assert.equal(activation.subject, 'Activate your {{tenantName}} account');
    assert.match(activation.bodyText, /\{\{activationUrl\}\}/);
    assert.equal(activation.bodyHtml, null);
    assert.ok(activation.placeholders.includes('activationUrl'));
    assert.deepEqual(activation.requiredPlaceholders, ['activationUrl']);
    for (const item of items) {
      assert.equal(item.customized, false, item.key);
      assert.equal(item.updatedAt, null, item.key);
    }
  });

  test('a saved wording is what the tenant’s emails say, and only that tenant’s', async () => {
    const saved = await put('welcome_activation', ohioWelcome);
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().subject, ohioWelcome.subject);
    assert.equal(saved.json().customized, true);
    assert.ok(saved.json().updatedAt);

    const read = (await ctx().call('GET', url('welcome_activation'), { as: ohioAdmin })).json();
    assert.equal(read.bodyText, ohioWelcome.bodyText);
    assert.equal(read.customized, true);

    const ohioMail = await renderWelcome(ctx(), ohio.tenantId, { ...person, firstName: 'Ana' });
    assert.equal(ohioMail.subject, 'Welcome to Ohio, Ana');
    assert.equal(ohioMail.bodyText, 'Hi Ana,\n\nStart here: https://registrar.test/register/abc\n\nMaria at Franklin County');
    assert.match(ohioMail.bodyHtml, /<a href="https:\/\/registrar\.test\/register\/abc">/);

    const texasMail = await renderWelcome(ctx(), texas.tenantId, { ...person, firstName: 'Ana', tenantName: 'Texas' });
    assert.equal(texasMail.subject, 'Activate your Texas account', 'another tenant keeps the built-in wording');
    const texasList = (await ctx().call('GET', url(), { as: texasAdmin })).json().items;
    assert.equal(texasList[0].customized, false);
  });

  test('the change is in the audit trail with the subject before and after', async () => {
    const events = (
      await ctx().call('GET', '/api/audit?targetId=welcome_activation&action=email_template.updated', { as: ohioAdmin })
    ).json().items;
    assert.equal(events.length, 1);
    assert.deepEqual(events[0].before, { subject: 'Activate your {{tenantName}} account', customized: false });
    assert.deepEqual(events[0].after, { subject: ohioWelcome.subject });
  });

  test('values are escaped in the HTML part, made from the text or written by the tenant', async () => {
    const fromText = await renderWelcome(ctx(), ohio.tenantId);
    assert.match(fromText.bodyText, /Hi <b>x<\/b>,/, 'the text part is plain text');
    assert.match(fromText.bodyHtml, /Hi &lt;b&gt;x&lt;\/b&gt;,/);
    assert.ok(!fromText.bodyHtml.includes('<b>x</b>'));

    const html = '<h1>Hello {{firstName}}</h1>\n<p><a href="{{activationUrl}}">Choose your password</a></p>';
    assert.equal((await put('welcome_activation', { ...ohioWelcome, bodyHtml: html })).statusCode, 200);
    const written = await renderWelcome(ctx(), ohio.tenantId);
    assert.equal(
      written.bodyHtml,
      '<h1>Hello &lt;b&gt;x&lt;/b&gt;</h1>\n<p><a href="https://registrar.test/register/abc">Choose your password</a></p>',
    );
  });

  test('an empty HTML body is stored as none, so the HTML follows the text again', async () => {
    const saved = await put('welcome_activation', { ...ohioWelcome, bodyHtml: '  ' });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().bodyHtml, null);
    assert.match((await renderWelcome(ctx(), ohio.tenantId)).bodyHtml, /<p>Hi &lt;b&gt;x&lt;\/b&gt;,<\/p>/);
  });

  test('a placeholder the email does not offer is refused, naming it and what may be used', async () => {
    const response = await put('welcome_activation', {
      subject: 'Hi {{fristName}}',
      bodyText: 'Go: {{activationUrl}} with {{password}} and {{fristName}}',
      bodyHtml: null,
    });
    assert.equal(response.statusCode, 400, response.body);
    const error = response.json().error;
    assert.equal(error.code, 'unknown_placeholder');
    assert.match(error.message, /\{\{fristName\}\}, \{\{password\}\}/);
    assert.deepEqual(error.details.unknown, ['fristName', 'password']);
    assert.ok(error.details.allowed.includes('firstName'));
    assert.match(error.details.fields.subject, /\{\{fristName\}\}/);
    assert.match(error.details.fields.bodyText, /\{\{password\}\}/);
    assert.equal(error.details.fields.bodyHtml, undefined);
    assert.equal(
      (await renderWelcome(ctx(), ohio.tenantId, { ...person, firstName: 'Ana' })).subject,
      'Welcome to Ohio, Ana',
      'nothing was saved',
    );
  });

  test('a placeholder from another email is refused too (the import log has no activation link)', async () => {
    const response = await put('import_log', {
      subject: 'Import done',
      bodyText: 'See {{activationUrl}}',
      bodyHtml: '<p>{{temporaryPassword}}</p>',
    });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json().error.details.unknown, ['activationUrl', 'temporaryPassword']);
    assert.ok(response.json().error.details.fields.bodyHtml);
  });

  test('a welcome without its activation link is refused: nobody could activate their account', async () => {
    const response = await put('welcome_activation', { subject: 'Welcome', bodyText: 'Welcome aboard, {{firstName}}!', bodyHtml: null });
    assert.equal(response.statusCode, 400);
    const error = response.json().error;
    assert.equal(error.code, 'validation_failed');
    assert.match(error.message, /\{\{activationUrl\}\}/);
    assert.deepEqual(error.details.missing, ['activationUrl']);
    assert.ok(error.details.fields.bodyText);
  });

  test('reset brings back the built-in wording, and is recorded', async () => {
    const reset = await ctx().call('DELETE', url('welcome_activation'), { as: ohioAdmin });
    assert.equal(reset.statusCode, 204, reset.body);
    const read = (await ctx().call('GET', url('welcome_activation'), { as: ohioAdmin })).json();
    assert.equal(read.customized, false);
    assert.equal(read.updatedAt, null);
    assert.equal(read.subject, 'Activate your {{tenantName}} account');
    assert.equal((await renderWelcome(ctx(), ohio.tenantId)).subject, 'Activate your Ohio account');
    const events = (await ctx().call('GET', '/api/audit?action=email_template.reset', { as: ohioAdmin })).json().items;
    assert.equal(events.length, 1);
    assert.equal(events[0].targetId, 'welcome_activation');

    const again = await ctx().call('DELETE', url('welcome_activation'), { as: ohioAdmin });
    assert.equal(again.statusCode, 204, 'resetting a built-in wording is harmless');
  });

  test('a preview renders an unsaved draft with sample values and lists unknown names without saving', async () => {
    const response = await ctx().call('POST', url('welcome_activation', undefined, '/preview'), {
      as: ohioAdmin,
      body: {
        subject: 'Hello {{firstName}} {{nickname}}',
        bodyText: 'Dear {{firstName}},\n\nActivate: {{activationUrl}}.',
        bodyHtml: null,
      },
    });
    assert.equal(response.statusCode, 200, response.body);
    const preview = response.json();
    assert.equal(preview.subject, 'Hello Ana {{nickname}}', 'an unknown name stays visible as typed');
    assert.equal(preview.bodyText, 'Dear Ana,\n\nActivate: https://registrar.example.org/register/sample-link.');
    assert.match(preview.bodyHtml, /Activate: <a href="https:\/\/registrar\.example\.org\/register\/sample-link">[^<]+<\/a>\./);
    assert.deepEqual(preview.unknown, ['nickname']);
    assert.deepEqual(preview.missing, []);

    const half = await ctx().call('POST', url('welcome_activation', undefined, '/preview'), {
      as: ohioAdmin,
      body: { subject: '', bodyText: 'Hello', bodyHtml: '<p>{{firstName}}</p>' },
    });
    assert.equal(half.statusCode, 200, 'a half-written draft can be previewed');
    assert.equal(half.json().bodyHtml, '<p>Ana</p>');
    assert.deepEqual(half.json().missing, ['activationUrl']);

    assert.equal(
      (await ctx().call('GET', url('welcome_activation'), { as: ohioAdmin })).json().customized,
      false,
      'a preview saves nothing',
    );
  });

  test('only the tenant’s system administrators and global administrators reach its templates', async () => {
    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['PUT', '', ohioWelcome],
      ['DELETE', '', undefined],
      ['POST', '/preview', ohioWelcome],
    ] as const) {
      const county = await ctx().call(method, url('welcome_activation', undefined, suffix), { as: countyAdmin, body });
      assert.equal(county.statusCode, 403, `${method} by a county administrator: ${county.body}`);
      const foreign = await ctx().call(method, url('welcome_activation', ohio.tenantId, suffix), { as: texasAdmin, body });
      assert.equal(foreign.statusCode, 404, `${method} by another tenant’s administrator: ${foreign.body}`);
      assert.equal(foreign.json().error.code, 'not_found');
      const anonymous = await ctx().call(method, url('welcome_activation', ohio.tenantId, suffix), { body });
      assert.equal(anonymous.statusCode, 401);
    }
    assert.equal((await ctx().call('GET', url('', franklin.id), { as: countyAdmin })).statusCode, 404, 'a county is not a tenant');
    assert.equal((await ctx().call('GET', url(), { as: countyAdmin })).statusCode, 403);

    const byGlobal = await put(
      'password_reset',
      { subject: 'Reset for {{firstName}}', bodyText: 'Open {{resetUrl}}', bodyHtml: null },
      ctx().root,
      texas.tenantId,
    );
    assert.equal(byGlobal.statusCode, 200, byGlobal.body);
    const texasReset = (await ctx().call('GET', url('password_reset'), { as: texasAdmin })).json();
    assert.equal(texasReset.subject, 'Reset for {{firstName}}', 'the global administrator edited Texas');
    assert.equal((await ctx().call('GET', url('password_reset'), { as: ohioAdmin })).json().customized, false, 'and not Ohio');
    const listed = await ctx().call('GET', url('', texas.tenantId), { as: ctx().root });
    assert.equal(listed.statusCode, 200);
    assert.equal(listed.json().items[2].customized, true);
  });

  test('saving the same email at once from several sessions never fails', async () => {
    const subjects = ['One {{firstName}}', 'Two {{firstName}}', 'Three {{firstName}}', 'Four {{firstName}}'];
    const responses = await Promise.all(
      subjects.map((subject) => put('welcome_password', { subject, bodyText: 'Hello {{firstName}}', bodyHtml: null })),
    );
    assert.deepEqual(
      responses.map((r) => r.statusCode),
      [200, 200, 200, 200],
      responses.map((r) => r.body).join('\n'),
    );
    const final = (await ctx().call('GET', url('welcome_password'), { as: ohioAdmin })).json();
    assert.ok(subjects.includes(final.subject));
    const list = (await ctx().call('GET', url(), { as: ohioAdmin })).json().items;
    assert.equal(list.filter((t: { key: string }) => t.key === 'welcome_password').length, 1, 'one copy per tenant and email');
  });

  test('bad input gets a 4xx naming the problem, never a 500', async () => {
    const good = { subject: 'Hi', bodyText: 'Hello', bodyHtml: null };
    const cases: Array<[string, unknown, string]> = [
      ['missing subject', { bodyText: 'Hello', bodyHtml: null }, 'subject'],
      ['missing text', { subject: 'Hi', bodyHtml: null }, 'bodyText'],
      ['blank subject', { ...good, subject: '   ' }, 'subject'],
      ['blank text', { ...good, bodyText: ' \n ' }, 'bodyText'],
      ['two-line subject', { ...good, subject: 'Hi\nBcc: x@example.org' }, 'subject'],
      ['long subject', { ...good, subject: 'x'.repeat(201) }, 'subject'],
      ['long text', { ...good, bodyText: 'x'.repeat(20_001) }, 'bodyText'],
      ['long HTML', { ...good, bodyHtml: 'x'.repeat(50_001) }, 'bodyHtml'],
      ['wrong type', { ...good, bodyText: 42 }, 'bodyText'],
      ['unknown field', { ...good, from: 'me@example.org' }, 'from'],
    ];
    for (const [name, body, field] of cases) {
      const response = await put('welcome_password', body);
      assert.equal(response.statusCode, 400, `${name}: ${response.body}`);
      assert.equal(response.json().error.code, 'validation_failed', name);
      assert.ok(field in response.json().error.details.fields, `${name}: ${JSON.stringify(response.json().error.details)}`);
    }
    const longestAllowed = await put('welcome_password', {
      subject: 'x'.repeat(200),
      bodyText: 'y'.repeat(20_000),
      bodyHtml: 'z'.repeat(50_000),
    });
    assert.equal(longestAllowed.statusCode, 200, 'the limits themselves are allowed');

    const others: Array<[string, string, number, unknown?]> = [
      ['GET', url('welcome_letter'), 404],
      ['PUT', url('welcome_letter'), 404, good],
      ['DELETE', url('welcome_letter'), 404],
      ['POST', url('welcome_letter', undefined, '/preview'), 404, good],
      ['GET', url('', 'no-such-tenant'), 404],
      ['GET', url('', 'x'.repeat(65)), 400],
      ['GET', `${url()}?tenant=${ohio.tenantId}`, 400],
      ['GET', url('x'.repeat(65)), 400],
      ['POST', url('welcome_password', undefined, '/preview'), 400, { subject: 'Hi' }],
      ['POST', url('welcome_password', undefined, '/preview'), 400, { ...good, subject: 'x'.repeat(201) }],
    ];
    for (const [method, path, status, body] of others) {
      const response = await ctx().call(method as 'GET', path, { as: ctx().root, body });
      assert.equal(response.statusCode, status, `${method} ${path.slice(0, 80)}: ${response.body}`);
      assert.ok(response.json().error.message, 'an explanation comes with it');
    }
    const notJson = await ctx().app.inject({
      method: 'PUT',
      url: url('welcome_password'),
      payload: '{"subject": ',
      headers: { cookie: ohioAdmin.cookie as string, 'content-type': 'application/json' },
    });
    assert.equal(notJson.statusCode, 400);
    assert.equal(notJson.json().error.code, 'invalid_json');
  });

  test('the API is documented under “Email templates”', async () => {
    const doc = (await ctx().call('GET', '/api/openapi.json')).json();
    const item = doc.paths['/api/email-templates/{key}'];
    assert.deepEqual(Object.keys(item).sort(), ['delete', 'get', 'put']);
    assert.deepEqual(item.put.tags, ['Email templates']);
    assert.ok(item.put.requestBody);
    assert.ok(doc.paths['/api/email-templates'].get.summary);
    assert.ok(doc.paths['/api/email-templates/{key}/preview'].post.responses['200']);
  });
});

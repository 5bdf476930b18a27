import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { before, test } from 'node:test';
import { logRedactPaths } from '../../src/server/app.ts';
import { adminEmail, adminPassword, describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, uniqueSuffix } from '../support/factories.ts';

/** Everything the app logs, at info level as in production, kept in memory to be searched. */
const captured: string[] = [];
const memory = new Writable({
  write(chunk, _encoding, done) {
    captured.push(String(chunk));
    done();
  },
});

const cookieOf = (response: { headers: Record<string, unknown> }): Session => {
  const setCookie = response.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return { cookie: String(first ?? '').split(';')[0] };
};

describeEachDatabase(
  'no secret reaches the log',
  (ctx) => {
    /** Every secret the walk below creates or types. */
    const secrets: string[] = [adminPassword];
    const keep = (secret: string | undefined) => {
      assert.ok(secret && secret.length >= 8, 'a secret worth looking for');
      secrets.push(secret);
      // A cookie value is also logged-worthy in its URL-encoded and unsigned forms.
      secrets.push(decodeURIComponent(secret));
      return secret;
    };

    before(async () => {
      captured.length = 0;
    });

    test('walk: registration, sign-in, API token, password reset, and links opened in the console', async () => {
      const org = await createOrg(ctx(), `Log Tenant ${uniqueSuffix()}`);
      const invited = await createAccount(ctx(), { orgId: org.id });
      await ctx().drainJobs();
      const welcome = (await ctx().services.outbox.messagesTo(ctx().database.db, invited.email)).find(
        (m) => m.kind === 'welcome_activation',
      );
      const activation = keep(/\/register\/([\w-]+)/.exec(welcome?.bodyText ?? '')?.[1]);

      await ctx().call('GET', `/register/${activation}`);
      assert.equal((await ctx().call('GET', `/api/registration/${activation}`)).statusCode, 200);
      const password = keep(`Chosen-${uniqueSuffix()}-words`);
      const registered = await ctx().call('POST', `/api/registration/${activation}`, {
        body: { password, firstName: 'Log', lastName: 'Walker' },
      });
      assert.equal(registered.statusCode, 200, registered.body);
      keep(cookieOf(registered).cookie?.split('=')[1]);

      const wrong = keep(`Wrong-${uniqueSuffix()}-guess`);
      assert.equal((await ctx().call('POST', '/api/auth/login', { body: { username: invited.email, password: wrong } })).statusCode, 401);
      const signedIn = await ctx().call('POST', '/api/auth/login', { body: { username: invited.email, password } });
      assert.equal(signedIn.statusCode, 200);
      const session = cookieOf(signedIn);
      keep(session.cookie?.split('=')[1]);
      const sessionToken = keep(decodeURIComponent(session.cookie?.split('=')[1] ?? '').split('.')[0]);
      assert.ok(sessionToken);

      const created = await ctx().call('POST', '/api/tokens', { as: session, body: { name: 'logged?' } });
      const apiToken = keep(created.json().token);
      assert.equal((await ctx().call('GET', '/api/auth/me', { as: { bearer: apiToken } })).statusCode, 200);
      // A secret sent where it does not belong: in a query string and as a path segment nobody routes.
      await ctx().call('GET', `/api/auth/me?token=${apiToken}`, { as: session });
      await ctx().call('GET', `/api/nowhere/${apiToken}`);

      assert.equal((await ctx().call('POST', '/api/auth/password-reset', { body: { username: invited.email } })).statusCode, 202);
      await ctx().drainJobs();
      const resetMail = (await ctx().services.outbox.messagesTo(ctx().database.db, invited.email)).find((m) => m.kind === 'password_reset');
      const reset = keep(/\/reset-password\/([\w-]+)/.exec(resetMail?.bodyText ?? '')?.[1]);
      await ctx().call('GET', `/reset-password/${reset}`);
      assert.equal((await ctx().call('GET', `/api/auth/password-reset/${reset}`)).statusCode, 200);
      const newPassword = keep(`Reset-${uniqueSuffix()}-words`);
      assert.equal((await ctx().call('POST', `/api/auth/password-reset/${reset}`, { body: { newPassword } })).statusCode, 200);
      assert.equal((await ctx().call('POST', `/api/auth/password-reset/${reset}`, { body: { newPassword } })).statusCode, 410);
      await ctx().call('POST', '/api/auth/login', { body: { username: adminEmail, password: adminPassword } });
    });

    test('the log recorded the walk, by route, and holds none of its secrets', () => {
      const log = captured.join('');
      const found = secrets.filter((secret) => log.includes(secret));
      assert.deepEqual(found, [], 'secrets found in the log');
      assert.match(log, /"url":"\/api\/registration\/:token"/, 'the requests were logged, by route');
      assert.match(log, /"url":"\/api\/auth\/password-reset\/:token"/);
      assert.match(log, /"url":"\/reset-password\/:token"/);
    });
  },
  { logger: { level: 'info', stream: memory, redact: logRedactPaths } },
);

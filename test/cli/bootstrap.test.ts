import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../src/server/config.ts';
import { startRuntime } from '../../src/server/runtime.ts';
import { describeEachInstall, signIn, withServer, type Env } from './harness.ts';

/** Counted through the services, with no server running. */
async function globalAdmins(env: Env): Promise<number> {
  const runtime = await startRuntime(loadConfig(env));
  try {
    return await runtime.services.accounts.countGlobalAdmins();
  } finally {
    await runtime.close();
  }
}

const fromEnv = { REGISTRAR_ADMIN_EMAIL: 'root@example.org', REGISTRAR_ADMIN_PASSWORD: 'root password from env' };

describeEachInstall('first start with REGISTRAR_ADMIN_EMAIL and REGISTRAR_ADMIN_PASSWORD', (env) => {
  test('the first start creates that administrator and says so', async () => {
    const { result: session, output } = await withServer({ ...env(), ...fromEnv }, (server) =>
      signIn(server, fromEnv.REGISTRAR_ADMIN_EMAIL, fromEnv.REGISTRAR_ADMIN_PASSWORD),
    );
    assert.match(output, /Created the administrator root@example.org from REGISTRAR_ADMIN_EMAIL/);
    assert.equal(session.status, 200);
    assert.equal(session.mustChangePassword, false, 'a password the operator chose is final');
  });

  test('a second start with the same settings creates nothing more', async () => {
    const { result: session, output } = await withServer({ ...env(), ...fromEnv }, (server) =>
      signIn(server, fromEnv.REGISTRAR_ADMIN_EMAIL, fromEnv.REGISTRAR_ADMIN_PASSWORD),
    );
    assert.doesNotMatch(output, /Created the administrator/);
    assert.equal(session.status, 200);
    assert.equal(await globalAdmins({ ...env(), ...fromEnv }), 1);
  });
});

describeEachInstall('first start without administrator settings', (env) => {
  let email = '';
  let password = '';

  test('the first start generates an administrator and prints its credentials once', async () => {
    const { output } = await withServer(env(), async () => undefined);
    const match = /shown only once:\n\s+email:\s+(\S+)\n\s+password:\s+(\S+)\n/.exec(output);
    assert.ok(match?.[1] && match[2], output);
    [, email, password] = match as unknown as [string, string, string];
    assert.equal(output.split(password).length - 1, 1, 'the password appears once');
  });

  test('the generated password is temporary: signing in requires a change', async () => {
    const { result: session } = await withServer(env(), (server) => signIn(server, email, password));
    assert.equal(session.status, 200);
    assert.equal(session.mustChangePassword, true);
  });

  test('later starts print no credentials and generate no one', async () => {
    const { output } = await withServer(env(), async () => undefined);
    assert.doesNotMatch(output, /administrator was created|password:/);
    assert.equal(await globalAdmins(env()), 1);
  });
});

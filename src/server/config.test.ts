import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

const dataDir = () => mkdtempSync(join(tmpdir(), 'registrar-config-'));

test('defaults: port 3000, SQLite in the data directory, a session secret kept there', () => {
  const dir = dataDir();
  const config = loadConfig({ REGISTRAR_DATA_DIR: dir });
  assert.equal(config.port, 3000);
  assert.deepEqual(config.database, { kind: 'sqlite', file: join(dir, 'registrar.db') });
  assert.equal(readFileSync(join(dir, 'session-secret'), 'utf8').trim(), config.sessionSecret);
  assert.equal(loadConfig({ REGISTRAR_DATA_DIR: dir }).sessionSecret, config.sessionSecret, 'the secret survives a restart');
});

test('a postgres DATABASE_URL selects PostgreSQL', () => {
  const config = loadConfig({ REGISTRAR_DATA_DIR: dataDir(), DATABASE_URL: 'postgres://u@localhost:5432/registrar' });
  assert.deepEqual(config.database, { kind: 'postgres', url: 'postgres://u@localhost:5432/registrar' });
});

test('bad values are all reported at once, by name', () => {
  assert.throws(
    () =>
      loadConfig({
        REGISTRAR_DATA_DIR: dataDir(),
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        REGISTRAR_ADMIN_EMAIL: 'not-an-email',
        REGISTRAR_ADMIN_PASSWORD: 'x',
        REGISTRAR_JOB_LEASE_SECONDS: '1',
      }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /PORT/);
      assert.match(error.message, /DATABASE_URL/);
      assert.match(error.message, /REGISTRAR_ADMIN_EMAIL/);
      assert.match(error.message, /REGISTRAR_JOB_LEASE_SECONDS/);
      return true;
    },
  );
});

test('the admin email and password must come together', () => {
  assert.throws(() => loadConfig({ REGISTRAR_DATA_DIR: dataDir(), REGISTRAR_ADMIN_EMAIL: 'a@example.org' }), /set together/);
});

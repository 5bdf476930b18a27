import assert from 'node:assert/strict';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Config } from '../../src/server/config.ts';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin } from '../support/factories.ts';
import { scim, scimToken } from '../support/scim.ts';
import { movableClock } from '../support/seams.ts';

const clock = movableClock();

/**
 * A bearer token (API or SCIM) is authenticated from one read of the token, its owner and the owner's
 * roles, with nothing kept between requests: these are the promises that read has to keep.
 */
describeEachDatabase(
  'bearer token authentication: what each request sees',
  (ctx) => {
    test('a token’s last use is recorded at most once a minute, not on every request', async () => {
      const { session } = await signedInAdmin(ctx(), await createOrg(ctx(), 'Last Use State'));
      const { token, id } = (await ctx().call('POST', '/api/tokens', { as: session, body: { name: 'sync' } })).json();
      const lastUse = async () =>
        (await ctx().call('GET', '/api/tokens', { as: session })).json().items.find((t: { id: string }) => t.id === id).lastUsedAt;
      const use = async () => assert.equal((await ctx().call('GET', '/api/auth/me', { as: { bearer: token } })).statusCode, 200);

      await use();
      const first = await lastUse();
      assert.ok(first, 'the first use is recorded');
      clock.advance(30);
      await use();
      assert.equal(await lastUse(), first, 'half a minute later the same use stands');
      clock.advance(31);
      await use();
      const later = await lastUse();
      assert.ok(later > first, `over a minute later the use is recorded again (${first} → ${later})`);
    });

    test('a request does not wait on its token’s last-use write while the database is busy, and the use is still recorded', async () => {
      const { session } = await signedInAdmin(ctx(), await createOrg(ctx(), 'Busy Lock State'));
      const { token, id } = (await ctx().call('POST', '/api/tokens', { as: session, body: { name: 'busy' } })).json();
      // Another writer holds what the last-use write needs (SQLite: the write lock, as a job thread's import batch
      // does; PostgreSQL: the token's row) for longer than any request should take.
      const holdMs = 700;
      const release = await holdWriteOn(ctx().database.location, id);
      const started = performance.now();
      const answer = await ctx().call('GET', '/api/auth/me', { as: { bearer: token } });
      const took = performance.now() - started;
      await release(holdMs - took);
      assert.equal(answer.statusCode, 200, answer.body);
      assert.ok(took < holdMs / 2, `the request waited ${Math.round(took)} ms for the lock`);
      let lastUsedAt: string | null = null;
      for (let tries = 0; tries < 50 && !lastUsedAt; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        lastUsedAt = (await ctx().call('GET', '/api/tokens', { as: session }))
          .json()
          .items.find((t: { id: string }) => t.id === id).lastUsedAt;
      }
      assert.ok(lastUsedAt, 'the use is recorded once the other writer is done');
    });

    test('a role taken from the owner, and given back, counts from the token’s next request, on the API and over SCIM', async () => {
      const state = await createOrg(ctx(), 'Role Change State');
      const county = await createOrg(ctx(), 'Role Change County', state);
      const { session, account: owner } = await signedInAdmin(ctx(), county);
      const target = await createAccount(ctx(), { orgId: county.id });
      const api: Session = { bearer: (await ctx().call('POST', '/api/tokens', { as: session, body: { name: 'script' } })).json().token };
      const provider = (await scimToken(ctx(), session, county)).token;
      const seen = async () => ({
        api: (await ctx().call('GET', `/api/accounts/${target.id}`, { as: api })).statusCode,
        scim: (await scim(ctx(), provider, 'GET', `/Users/${target.id}`)).statusCode,
      });
      assert.deepEqual(await seen(), { api: 200, scim: 200 });

      const grant = (await ctx().call('GET', `/api/accounts/${owner.id}`, { as: ctx().root })).json().roles[0];
      const taken = await ctx().call('DELETE', `/api/accounts/${owner.id}/roles/${grant.grantId}`, { as: ctx().root });
      assert.equal(taken.statusCode, 204, taken.body);
      assert.deepEqual(await seen(), { api: 404, scim: 404 }, 'without the role the county is out of reach at once');

      const given = await ctx().call('POST', `/api/accounts/${owner.id}/roles`, {
        as: ctx().root,
        body: { role: 'admin', orgId: county.id },
      });
      assert.equal(given.statusCode, 201, given.body);
      assert.deepEqual(await seen(), { api: 200, scim: 200 }, 'given back, the reach returns with the next request');
    });
  },
  { overrides: { clock } },
);

/** Holds a write lock elsewhere until the returned function is called (after a further `ms`). */
async function holdWriteOn(location: Config['database'], tokenId: string): Promise<(ms: number) => Promise<void>> {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  if (location.kind === 'sqlite') {
    const other = new SQLite(location.file);
    other.exec('begin immediate');
    return async (ms) => {
      await pause(ms);
      other.exec('commit');
      other.close();
    };
  }
  const other = new pg.Client({ connectionString: location.url });
  await other.connect();
  await other.query('begin');
  await other.query('select id from api_tokens where id = $1 for update', [tokenId]);
  return async (ms) => {
    await pause(ms);
    await other.query('commit');
    await other.end();
  };
}

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../support/context.ts';
import { createAccount, createOrg, uniqueSuffix, type AccountRef, type OrgRef } from '../support/factories.ts';
import { countingHasher, movableClock } from '../support/seams.ts';

const hasher = countingHasher();
const clock = movableClock();

/** A sign-in attempt from a given client address. */
function login(app: FastifyInstance, address: string, username: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: address, payload: { username, password } });
}

function statusCounts(codes: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}

describeEachDatabase(
  'sign-in throttling under attack',
  (ctx) => {
    let org: OrgRef;
    const password = 'Right-password-42';
    let addressCounter = 0;
    /** A client address no earlier test used. */
    const freshAddress = () => `10.1.${Math.floor(addressCounter / 250)}.${(addressCounter++ % 250) + 1}`;
    const newPerson = async (): Promise<AccountRef & Record<string, unknown>> => createAccount(ctx(), { orgId: org.id, password });

    before(async () => {
      org = await createOrg(ctx(), `Throttle Tenant ${uniqueSuffix()}`);
    });

    test('100 simultaneous wrong passwords from one address at one account: 5 are checked, the rest answer 429', async () => {
      const person = await newPerson();
      const address = freshAddress();
      hasher.verifies = 0;
      const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => login(ctx().app, address, person.email, `wrong-${i}`)));
      assert.equal(hasher.verifies, 5);
      assert.deepEqual(statusCounts(responses.map((r) => r.statusCode)), { 401: 5, 429: 95 });
      const refused = responses.find((r) => r.statusCode === 429);
      assert.equal(refused?.json().error.code, 'too_many_attempts');
      assert.ok(Number(refused?.headers['retry-after']) > 0);
    });

    test('two app instances on one database share the count: 100 wrong passwords split between them, 5 checked', async () => {
      const second = await ctx().openSecondInstance({ hasher, clock });
      try {
        const person = await newPerson();
        const address = freshAddress();
        hasher.verifies = 0;
        const responses = await Promise.all(
          Array.from({ length: 100 }, (_, i) => login(i % 2 ? second.app : ctx().app, address, person.email, `wrong-${i}`)),
        );
        assert.equal(hasher.verifies, 5);
        assert.deepEqual(statusCounts(responses.map((r) => r.statusCode)), { 401: 5, 429: 95 });
      } finally {
        await second.close();
      }
    });

    test('one address trying 120 different names at once gets 50 checks, then 429', async () => {
      const address = freshAddress();
      hasher.verifies = 0;
      const responses = await Promise.all(
        Array.from({ length: 120 }, (_, i) => login(ctx().app, address, `nobody-${i}-${uniqueSuffix()}@example.org`, 'guess')),
      );
      assert.equal(hasher.verifies, 50);
      assert.deepEqual(statusCounts(responses.map((r) => r.statusCode)), { 401: 50, 429: 70 });
    });

    test('a stranger guessing from another address cannot lock the person out', async () => {
      const person = await newPerson();
      const stranger = freshAddress();
      for (let i = 0; i < 8; i += 1) await login(ctx().app, stranger, person.email, `guess-${i}`);
      assert.equal(
        (await login(ctx().app, stranger, person.email, password)).statusCode,
        429,
        'the stranger waits, even with the right password',
      );
      assert.equal((await login(ctx().app, freshAddress(), person.email, password)).statusCode, 200, 'the person, elsewhere, signs in');
    });

    test('the wait grows: 1 minute after five failures, then 2 minutes after the next one', async () => {
      const person = await newPerson();
      const address = freshAddress();
      const codes: number[] = [];
      for (let i = 0; i < 6; i += 1) codes.push((await login(ctx().app, address, person.username as string, `wrong-${i}`)).statusCode);
      assert.deepEqual(codes, [401, 401, 401, 401, 401, 429]);
      const first = await login(ctx().app, address, person.email, `wrong-again`);
      assert.ok(Number(first.headers['retry-after']) <= 60, 'the username and the email share one count');
      clock.advance(61);
      assert.equal((await login(ctx().app, address, person.email, 'wrong-after-wait')).statusCode, 401);
      const second = await login(ctx().app, address, person.email, password);
      assert.equal(second.statusCode, 429);
      assert.ok(Number(second.headers['retry-after']) > 60 && Number(second.headers['retry-after']) <= 120);
      clock.advance(121);
      assert.equal((await login(ctx().app, address, person.email, password)).statusCode, 200);
    });

    test('past 100 failures on one account, an address that failed on it is refused while a new address still gets in', async () => {
      const person = await newPerson();
      // 21 addresses, 5 wrong guesses each: over the account's ceiling of 100.
      for (let a = 0; a < 21; a += 1) {
        const address = freshAddress();
        await Promise.all(Array.from({ length: 5 }, (_, i) => login(ctx().app, address, person.email, `spread-${a}-${i}`)));
      }
      const guesser = freshAddress();
      assert.equal((await login(ctx().app, guesser, person.email, 'one-guess')).statusCode, 401, 'a new address gets one check');
      const again = await login(ctx().app, guesser, person.email, password);
      assert.equal(again.statusCode, 429, 'and no second one, not even with the right password');
      assert.ok(Number(again.headers['retry-after']) > 0);
      assert.equal((await login(ctx().app, freshAddress(), person.email, password)).statusCode, 200, 'the person still signs in');
    });
  },
  { overrides: { hasher, clock } },
);

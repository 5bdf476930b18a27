import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachDatabase } from '../support/context.ts';
import { createOrg, signedInAdmin } from '../support/factories.ts';
import { enterpriseUrn, errorUrn, groupUrn, patchUrn, scim, scimToken, scimUser, userUrn } from '../support/scim.ts';

/** A SCIM error as RFC 7644 §3.12 shapes it, with the status as a string. */
function scimError(response: LightMyRequestResponse, status: number, scimType?: string) {
  assert.equal(response.statusCode, status, response.body);
  assert.match(String(response.headers['content-type']), /^application\/scim\+json/);
  const body = response.json();
  assert.deepEqual(body.schemas, [errorUrn]);
  assert.equal(body.status, String(status));
  assert.equal(typeof body.detail, 'string');
  if (scimType) assert.equal(body.scimType, scimType, body.detail);
  return body;
}

describeEachDatabase('SCIM bad input', (ctx) => {
  let token: string;
  let userId: string;

  before(async () => {
    const state = await createOrg(ctx(), 'Bad Input State');
    const admin = (await signedInAdmin(ctx(), state)).session;
    token = (await scimToken(ctx(), admin, state)).token;
    userId = (await scim(ctx(), token, 'POST', '/Users', scimUser('bad-input@example.org'))).json().id;
  });

  test('a filter that cannot be read, names an unknown attribute or compares wrongly is a 400 invalidFilter', async () => {
    for (const filter of [
      'userName eq',
      'userName zz "x"',
      '(userName eq "x"',
      'favouriteColour eq "blue"',
      'phoneNumbers[type eq "work"]',
      'active gt true',
      'meta.lastModified gt "not a date"',
      'userName eq "a" and',
    ]) {
      scimError(await scim(ctx(), token, 'GET', `/Users?filter=${encodeURIComponent(filter)}`), 400, 'invalidFilter');
    }
    scimError(await scim(ctx(), token, 'GET', `/Groups?filter=${encodeURIComponent('members.value eq "x"')}`), 400, 'invalidFilter');
    scimError(await scim(ctx(), token, 'GET', '/Users?sortBy=userName'), 400);
  });

  test('an unknown attribute, a wrong schema or a missing required attribute is refused', async () => {
    scimError(await scim(ctx(), token, 'POST', '/Users', scimUser('x1@example.org', { favouriteColour: 'blue' })), 400, 'invalidValue');
    scimError(
      await scim(
        ctx(),
        token,
        'POST',
        '/Users',
        scimUser('x2@example.org', { [enterpriseUrn]: { shoeSize: 9 }, schemas: [userUrn, enterpriseUrn] }),
      ),
      400,
      'invalidValue',
    );
    scimError(await scim(ctx(), token, 'POST', '/Users', scimUser('x3@example.org', { schemas: [groupUrn] })), 400, 'invalidValue');
    scimError(
      await scim(ctx(), token, 'POST', '/Users', scimUser('x4@example.org', { schemas: [userUrn, 'urn:example:custom'] })),
      400,
      'invalidValue',
    );
    scimError(
      await scim(ctx(), token, 'POST', '/Users', { schemas: [userUrn], name: { givenName: 'No', familyName: 'Username' } }),
      400,
      'invalidValue',
    );
    scimError(await scim(ctx(), token, 'POST', '/Users', scimUser('x5@example.org', { active: 'maybe' })), 400, 'invalidValue');
    scimError(await scim(ctx(), token, 'POST', '/Users', scimUser('not-an-email', { emails: [] })), 400, 'invalidValue');
    scimError(await scim(ctx(), token, 'POST', '/Groups', { schemas: [userUrn], displayName: 'x' }), 400, 'invalidValue');
    scimError(await scim(ctx(), token, 'POST', '/Groups', { schemas: [groupUrn], displayName: 'x', owner: 'me' }), 400, 'invalidValue');
    scimError(
      await scim(ctx(), token, 'POST', '/Groups', { schemas: [groupUrn], displayName: 'x', members: [{ value: 'nobody-at-all' }] }),
      404,
    );
  });

  test('PATCH: a wrong message schema, an unknown op, a path that leads nowhere', async () => {
    scimError(
      await scim(ctx(), token, 'PATCH', `/Users/${userId}`, {
        schemas: [userUrn],
        Operations: [{ op: 'replace', path: 'title', value: 'x' }],
      }),
      400,
    );
    scimError(
      await scim(ctx(), token, 'PATCH', `/Users/${userId}`, {
        schemas: [patchUrn],
        Operations: [{ op: 'merge', path: 'title', value: 'x' }],
      }),
      400,
    );
    scimError(
      await scim(ctx(), token, 'PATCH', `/Users/${userId}`, { schemas: [patchUrn], Operations: [{ op: 'remove' }] }),
      400,
      'noTarget',
    );
    scimError(await scim(ctx(), token, 'PATCH', `/Users/${userId}`, { schemas: [patchUrn], Operations: [] }), 400);
    scimError(
      await scim(ctx(), token, 'PATCH', `/Users/${userId}`, {
        schemas: [patchUrn],
        Operations: [{ op: 'replace', path: 'shoeSize', value: 9 }],
      }),
      400,
    );
    const still = await scim(ctx(), token, 'GET', `/Users/${userId}`);
    assert.equal(still.json().userName, 'bad-input@example.org', 'nothing changed');
  });

  test('bodies: too large is a 413, not JSON is a 400, another content type is a 415 — each in SCIM’s shape', async () => {
    const huge = JSON.stringify(scimUser('huge@example.org', { title: 'x'.repeat(2 * 1024 * 1024) }));
    scimError(await scim(ctx(), token, 'POST', '/Users', huge), 413);
    scimError(await scim(ctx(), token, 'POST', '/Users', '{"schemas": ['), 400, 'invalidSyntax');
    const plain = await ctx().app.inject({
      method: 'POST',
      url: '/scim/v2/Users',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    scimError(plain, 415);
    const json = await ctx().app.inject({
      method: 'POST',
      url: '/scim/v2/Users',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(scimUser('plain-json@example.org')),
    });
    assert.equal(json.statusCode, 201, 'application/json is accepted too');
    assert.match(String(json.headers['content-type']), /^application\/scim\+json/);
    scimError(await scim(ctx(), token, 'POST', '/Users', scimUser('nul\u0000@example.org')), 400);
  });

  test('unknown resources and ids answer 404 in SCIM’s shape; the REST API keeps its own error shape', async () => {
    scimError(await scim(ctx(), token, 'GET', '/Users/no-such-user'), 404);
    scimError(await scim(ctx(), token, 'GET', '/Groups/no-such-group'), 404);
    scimError(await scim(ctx(), token, 'GET', '/Bulk'), 404);
    const rest = await ctx().call('GET', '/api/accounts/no-such-account', { as: ctx().root });
    assert.equal(rest.statusCode, 404);
    assert.equal(rest.json().error.code, 'not_found');
  });

  test('whatever JSON a provider sends to Users and Groups, the answer is never a server error', async () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    const userish = fc.record(
      {
        schemas: fc.oneof(fc.constant([userUrn]), fc.constant([userUrn, enterpriseUrn]), fc.array(fc.string(), { maxLength: 2 })),
        userName: fc.oneof(fc.emailAddress(), fc.string(), json),
        name: fc.oneof(fc.record({ givenName: fc.string(), familyName: fc.string() }), json),
        emails: fc.oneof(
          fc.array(fc.record({ value: fc.oneof(fc.emailAddress(), json), primary: fc.oneof(fc.boolean(), fc.string()) })),
          json,
        ),
        active: fc.oneof(fc.boolean(), fc.constantFrom('True', 'False', 'yes'), json),
        [enterpriseUrn]: fc.oneof(fc.record({ organization: fc.string(), employeeNumber: json }), json),
      },
      { requiredKeys: [] },
    );
    const patch = fc.record({
      schemas: fc.oneof(fc.constant([patchUrn]), json),
      Operations: fc.oneof(
        fc.array(
          fc.record({
            op: fc.constantFrom('add', 'Replace', 'remove', 'x'),
            path: fc.oneof(fc.constantFrom('title', 'name.givenName', 'emails[type eq "work"].value', 'members', 'active'), fc.string()),
            value: json,
          }),
          { maxLength: 3 },
        ),
        json,
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(userish, json), patch, async (body, ops) => {
        for (const response of [
          await scim(ctx(), token, 'POST', '/Users', body),
          await scim(ctx(), token, 'PUT', `/Users/${userId}`, body),
          await scim(ctx(), token, 'PATCH', `/Users/${userId}`, ops),
          await scim(ctx(), token, 'POST', '/Groups', body),
        ]) {
          assert.ok(response.statusCode < 500, `${response.statusCode} ${response.body}`);
          if (response.statusCode >= 400) assert.deepEqual(response.json().schemas, [errorUrn]);
        }
      }),
      { numRuns: 60 },
    );
  });
});

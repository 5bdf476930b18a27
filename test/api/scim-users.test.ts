import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { enterpriseUrn, errorUrn, patchUrn, scim, scimToken, scimUser, userUrn } from '../support/scim.ts';

describeEachDatabase('SCIM users', (ctx) => {
  let state: OrgRef;
  let county: OrgRef;
  let site: OrgRef;
  let admin: Session;
  let token: string;

  before(async () => {
    state = await createOrg(ctx(), 'SCIM State');
    county = await createOrg(ctx(), 'Fresno County', state);
    site = await createOrg(ctx(), 'Clovis High', county, 'site');
    admin = (await signedInAdmin(ctx(), county)).session;
    token = (await scimToken(ctx(), admin, county)).token;
  });

  test('POST creates the account in the token’s landing organization; GET by id returns it with an ETag', async () => {
    const created = await scim(ctx(), token, 'POST', '/Users', scimUser('ana.lopez@fresno.example', { externalId: 'entra-1' }));
    assert.equal(created.statusCode, 201, created.body);
    assert.match(String(created.headers['content-type']), /^application\/scim\+json/);
    const user = created.json();
    assert.equal(user.userName, 'ana.lopez@fresno.example');
    assert.equal(user.externalId, 'entra-1');
    assert.equal(user.active, true);
    assert.equal(user[enterpriseUrn].organization, 'Fresno County');
    assert.equal(created.headers.location, user.meta.location);
    assert.match(user.meta.version, /^W\/"\d+"$/);
    const read = await scim(ctx(), token, 'GET', `/Users/${user.id}`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.headers.etag, user.meta.version);
    assert.equal(read.json().emails[0].value, 'ana.lopez@fresno.example');
    const account = await ctx().call('GET', `/api/accounts/${user.id}`, { as: admin });
    assert.equal(account.json().orgId, county.id);
  });

  test('the same userName again is a 409 with scimType uniqueness', async () => {
    const again = await scim(ctx(), token, 'POST', '/Users', scimUser('ANA.LOPEZ@fresno.example'));
    assert.equal(again.statusCode, 409, again.body);
    assert.deepEqual(Object.keys(again.json()).sort(), ['detail', 'schemas', 'scimType', 'status']);
    assert.deepEqual(again.json().schemas, [errorUrn]);
    assert.equal(again.json().status, '409');
    assert.equal(again.json().scimType, 'uniqueness');
  });

  test('the enterprise extension maps employeeNumber, department and organization (by name, inside reach)', async () => {
    const created = await scim(
      ctx(),
      token,
      'POST',
      '/Users',
      scimUser('ben@fresno.example', {
        schemas: [userUrn, enterpriseUrn],
        name: { givenName: 'Ben', familyName: 'Okafor' },
        title: 'Counselor',
        [enterpriseUrn]: { employeeNumber: 'E-77', department: 'Guidance', organization: 'clovis high', manager: { value: 'x' } },
      }),
    );
    assert.equal(created.statusCode, 201, created.body);
    const account = (await ctx().call('GET', `/api/accounts/${created.json().id}`, { as: admin })).json();
    assert.deepEqual(
      { orgId: account.orgId, externalId: account.externalId, department: account.department, jobTitle: account.jobTitle },
      { orgId: site.id, externalId: 'E-77', department: 'Guidance', jobTitle: 'Counselor' },
    );
    const outside = await scim(
      ctx(),
      token,
      'POST',
      '/Users',
      scimUser('cy@fresno.example', { schemas: [userUrn, enterpriseUrn], [enterpriseUrn]: { organization: 'SCIM State' } }),
    );
    assert.equal(outside.statusCode, 400, 'the state is above the token’s reach');
    assert.equal(outside.json().scimType, 'invalidValue');
  });

  test('filters: every operator on every attribute the issue names, with and, or, not and parentheses', async () => {
    const names = [
      ['flt-carla@fresno.example', 'Carla', 'Diaz', 'ext-c'],
      ['flt-dan@fresno.example', 'Dan', 'Diaz', 'ext-d'],
      ['flt-erin@other.example', 'Erin', 'Moss', null],
    ] as const;
    const ids: Record<string, string> = {};
    for (const [userName, givenName, familyName, externalId] of names) {
      const r = await scim(
        ctx(),
        token,
        'POST',
        '/Users',
        scimUser(userName, { name: { givenName, familyName }, ...(externalId ? { externalId } : {}) }),
      );
      assert.equal(r.statusCode, 201, r.body);
      ids[givenName] = r.json().id;
    }
    const archived = await scim(ctx(), token, 'PATCH', `/Users/${ids.Dan}`, {
      schemas: [patchUrn],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    assert.equal(archived.statusCode, 200, archived.body);
    const since = new Date(Date.now() - 60_000).toISOString();
    const find = async (filter: string) => {
      const r = await scim(ctx(), token, 'GET', `/Users?filter=${encodeURIComponent(filter)}&count=50`);
      assert.equal(r.statusCode, 200, `${filter}: ${r.body}`);
      return (r.json().Resources as Array<{ name: { givenName: string } }>)
        .map((u) => u.name.givenName)
        .filter((n) => ['Carla', 'Dan', 'Erin'].includes(n))
        .sort();
    };
    const cases: Array<[string, string[]]> = [
      ['userName eq "FLT-CARLA@fresno.example"', ['Carla']],
      ['userName ne "flt-carla@fresno.example" and userName sw "flt-"', ['Dan', 'Erin']],
      ['userName co "dan"', ['Dan']],
      ['userName sw "flt-e"', ['Erin']],
      ['userName ew "@other.example"', ['Erin']],
      ['emails.value eq "flt-erin@other.example"', ['Erin']],
      ['emails[type eq "work" and value co "flt-c"]', ['Carla']],
      ['externalId eq "ext-d"', ['Dan']],
      ['externalId pr and userName sw "flt-"', ['Carla', 'Dan']],
      ['not (externalId pr) and userName sw "flt-"', ['Erin']],
      ['name.familyName eq "diaz"', ['Carla', 'Dan']],
      ['active eq false and userName sw "flt-"', ['Dan']],
      ['active eq true and (name.familyName eq "Diaz" or name.familyName eq "Moss")', ['Carla', 'Erin']],
      [`meta.lastModified gt "${since}" and userName sw "flt-"`, ['Carla', 'Dan', 'Erin']],
      [`meta.lastModified lt "${since}" and userName sw "flt-"`, []],
      [`meta.lastModified ge "${since}" and not (userName sw "flt-c") and userName sw "flt-"`, ['Dan', 'Erin']],
      [`meta.lastModified le "2999-01-01T00:00:00Z" and userName ew "fresno.example" and userName sw "flt-"`, ['Carla', 'Dan']],
    ];
    for (const [filter, expected] of cases) assert.deepEqual(await find(filter), expected, filter);
  });

  test('startIndex and count page through the list (1-based), and count=0 gives only the total', async () => {
    const all = await scim(ctx(), token, 'GET', '/Users?filter=userName%20sw%20%22flt-%22');
    assert.equal(all.json().totalResults, 3);
    const seen: string[] = [];
    for (let start = 1; start <= 3; start += 2) {
      const page = (await scim(ctx(), token, 'GET', `/Users?filter=userName%20sw%20%22flt-%22&startIndex=${start}&count=2`)).json();
      assert.equal(page.startIndex, start);
      assert.equal(page.totalResults, 3);
      assert.equal(page.itemsPerPage, page.Resources.length);
      seen.push(...page.Resources.map((u: { id: string }) => u.id));
    }
    assert.equal(new Set(seen).size, 3);
    const none = (await scim(ctx(), token, 'GET', '/Users?count=0')).json();
    assert.equal(none.Resources.length, 0);
    assert.ok(none.totalResults >= 5);
    const beyond = (await scim(ctx(), token, 'GET', '/Users?startIndex=999')).json();
    assert.deepEqual(beyond.Resources, []);
    assert.equal(beyond.totalResults, none.totalResults, 'past the end the total is still counted');
    const last = (await scim(ctx(), token, 'GET', '/Users?filter=userName%20sw%20%22flt-%22&startIndex=3&count=2')).json();
    assert.deepEqual([last.totalResults, last.itemsPerPage], [3, 1], 'a last, partial page gives the total too');
  });

  test('attributes and excludedAttributes shape what comes back; id and schemas always do', async () => {
    const only = (
      await scim(ctx(), token, 'GET', '/Users?filter=userName%20eq%20%22flt-carla@fresno.example%22&attributes=userName,name.familyName')
    ).json();
    assert.deepEqual(only.Resources[0], {
      schemas: only.Resources[0].schemas,
      id: only.Resources[0].id,
      userName: 'flt-carla@fresno.example',
      name: { familyName: 'Diaz' },
    });
    const id = only.Resources[0].id;
    const without = (await scim(ctx(), token, 'GET', `/Users/${id}?excludedAttributes=emails,meta,${enterpriseUrn}:organization`)).json();
    assert.equal(without.emails, undefined);
    assert.equal(without.meta, undefined);
    assert.equal(without.userName, 'flt-carla@fresno.example');
    assert.equal(without[enterpriseUrn]?.organization, undefined);
  });

  test('PUT replaces the user; If-Match with an old version is 412; If-None-Match with the current one is 304', async () => {
    const created = (await scim(ctx(), token, 'POST', '/Users', scimUser('put-me@fresno.example'))).json();
    const replaced = await scim(
      ctx(),
      token,
      'PUT',
      `/Users/${created.id}`,
      scimUser('put-me@fresno.example', { name: { givenName: 'Ana María', familyName: 'López' }, title: 'Teacher' }),
      { 'if-match': created.meta.version },
    );
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.equal(replaced.json().name.givenName, 'Ana María');
    assert.notEqual(replaced.json().meta.version, created.meta.version);
    const stale = await scim(ctx(), token, 'PUT', `/Users/${created.id}`, scimUser('put-me@fresno.example'), {
      'if-match': created.meta.version,
    });
    assert.equal(stale.statusCode, 412, stale.body);
    assert.deepEqual(stale.json().schemas, [errorUrn]);
    const staleDelete = await scim(ctx(), token, 'DELETE', `/Users/${created.id}`, undefined, { 'if-match': created.meta.version });
    assert.equal(staleDelete.statusCode, 412);
    const unchanged = await scim(ctx(), token, 'GET', `/Users/${created.id}`, undefined, { 'if-none-match': replaced.json().meta.version });
    assert.equal(unchanged.statusCode, 304);
    assert.equal(unchanged.body, '');
    const changed = await scim(ctx(), token, 'GET', `/Users/${created.id}`, undefined, { 'if-none-match': created.meta.version });
    assert.equal(changed.statusCode, 200);
  });

  test('PATCH with a path, with a value filter, and without a path; remove clears an attribute', async () => {
    const created = (await scim(ctx(), token, 'POST', '/Users', scimUser('patch-me@fresno.example', { title: 'Aide' }))).json();
    const patched = await scim(ctx(), token, 'PATCH', `/Users/${created.id}`, {
      schemas: [patchUrn],
      Operations: [
        { op: 'replace', path: 'name.familyName', value: 'Reyes' },
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'patched@fresno.example' },
        { op: 'add', value: { title: 'Librarian', externalId: 'idp-9' } },
        { op: 'add', path: `${enterpriseUrn}:department`, value: 'Library' },
      ],
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const user = patched.json();
    assert.deepEqual(
      [user.name.familyName, user.emails[0].value, user.title, user.externalId, user[enterpriseUrn].department],
      ['Reyes', 'patched@fresno.example', 'Librarian', 'idp-9', 'Library'],
    );
    const removed = await scim(ctx(), token, 'PATCH', `/Users/${created.id}`, {
      schemas: [patchUrn],
      Operations: [{ op: 'remove', path: 'title' }],
    });
    assert.equal(removed.statusCode, 200, removed.body);
    assert.equal(removed.json().title, undefined);
  });

  test('active false archives and true reactivates; DELETE hides the user from SCIM and archives the account', async () => {
    const created = (await scim(ctx(), token, 'POST', '/Users', scimUser('leaver@fresno.example'))).json();
    const off = await scim(ctx(), token, 'PATCH', `/Users/${created.id}`, {
      schemas: [patchUrn],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    assert.equal(off.json().active, false);
    assert.equal((await ctx().call('GET', `/api/accounts/${created.id}`, { as: admin })).json().status, 'archived');
    const on = await scim(ctx(), token, 'PATCH', `/Users/${created.id}`, {
      schemas: [patchUrn],
      Operations: [{ op: 'replace', path: 'active', value: true }],
    });
    assert.equal(on.json().active, true);
    assert.notEqual((await ctx().call('GET', `/api/accounts/${created.id}`, { as: admin })).json().status, 'archived');
    const deleted = await scim(ctx(), token, 'DELETE', `/Users/${created.id}`);
    assert.equal(deleted.statusCode, 204, deleted.body);
    assert.equal((await scim(ctx(), token, 'GET', `/Users/${created.id}`)).statusCode, 404);
    const listed = (await scim(ctx(), token, 'GET', '/Users?filter=userName%20eq%20%22leaver@fresno.example%22')).json();
    assert.equal(listed.totalResults, 0);
    assert.equal((await scim(ctx(), token, 'DELETE', `/Users/${created.id}`)).statusCode, 404);
    const account = await ctx().call('GET', `/api/accounts/${created.id}`, { as: admin });
    assert.equal(account.json().status, 'archived', 'the account is kept, archived');
    const again = await scim(
      ctx(),
      token,
      'POST',
      '/Users',
      scimUser('leaver@fresno.example', { name: { givenName: 'Ana', familyName: 'Back' } }),
    );
    assert.equal(again.statusCode, 201, again.body);
    assert.equal(again.json().id, created.id, 'created again, the same account comes back');
    assert.deepEqual([again.json().active, again.json().name.familyName], [true, 'Back']);
    assert.equal((await scim(ctx(), token, 'GET', `/Users/${created.id}`)).statusCode, 200);
    const audit = (await ctx().call('GET', `/api/audit?targetId=${created.id}`, { as: ctx().root })).json();
    const actions = audit.items.map((e: { action: string; source: string }) => `${e.action}/${e.source}`);
    assert.deepEqual(
      actions.map((a: string) => a.replace(/^account\.|\/scim$/g, '')),
      ['reactivated', 'updated', 'scim_restored', 'scim_deleted', 'reactivated', 'archived', 'created'],
      'every step audited with source scim, newest first',
    );
    assert.ok(actions.every((a: string) => a.endsWith('/scim')));
  });

  test('a tenant that chooses erasure has SCIM DELETE erase the account', async () => {
    const set = await ctx().call('PATCH', `/api/tenants/${state.tenantId}/settings`, { as: ctx().root, body: { scimDelete: 'erase' } });
    assert.equal(set.statusCode, 200, set.body);
    try {
      const created = (await scim(ctx(), token, 'POST', '/Users', scimUser('erase-me@fresno.example'))).json();
      assert.equal((await scim(ctx(), token, 'DELETE', `/Users/${created.id}`)).statusCode, 204);
      assert.equal((await ctx().call('GET', `/api/accounts/${created.id}`, { as: admin })).statusCode, 404);
      const audit = (await ctx().call('GET', `/api/audit?targetId=${created.id}`, { as: ctx().root })).json();
      assert.equal(audit.items[0].action, 'account.deleted');
    } finally {
      await ctx().call('PATCH', `/api/tenants/${state.tenantId}/settings`, { as: ctx().root, body: { scimDelete: 'archive' } });
    }
  });

  test('a userName in another case changes nothing; a new username needs a tenant administrator’s token', async () => {
    const created = (await scim(ctx(), token, 'POST', '/Users', scimUser('case@fresno.example'))).json();
    const recased = await scim(ctx(), token, 'PUT', `/Users/${created.id}`, scimUser('CASE@Fresno.example', { emails: created.emails }));
    assert.equal(recased.statusCode, 200, recased.body);
    assert.equal(recased.json().userName, 'case@fresno.example');
    const renamed = await scim(ctx(), token, 'PUT', `/Users/${created.id}`, scimUser('case.new', { emails: created.emails }));
    assert.equal(renamed.statusCode, 403, 'a county administrator may not change usernames');
    assert.deepEqual(renamed.json().schemas, [errorUrn]);
  });
});

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
});

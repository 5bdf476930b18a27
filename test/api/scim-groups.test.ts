import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { groupUrn, patchUrn, scim, scimToken, scimUser, userUrn, enterpriseUrn } from '../support/scim.ts';

describeEachDatabase('SCIM groups and discovery', (ctx) => {
  let county: OrgRef;
  let admin: Session;
  let token: string;
  let members: string[];

  before(async () => {
    const state = await createOrg(ctx(), 'Groups State');
    county = await createOrg(ctx(), 'Groups County', state);
    admin = (await signedInAdmin(ctx(), county)).session;
    token = (await scimToken(ctx(), admin, county)).token;
    members = [];
    for (const n of [1, 2, 3]) members.push((await scim(ctx(), token, 'POST', '/Users', scimUser(`member${n}@groups.example`))).json().id);
  });

  test('POST, GET, list with a displayName filter, PUT, PATCH and DELETE; each change audited with source scim', async () => {
    const created = await scim(ctx(), token, 'POST', '/Groups', {
      schemas: [groupUrn],
      displayName: 'Readers',
      members: [{ value: members[0] }],
    });
    assert.equal(created.statusCode, 201, created.body);
    const group = created.json();
    assert.equal(created.headers.etag, group.meta.version);
    assert.deepEqual(
      group.members.map((m: { value: string }) => m.value),
      [members[0]],
    );
    await scim(ctx(), token, 'POST', '/Groups', { schemas: [groupUrn], displayName: 'Writers' });
    for (const [filter, expected] of [
      ['displayName eq "READERS"', ['Readers']],
      ['displayName sw "wri"', ['Writers']],
      ['displayName co "er"', ['Readers', 'Writers']],
      [`id eq "${group.id}"`, ['Readers']],
    ] as const) {
      const listed = (await scim(ctx(), token, 'GET', `/Groups?filter=${encodeURIComponent(filter)}`)).json();
      assert.deepEqual(listed.Resources.map((g: { displayName: string }) => g.displayName).sort(), expected, filter);
    }
    const lean = (await scim(ctx(), token, 'GET', '/Groups?excludedAttributes=members')).json();
    assert.ok(lean.Resources.every((g: { members?: unknown }) => g.members === undefined));

    const put = await scim(
      ctx(),
      token,
      'PUT',
      `/Groups/${group.id}`,
      {
        schemas: [groupUrn],
        displayName: 'Readers Club',
        members: [{ value: members[1] }, { value: members[2] }],
      },
      { 'if-match': group.meta.version },
    );
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(
      put
        .json()
        .members.map((m: { value: string }) => m.value)
        .sort(),
      [members[1], members[2]].sort(),
    );
    const stale = await scim(
      ctx(),
      token,
      'PATCH',
      `/Groups/${group.id}`,
      { schemas: [patchUrn], Operations: [{ op: 'replace', path: 'displayName', value: 'Late' }] },
      { 'if-match': group.meta.version },
    );
    assert.equal(stale.statusCode, 412, 'an If-Match from before the PUT no longer matches');
    const notModified = await scim(ctx(), token, 'GET', `/Groups/${group.id}`, undefined, { 'if-none-match': put.json().meta.version });
    assert.equal(notModified.statusCode, 304);
    const rest = (await ctx().call('GET', `/api/groups/${group.id}`, { as: admin })).json();
    assert.equal(rest.name, 'Readers Club');
    assert.equal(rest.memberCount, 2);

    assert.equal((await scim(ctx(), token, 'DELETE', `/Groups/${group.id}`)).statusCode, 204);
    assert.equal((await ctx().call('GET', `/api/groups/${group.id}`, { as: admin })).statusCode, 404);
    const audit = (await ctx().call('GET', `/api/audit?targetId=${group.id}`, { as: ctx().root })).json();
    const actions = audit.items.map((e: { action: string; source: string }) => `${e.action}/${e.source}`);
    assert.equal(actions[0], 'group.deleted/scim');
    assert.ok(actions.includes('group.renamed/scim'));
    assert.ok(actions.includes('group.member_removed/scim'));
    assert.equal(actions.at(-1), 'group.created/scim');
  });

  test('a member outside the group’s organization is refused; a rename onto a taken name is a 409 uniqueness', async () => {
    const state2 = await createOrg(ctx(), 'Elsewhere State');
    const stranger = await createAccount(ctx(), { orgId: state2.id });
    const group = (await scim(ctx(), token, 'POST', '/Groups', { schemas: [groupUrn], displayName: 'Solo' })).json();
    const add = await scim(ctx(), token, 'PATCH', `/Groups/${group.id}`, {
      schemas: [patchUrn],
      Operations: [{ op: 'add', path: 'members', value: [{ value: stranger.id }] }],
    });
    assert.equal(add.statusCode, 404, 'an account beyond reach is not found');
    const taken = await scim(ctx(), token, 'PATCH', `/Groups/${group.id}`, {
      schemas: [patchUrn],
      Operations: [{ op: 'replace', path: 'displayName', value: 'writers' }],
    });
    assert.equal(taken.statusCode, 409, taken.body);
    assert.equal(taken.json().scimType, 'uniqueness');
  });

  test('ServiceProviderConfig, ResourceTypes and Schemas tell what is supported', async () => {
    const config = (await scim(ctx(), token, 'GET', '/ServiceProviderConfig')).json();
    assert.deepEqual(
      [
        config.patch.supported,
        config.filter.supported,
        config.etag.supported,
        config.bulk.supported,
        config.sort.supported,
        config.changePassword.supported,
      ],
      [true, true, true, false, false, false],
    );
    assert.equal(config.authenticationSchemes[0].type, 'oauthbearertoken');
    const types = (await scim(ctx(), token, 'GET', '/ResourceTypes')).json();
    assert.deepEqual(
      types.Resources.map((t: { endpoint: string }) => t.endpoint),
      ['/Users', '/Groups'],
    );
    assert.equal(types.Resources[0].schemaExtensions[0].schema, enterpriseUrn);
    const schemas = (await scim(ctx(), token, 'GET', '/Schemas')).json();
    assert.deepEqual(
      schemas.Resources.map((s: { id: string }) => s.id),
      [userUrn, enterpriseUrn, groupUrn],
    );
    const user = (await scim(ctx(), token, 'GET', `/Schemas/${userUrn}`)).json();
    const userName = user.attributes.find((a: { name: string }) => a.name === 'userName');
    assert.deepEqual([userName.required, userName.uniqueness], [true, 'server']);
    assert.equal((await scim(ctx(), token, 'GET', '/ResourceTypes/Group')).json().schema, groupUrn);
    assert.equal((await scim(ctx(), token, 'GET', '/Schemas/urn:nope')).statusCode, 404);
  });
});

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachDatabase, type Session, type TestContext } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, uniqueSuffix, type AccountRef, type OrgRef } from '../support/factories.ts';
import { multipartBody } from '../support/multipart.ts';

/** An organization id that was never issued, shaped like a real one. */
const unknownId = '01900000-0000-7000-8000-000000000000';

/** What a caller learns from an answer: its status and its whole body. */
const answer = (response: LightMyRequestResponse) => ({ status: response.statusCode, body: response.body });

function upload(ctx: TestContext, as: Session, orgId: string) {
  const body = multipartBody(
    { orgId, template: 'accounts' },
    { name: 'people.csv', content: 'UserID,LastName,FirstName,Email\n1,A,B,a@example.org\n' },
  );
  return ctx.app.inject({
    method: 'POST',
    url: '/api/imports',
    payload: body.payload,
    headers: { cookie: as.cookie as string, 'content-type': body.contentType },
  });
}

/**
 * An id from another tenant must answer exactly as an id that does not exist, or the answer tells a
 * tenant's administrators which organizations other tenants have.
 */
describeEachDatabase('an organization of another tenant is indistinguishable from one that does not exist', (ctx) => {
  let home: OrgRef;
  let county: OrgRef;
  let foreignRoot: OrgRef;
  let foreignCounty: OrgRef;
  let tenantAdmin: Session;
  let countyAdmin: Session;
  let learner: Session;
  let homePerson: AccountRef;

  before(async () => {
    home = await createOrg(ctx(), `Home ${uniqueSuffix()}`);
    county = await createOrg(ctx(), `Home County ${uniqueSuffix()}`, home);
    foreignRoot = await createOrg(ctx(), `Foreign ${uniqueSuffix()}`);
    foreignCounty = await createOrg(ctx(), `Foreign County ${uniqueSuffix()}`, foreignRoot);
    tenantAdmin = (await signedInAdmin(ctx(), home)).session;
    countyAdmin = (await signedInAdmin(ctx(), county)).session;
    learner = (await signedInAdmin(ctx(), county, 'learner')).session;
    homePerson = await createAccount(ctx(), { orgId: county.id, password: 'Temporary-pass-4' });
  });

  /** Each request as a function of the organization id it names. */
  const requests: Array<[string, (orgId: string, as: Session) => Promise<LightMyRequestResponse>]> = [
    [
      'create an account there',
      (orgId, as) =>
        ctx().call('POST', '/api/accounts', {
          as,
          body: { orgId, firstName: 'A', lastName: 'B', email: `x-${uniqueSuffix()}@example.org` },
        }),
    ],
    ['move an account there', (orgId, as) => ctx().call('PATCH', `/api/accounts/${homePerson.id}`, { as, body: { orgId } })],
    [
      'create a child organization',
      (orgId, as) => ctx().call('POST', '/api/orgs', { as, body: { name: 'Child', kind: 'site', parentId: orgId } }),
    ],
    ['read the organization', (orgId, as) => ctx().call('GET', `/api/orgs/${orgId}`, { as })],
    ['rename the organization', (orgId, as) => ctx().call('PATCH', `/api/orgs/${orgId}`, { as, body: { name: 'Renamed' } })],
    ['list organizations of a tenant', (orgId, as) => ctx().call('GET', `/api/orgs?tenantId=${orgId}`, { as })],
    ['list accounts in it', (orgId, as) => ctx().call('GET', `/api/accounts?orgId=${orgId}`, { as })],
    ['look for duplicates in it', (orgId, as) => ctx().call('GET', `/api/accounts/duplicates?orgId=${orgId}&email=a@example.org`, { as })],
    ['list import templates for it', (orgId, as) => ctx().call('GET', `/api/import-templates?orgId=${orgId}`, { as })],
    [
      'download an import template for it',
      (orgId, as) => ctx().call('GET', `/api/import-templates/accounts/template.csv?orgId=${orgId}`, { as }),
    ],
    ['upload an import into it', (orgId, as) => upload(ctx(), as, orgId)],
    ['read its email templates', (orgId, as) => ctx().call('GET', `/api/email-templates?tenantId=${orgId}`, { as })],
    ['read its tenant settings', (orgId, as) => ctx().call('GET', `/api/tenants/${orgId}/settings`, { as })],
    [
      'change its tenant settings',
      (orgId, as) => ctx().call('PATCH', `/api/tenants/${orgId}/settings`, { as, body: { registrationWindowDays: 30 } }),
    ],
    ['filter the audit by it', (orgId, as) => ctx().call('GET', `/api/audit?targetId=${orgId}`, { as })],
  ];

  for (const [what, request] of requests) {
    test(`${what}: the same answer for another tenant's organization and an unknown id`, async () => {
      for (const [who, as] of [
        ['tenant administrator', tenantAdmin],
        ['county administrator', countyAdmin],
        ['learner', learner],
      ] as const) {
        const unknown = answer(await request(unknownId, as));
        for (const foreign of [foreignRoot.id, foreignCounty.id]) {
          const shown = answer(await request(foreign, as));
          assert.deepEqual(shown, { status: unknown.status, body: unknown.body.replaceAll(unknownId, foreign) }, `${who}: ${shown.body}`);
        }
      }
    });
  }
});

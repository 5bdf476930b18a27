import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type TestContext } from '../support/context.ts';
import { createOrg, type OrgRef } from '../support/factories.ts';
import { multipartBody } from '../support/multipart.ts';

const header = 'UserID,LastName,FirstName,Email,Status,Affiliation,EmployeeType,DateHire,Role,Password,Organization';

function upload(ctx: TestContext, orgId: string, content: string) {
  const body = multipartBody({ orgId, template: 'accounts' }, { name: 'people.csv', content });
  return ctx.app.inject({
    method: 'POST',
    url: '/api/imports',
    payload: body.payload,
    headers: { cookie: ctx.root.cookie as string, 'content-type': body.contentType },
  });
}

describeEachDatabase('imports: the same file in flight', (ctx) => {
  let org: OrgRef;
  before(async () => {
    org = await createOrg(ctx(), 'In Flight State');
  });

  test('of identical uploads sent at once, exactly one is accepted and the others answer 409 import_in_progress', async () => {
    const file = [header, ',Race,Condition,race@example.org,,,,,,,'].join('\r\n');
    const responses = await Promise.all(Array.from({ length: 8 }, () => upload(ctx(), org.id, file)));
    const accepted = responses.filter((r) => r.statusCode === 202);
    const refused = responses.filter((r) => r.statusCode === 409);
    assert.equal(accepted.length, 1, responses.map((r) => `${r.statusCode} ${r.body}`).join('\n'));
    assert.equal(refused.length, 7, responses.map((r) => `${r.statusCode} ${r.body}`).join('\n'));
    const winner = accepted[0]?.json().id;
    for (const response of refused) {
      assert.equal(response.json().error.code, 'import_in_progress');
      assert.equal(response.json().error.details?.importId, winner);
    }
  });
});

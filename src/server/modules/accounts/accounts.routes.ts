import {
  accountPageSchema,
  accountSchema,
  accountSearchSchema,
  createAccountSchema,
  duplicateQuerySchema,
  duplicatesResultSchema,
  updateAccountSchema,
} from '../../../common/schemas/accounts.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, idParamsSchema, type ApiInstance } from '../../platform/route-types.ts';
import type { AccountSearchService } from './account-search.service.ts';
import type { AccountsService } from './accounts.service.ts';
import type { DuplicatesService } from './duplicates.service.ts';

export function accountsRoutes(
  app: ApiInstance,
  deps: { accounts: AccountsService; search: AccountSearchService; duplicates: DuplicatesService },
): void {
  const tags = ['Accounts'];
  const { accounts, search, duplicates } = deps;

  app.get(
    '/api/accounts',
    {
      schema: {
        tags,
        summary: 'Search accounts in the caller’s reach',
        description:
          '`q` matches the start of first name, last name, email or username; `status` takes a comma-separated list; `orgId` limits to that subtree. ' +
          '`total` stops at 1,000 with `totalCapped: true` ("1,000+"); `count=exact` counts every match.',
        querystring: accountSearchSchema,
        response: { 200: accountPageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => search.searchAccounts(actorOf(request), request.query),
  );

  app.post(
    '/api/accounts',
    {
      schema: {
        tags,
        summary: 'Create one account; `role` is granted at `orgId`, `password` is temporary',
        body: createAccountSchema,
        response: { 201: accountSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await accounts.createAccount(actorOf(request), request.body)),
  );

  app.get(
    '/api/accounts/duplicates',
    {
      schema: {
        tags,
        summary: 'Existing accounts with this email, and people with a similar name, anywhere in the tenant',
        querystring: duplicateQuerySchema,
        response: { 200: duplicatesResultSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => duplicates.findDuplicates(actorOf(request), request.query),
  );

  app.get(
    '/api/accounts/:id',
    {
      schema: { tags, summary: 'One account', params: idParamsSchema, response: { 200: accountSchema, ...errorResponses(401, 403, 404) } },
    },
    async (request) => accounts.getAccount(actorOf(request), request.params.id),
  );

  app.patch(
    '/api/accounts/:id',
    {
      schema: {
        tags,
        summary: 'Change an account’s fields (status changes through archive and reactivate)',
        params: idParamsSchema,
        body: updateAccountSchema,
        response: { 200: accountSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => accounts.updateAccount(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/accounts/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive an account: it cannot sign in and frees its seat',
        params: idParamsSchema,
        response: { 200: accountSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => accounts.archiveAccount(actorOf(request), request.params.id),
  );

  app.post(
    '/api/accounts/:id/reactivate',
    {
      schema: {
        tags,
        summary: 'Reactivate an archived account',
        params: idParamsSchema,
        response: { 200: accountSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => accounts.reactivateAccount(actorOf(request), request.params.id),
  );
}

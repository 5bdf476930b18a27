import { z } from 'zod';
import {
  accountRequestDetailSchema,
  assignInputSchema,
  createFromRequestSchema,
  redirectCandidatesSchema,
  redirectInputSchema,
  replyInputSchema,
  requestDuplicatesSchema,
  requestFormSettingsSchema,
  requestFormViewSchema,
  requestPageSchema,
  requestQuerySchema,
  requestStatsSchema,
  tagsInputSchema,
} from '../../../common/schemas/account-requests.ts';
import { responseTemplateQuerySchema } from '../../../common/schemas/response-templates.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, idParamsSchema, type ApiInstance } from '../../platform/route-types.ts';
import type { HandOverService } from './hand-over.service.ts';
import type { QueueService } from './queue.service.ts';
import type { RepliesService } from './replies.service.ts';
import type { RequestFormsService } from './request-forms.service.ts';

export interface AccountRequestServices {
  queue: QueueService;
  replies: RepliesService;
  handOver: HandOverService;
  forms: RequestFormsService;
}

const candidatesQuerySchema = z.strictObject({ q: z.string().trim().max(200).optional() });

/** The help-desk queue. Out of reach answers 404; handing on and creating accounts need requests.handle there. */
export function accountRequestsRoutes(app: ApiInstance, s: AccountRequestServices): void {
  const tags = ['Account requests'];
  const detail = { 200: accountRequestDetailSchema, ...errorResponses(400, 401, 403, 404, 409) };

  app.get(
    '/api/account-requests',
    {
      schema: {
        tags,
        summary: 'Requests in the caller’s queue (their subtree’s, and those handed to them), newest first',
        querystring: requestQuerySchema,
        response: { 200: requestPageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => s.queue.list(actorOf(request), request.query),
  );

  app.get(
    '/api/account-requests/stats',
    {
      schema: {
        tags,
        summary: 'How many requests are open, waiting and resolved, and the average times to first answer and to resolution',
        response: { 200: requestStatsSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => s.queue.stats(actorOf(request)),
  );

  app.get(
    '/api/account-request-form',
    {
      schema: {
        tags,
        summary: 'The tenant’s public request form: its slug and the fields it asks',
        querystring: responseTemplateQuerySchema,
        response: { 200: requestFormViewSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => s.forms.getForm(actorOf(request), request.query.tenantId),
  );

  app.put(
    '/api/account-request-form',
    {
      schema: {
        tags,
        summary: 'Change the tenant’s public request form (its administrators)',
        querystring: responseTemplateQuerySchema,
        body: requestFormSettingsSchema,
        response: { 200: requestFormViewSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => s.forms.saveForm(actorOf(request), request.body, request.query.tenantId),
  );

  app.get(
    '/api/account-requests/:id',
    { schema: { tags, summary: 'One request with its thread', params: idParamsSchema, response: detail } },
    async (request) => s.queue.get(actorOf(request), request.params.id),
  );

  app.post(
    '/api/account-requests/:id/reply',
    {
      schema: {
        tags,
        summary: 'Answer from a template (templateKey) or in your own words (body): emailed, kept in the thread, the request then waits',
        description: '`note: true` keeps the words in the thread for staff only, without emailing them.',
        params: idParamsSchema,
        body: replyInputSchema,
        response: detail,
      },
    },
    async (request) => s.replies.reply(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/account-requests/:id/duplicates',
    {
      schema: {
        tags,
        summary: 'Accounts that may already be this person (same email, similar name) across the tenant',
        params: idParamsSchema,
        response: { 200: requestDuplicatesSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => s.handOver.duplicatesOf(actorOf(request), request.params.id),
  );

  app.post(
    '/api/account-requests/:id/create-account',
    {
      schema: {
        tags,
        summary: 'Create the account the request asks for (prefilled from it), link it and send the welcome',
        params: idParamsSchema,
        body: createFromRequestSchema,
        response: detail,
      },
    },
    async (request) => s.handOver.createAccount(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/account-requests/:id/redirect-candidates',
    {
      schema: {
        tags,
        summary: 'People in reach who may invite someone, to hand the request to',
        params: idParamsSchema,
        querystring: candidatesQuerySchema,
        response: { 200: redirectCandidatesSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await s.handOver.candidates(actorOf(request), request.params.id, request.query.q) }),
  );

  app.post(
    '/api/account-requests/:id/redirect',
    {
      schema: {
        tags,
        summary: 'Hand the request to someone who may invite the person (a programme director, a coach lead)',
        params: idParamsSchema,
        body: redirectInputSchema,
        response: detail,
      },
    },
    async (request) => s.handOver.redirect(actorOf(request), request.params.id, request.body.accountId),
  );

  app.post(
    '/api/account-requests/:id/tags',
    {
      schema: { tags, summary: 'Set the request’s tags (replaces them)', params: idParamsSchema, body: tagsInputSchema, response: detail },
    },
    async (request) => s.queue.setTags(actorOf(request), request.params.id, request.body.tags),
  );

  app.post(
    '/api/account-requests/:id/assign',
    {
      schema: {
        tags,
        summary: 'Assign the request to a handler of its organization (null: nobody)',
        params: idParamsSchema,
        body: assignInputSchema,
        response: detail,
      },
    },
    async (request) => s.queue.assign(actorOf(request), request.params.id, request.body.accountId),
  );

  app.post(
    '/api/account-requests/:id/resolve',
    { schema: { tags, summary: 'Mark the request resolved', params: idParamsSchema, response: detail } },
    async (request) => s.queue.resolve(actorOf(request), request.params.id),
  );

  app.post(
    '/api/account-requests/:id/reopen',
    { schema: { tags, summary: 'Open a resolved request again', params: idParamsSchema, response: detail } },
    async (request) => s.queue.reopen(actorOf(request), request.params.id),
  );
}

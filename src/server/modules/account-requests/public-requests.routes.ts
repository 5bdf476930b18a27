import {
  publicRequestFormSchema,
  publicRequestInputSchema,
  publicRequestViewSchema,
  requestReceivedSchema,
  requesterMessageInputSchema,
  tenantParamsSchema,
} from '../../../common/schemas/account-requests.ts';
import { tokenParamsSchema } from '../../../common/schemas/onboarding.ts';
import { errorResponses, type ApiInstance } from '../../platform/route-types.ts';
import { requestReceivedMessage, type IntakeService } from './intake.service.ts';

/** A request is a few short fields and a message: 16 KiB is plenty, and anything larger is refused unread. */
const requestBodyLimit = 16 * 1024;

/** The unauthenticated side: the form, the request, the requester's private link. */
export function publicRequestsRoutes(app: ApiInstance, intake: IntakeService): void {
  const tags = ['Account requests (public)'];

  app.get(
    '/api/public/account-requests/forms/:tenant',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The request form a tenant shares (by its slug or id): which fields it asks, the organizations to pick from',
        params: tenantParamsSchema,
        response: { 200: publicRequestFormSchema, ...errorResponses(404) },
      },
    },
    async (request) => intake.publicForm(request.params.tenant),
  );

  app.post(
    '/api/public/account-requests',
    {
      config: { access: 'public' },
      bodyLimit: requestBodyLimit,
      schema: {
        tags,
        summary: 'Ask for an account. The answer is the same whether or not the email already has one',
        description:
          'Rate limited per address and per email (429). When the email already has an account in the tenant, that address is sent a sign-in link instead and no request is stored.',
        body: publicRequestInputSchema,
        response: { 202: requestReceivedSchema, ...errorResponses(400, 404, 413, 429) },
      },
    },
    async (request, reply) => {
      await intake.submit(request.body, request.ip);
      return reply.code(202).send({ status: 'received' as const, message: requestReceivedMessage });
    },
  );

  app.get(
    '/api/public/account-requests/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The request a private link follows: its number, status and the conversation',
        params: tokenParamsSchema,
        response: { 200: publicRequestViewSchema, ...errorResponses(404) },
      },
    },
    async (request) => intake.view(request.params.token),
  );

  app.post(
    '/api/public/account-requests/:token/messages',
    {
      config: { access: 'public' },
      bodyLimit: requestBodyLimit,
      schema: {
        tags,
        summary: 'Answer through the private link: the answer joins the thread and reopens a request waiting for it',
        params: tokenParamsSchema,
        body: requesterMessageInputSchema,
        response: { 201: publicRequestViewSchema, ...errorResponses(400, 404, 413, 429) },
      },
    },
    async (request, reply) => reply.code(201).send(await intake.answer(request.params.token, request.body.body, request.ip)),
  );
}

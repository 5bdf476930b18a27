import { mailMessageSchema, mailPageSchema, mailQueuedSchema, mailQuerySchema } from '../../../common/schemas/mail.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, idParamsSchema, type ApiInstance } from '../../platform/route-types.ts';
import type { MailService } from './mail.service.ts';

export function mailRoutes(app: ApiInstance, mail: MailService): void {
  const tags = ['Mail'];
  app.get(
    '/api/mail',
    {
      schema: {
        tags,
        summary: 'Outgoing messages, newest first (global and tenant administrators)',
        description: 'Without SMTP configured, messages are `held` here instead of sent.',
        querystring: mailQuerySchema,
        response: { 200: mailPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => mail.listMessages(actorOf(request), request.query),
  );

  app.get(
    '/api/mail/:id',
    {
      schema: {
        tags,
        summary: 'One outgoing message with its body',
        params: idParamsSchema,
        response: { 200: mailMessageSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => mail.getMessage(actorOf(request), request.params.id),
  );

  app.post(
    '/api/mail/:id/send-again',
    {
      schema: {
        tags,
        summary: 'Send a failed or held message again',
        params: idParamsSchema,
        response: { 200: mailQueuedSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => mail.sendAgain(actorOf(request), request.params.id),
  );

  app.post(
    '/api/mail/send-held',
    {
      schema: {
        tags,
        summary: 'Send every held message the caller may read (once SMTP is configured)',
        response: { 200: mailQueuedSchema, ...errorResponses(401, 403, 409) },
      },
    },
    async (request) => mail.sendHeld(actorOf(request)),
  );
}

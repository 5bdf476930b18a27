import {
  createInvitationSchema,
  invitationPageSchema,
  invitationQuerySchema,
  invitationSchema,
} from '../../../common/schemas/invitations.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, idParamsSchema, type ApiInstance } from '../../platform/route-types.ts';
import type { InvitationsService } from './invitations.service.ts';

export function invitationsRoutes(app: ApiInstance, invitations: InvitationsService): void {
  const tags = ['Invitations'];

  app.post(
    '/api/invitations',
    {
      schema: {
        tags,
        summary: 'Invite a person by email into a role the caller may invite at that organization; the link lands them in the group',
        description:
          '403 `role_not_allowed` when none of the caller’s roles lists the role in mayInvite; 409 `email_taken`, `role_limit` (pending invitations count). While mail is held (no SMTP server), the answer carries the registration link as `link`.',
        body: createInvitationSchema,
        response: { 201: invitationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const invitation = await invitations.sendInvitation(actorOf(request), request.body);
      // A held-mail answer carries a live registration link: no cache may keep it.
      if (invitation.link) void reply.header('cache-control', 'no-store');
      return reply.code(201).send(invitation);
    },
  );

  app.get(
    '/api/invitations',
    {
      schema: {
        tags,
        summary: 'Invitations in the caller’s reach, newest first',
        querystring: invitationQuerySchema,
        response: { 200: invitationPageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => invitations.listInvitations(actorOf(request), request.query),
  );

  app.post(
    '/api/invitations/:id/resend',
    {
      schema: {
        tags,
        summary: 'Send a new link (the old one stops working); an expired invitation is pending again',
        description: 'While mail is held (no SMTP server), the answer carries the new link as `link`, for the caller to pass on.',
        params: idParamsSchema,
        response: { 200: invitationSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const invitation = await invitations.resendInvitation(actorOf(request), request.params.id);
      if (invitation.link) void reply.header('cache-control', 'no-store');
      return invitation;
    },
  );

  app.post(
    '/api/invitations/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Withdraw an invitation: the link stops working and nothing is held against limits any more',
        params: idParamsSchema,
        response: { 200: invitationSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => invitations.revokeInvitation(actorOf(request), request.params.id),
  );
}

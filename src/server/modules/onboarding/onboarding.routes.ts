import { z } from 'zod';
import { accountSchema } from '../../../common/schemas/accounts.ts';
import {
  activationSentSchema,
  passwordResetDoneSchema,
  passwordResetInfoSchema,
  passwordResetInputSchema,
  passwordResetRequestedSchema,
  passwordResetRequestSchema,
  registrationInfoSchema,
  registrationInputSchema,
  tokenParamsSchema,
} from '../../../common/schemas/onboarding.ts';
import { actorOf, requestSource, setSessionCookie } from '../../platform/request-auth.ts';
import { errorResponses, idParamsSchema, type ApiInstance } from '../../platform/route-types.ts';
import { resetLinkSentSchema, temporaryPasswordSetSchema } from '../../../common/schemas/password-help.ts';
import type { ActivationService } from './activation.service.ts';
import type { PasswordHelpService } from './password-help.service.ts';
import { resetRequestedMessage, type PasswordResetService } from './password-reset.service.ts';
import type { RegistrationService } from './registration.service.ts';

export interface OnboardingServices {
  activation: ActivationService;
  registration: RegistrationService;
  passwordReset: PasswordResetService;
  passwordHelp: PasswordHelpService;
}

export function onboardingRoutes(app: ApiInstance, s: OnboardingServices, options: { secureCookies: boolean }): void {
  app.post(
    '/api/accounts/:id/send-activation',
    {
      schema: {
        tags: ['Accounts'],
        summary: 'Email a new activation link to an invited or expired account (earlier links stop working)',
        params: idParamsSchema,
        response: { 200: activationSentSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => s.activation.sendActivation(actorOf(request), request.params.id),
  );

  app.post(
    '/api/accounts/:id/password-reset',
    {
      schema: {
        tags: ['Accounts'],
        summary: 'Email an active account a password reset link; without SMTP the link comes back in the answer, once',
        params: idParamsSchema,
        response: { 200: resetLinkSentSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => s.passwordHelp.sendResetLink(actorOf(request), request.params.id),
  );

  app.post(
    '/api/accounts/:id/temporary-password',
    {
      schema: {
        tags: ['Accounts'],
        summary: 'Give an active account a generated temporary password, shown once; it must be changed at sign-in',
        params: idParamsSchema,
        response: { 200: temporaryPasswordSetSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => s.passwordHelp.setTemporaryPassword(actorOf(request), request.params.id),
  );

  const registration = ['Registration'];
  app.get(
    '/api/registration/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: registration,
        summary: 'What an activation link is for: the person, their organization, the password rules',
        params: tokenParamsSchema,
        response: { 200: registrationInfoSchema, ...errorResponses(403, 404, 410) },
      },
    },
    async (request) => s.registration.describe(request.params.token),
  );

  app.post(
    '/api/registration/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: registration,
        summary: 'Confirm the name, choose a password, and be signed in (the link works once)',
        params: tokenParamsSchema,
        body: registrationInputSchema,
        response: {
          200: z.object({ account: accountSchema, mustChangePassword: z.boolean(), expiresAt: z.string() }),
          ...errorResponses(400, 403, 404, 410),
        },
      },
    },
    async (request, reply) => {
      const result = await s.registration.register(request.params.token, request.body, {
        clientIp: request.ip,
        userAgent: request.headers['user-agent'],
        source: requestSource(request),
        requestId: request.id,
      });
      setSessionCookie(reply, result.sessionToken, result.expiresAt, options.secureCookies);
      return { account: result.account, mustChangePassword: false, expiresAt: result.expiresAt };
    },
  );

  const auth = ['Authentication'];
  app.post(
    '/api/auth/password-reset',
    {
      config: { access: 'public' },
      schema: {
        tags: auth,
        summary: 'Ask for a password reset link; the answer is the same whether or not an account matches',
        body: passwordResetRequestSchema,
        response: { 202: passwordResetRequestedSchema, ...errorResponses(400, 429) },
      },
    },
    async (request, reply) => {
      await s.passwordReset.requestReset(request.body.username, request.ip);
      return reply.code(202).send({ status: 'requested' as const, message: resetRequestedMessage });
    },
  );

  app.get(
    '/api/auth/password-reset/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: auth,
        summary: 'Whose password a reset link resets, and until when it works',
        params: tokenParamsSchema,
        response: { 200: passwordResetInfoSchema, ...errorResponses(403, 404, 410) },
      },
    },
    async (request) => s.passwordReset.describe(request.params.token),
  );

  app.post(
    '/api/auth/password-reset/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: auth,
        summary: 'Choose a new password with a reset link (once); every session of the account ends',
        params: tokenParamsSchema,
        body: passwordResetInputSchema,
        response: { 200: passwordResetDoneSchema, ...errorResponses(400, 403, 404, 410) },
      },
    },
    async (request) => {
      await s.passwordReset.completeReset(request.params.token, request.body.newPassword, { requestId: request.id });
      return { status: 'changed' as const };
    },
  );
}

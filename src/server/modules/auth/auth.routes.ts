import { z } from 'zod';
import { accountSchema } from '../../../common/schemas/accounts.ts';
import { sessionSchema } from '../../../common/schemas/auth.ts';
import { permissionsSummary } from './scope-summary.ts';
import { actorOf, clearSessionCookie, requestSource, sessionCookieName, setSessionCookie } from '../../platform/request-auth.ts';
import { errorResponses, type ApiInstance } from '../../platform/route-types.ts';
import type { AuthService } from './auth.service.ts';

const loginSchema = z.strictObject({
  username: z.string().trim().min(1, 'Enter your email or username.').max(254),
  password: z.string().min(1, 'Enter your password.').max(256),
});
const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1, 'Enter your current password.').max(256),
  newPassword: z.string().min(1, 'Enter a new password.').max(256),
  /** Leave the person's API tokens working (they are revoked otherwise). */
  keepApiTokens: z.boolean().optional(),
});

export function authRoutes(app: ApiInstance, auth: AuthService, options: { secureCookies: boolean; mailDelivery: 'smtp' | 'held' }): void {
  const tags = ['Authentication'];

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Sign in with a username or email and a password; sets the session cookie',
        body: loginSchema,
        response: {
          200: z.object({ account: accountSchema, mustChangePassword: z.boolean(), expiresAt: z.string() }),
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    async (request, reply) => {
      const result = await auth.signIn({
        username: request.body.username,
        password: request.body.password,
        clientIp: request.ip,
        userAgent: request.headers['user-agent'],
        source: requestSource(request),
        requestId: request.id,
      });
      setSessionCookie(reply, result.sessionToken, result.expiresAt, options.secureCookies);
      return { account: result.account, mustChangePassword: result.mustChangePassword, expiresAt: result.expiresAt };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Sign out: ends the session', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const raw = request.cookies[sessionCookieName];
      const unsigned = raw ? request.unsignCookie(raw) : undefined;
      if (unsigned?.valid && unsigned.value) await auth.signOut(unsigned.value);
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'password-change' },
      schema: {
        tags,
        summary: 'The signed-in account, its reach, and whether its password must be changed',
        response: { 200: sessionSchema, ...errorResponses(401) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return {
        account: await auth.currentAccount(actor),
        mustChangePassword: request.auth?.mustChangePassword ?? false,
        scope: permissionsSummary(actor),
        isGlobalAdmin: actor.isGlobalAdmin,
        mailDelivery: options.mailDelivery,
      };
    },
  );

  app.post(
    '/api/auth/change-password',
    {
      config: { access: 'password-change' },
      schema: {
        tags,
        summary:
          'Change the password (also ends the temporary-password restriction, signs out other sessions and revokes API tokens unless keepApiTokens is true)',
        body: changePasswordSchema,
        response: { 200: z.object({ mustChangePassword: z.literal(false) }), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      await auth.changePassword(actorOf(request), request.auth?.sessionId, request.body);
      return { mustChangePassword: false as const };
    },
  );
}

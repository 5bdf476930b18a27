import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCodes } from '../../common/error-codes.ts';
import type { AuditSource } from '../../common/permissions.ts';
import type { Actor, Authenticated } from './actor.ts';
import { forbidden, unauthenticated } from './errors.ts';

export const sessionCookieName = 'registrar_session';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | undefined;
  }
  interface FastifyContextConfig {
    /**
     * 'public' routes need no sign-in; 'password-change' routes stay open while a temporary password is
     * pending; 'own' routes check their caller themselves (no session or API token is read: /metrics).
     */
    access?: 'public' | 'password-change' | 'own';
  }
}

/** The console marks its calls so the audit trail can tell them from other API use. */
export function requestSource(request: Pick<FastifyRequest, 'headers'>): AuditSource {
  return request.headers['x-registrar-client'] === 'console' ? 'console' : 'api';
}

/** What request authentication needs from the auth module; platform knows the shape, not the module. */
export interface RequestAuthenticator {
  authenticateBearer(secret: string, source: AuditSource, requestId?: string): Promise<Authenticated | undefined>;
  authenticateSession(sessionToken: string, source: AuditSource, requestId?: string): Promise<Authenticated | undefined>;
}

/** Resolves the session cookie or bearer token into an actor before any route runs. */
export function installRequestAuth(app: FastifyInstance, auth: RequestAuthenticator): void {
  app.decorateRequest('auth', undefined);
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.access === 'own') return;
    // SCIM authenticates its own tokens, answering in SCIM's error shape (modules/scim).
    if (request.url.startsWith('/scim/')) return;
    const header = request.headers.authorization;
    if (header?.toLowerCase().startsWith('bearer ')) {
      request.auth = await auth.authenticateBearer(header.slice(7).trim(), requestSource(request), request.id);
      if (!request.auth) throw unauthenticated('The API token is not valid or has been revoked.');
      return;
    }
    const raw = request.cookies[sessionCookieName];
    if (!raw) return;
    const unsigned = request.unsignCookie(raw);
    if (unsigned.valid && unsigned.value) request.auth = await auth.authenticateSession(unsigned.value, requestSource(request), request.id);
  });

  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    // The console's static files and the API documentation are public; every other /api route is not.
    const url = request.routeOptions.url ?? '';
    if (access === 'public' || access === 'own' || !url.startsWith('/api/') || url.startsWith('/api/docs')) return;
    if (!request.auth) throw unauthenticated();
    if (request.auth.mustChangePassword && access !== 'password-change') {
      throw forbidden('Change your temporary password before doing anything else.', ErrorCodes.passwordChangeRequired);
    }
  });
}

/** The signed-in actor of a route that requires one (the preHandler has already refused anonymous calls). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.auth) throw unauthenticated();
  return request.auth.actor;
}

/** The signed, HTTP-only session cookie; `secure` when the public address is https. */
export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: string, secure: boolean): void {
  void reply.setCookie(sessionCookieName, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    signed: true,
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(sessionCookieName, { path: '/' });
}

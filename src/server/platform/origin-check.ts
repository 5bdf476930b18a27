import type { FastifyInstance } from 'fastify';
import { csrfRejected } from './errors.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection for cookie-authenticated writes, by checking where the request came from
 * (OWASP's "verify origin with standard headers" and Fetch Metadata). Browsers always send
 * Sec-Fetch-Site and Origin on cross-site POSTs, so a forged form or fetch from another site is
 * refused. Programs calling the API with a cookie and no browser headers are not a CSRF vector, so
 * the documented API keeps working without a token dance; bearer-token calls carry no ambient
 * credential and are exempt. The session cookie is also SameSite=Lax.
 */
export function installOriginCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (safeMethods.has(request.method)) return;
    if (request.headers.authorization?.toLowerCase().startsWith('bearer ')) return;
    const fetchSite = request.headers['sec-fetch-site'];
    if (fetchSite === 'cross-site') throw csrfRejected('This request came from another site and was refused.');
    const origin = request.headers.origin;
    if (origin && origin !== 'null') {
      let host: string;
      let expected: string;
      try {
        const parsed = new URL(origin);
        host = parsed.host;
        // Parsed with the origin's scheme so that default ports compare equal (":443" and none).
        expected = new URL(`${parsed.protocol}//${request.host}`).host;
      } catch {
        throw csrfRejected('The request origin is not valid.');
      }
      if (host !== expected) throw csrfRejected('This request came from another site and was refused.');
    } else if (origin === 'null') {
      throw csrfRejected('This request came from an opaque origin and was refused.');
    }
  });
}

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Where `vite build` puts the console. This file lives three levels below the repository root both as
 * source (src/server/platform) and compiled (dist/server/platform), so one relative path serves both.
 */
export const defaultWebRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

const missingMessage = [
  'The Registrar API is running, but the web console has not been built.',
  'Run `npm run build` (or `npm ci`, which builds it) and restart the server.',
  'The API is at /api and its documentation at /api/docs.',
].join('\n');

/**
 * Paths the single-page app owns: everything a browser may ask for that is not the API. A missing
 * build asset stays a 404 rather than receiving the page, which a browser could not run as a script.
 */
function isConsolePath(url: string): boolean {
  return !url.startsWith('/api/') && url !== '/api' && !url.startsWith('/assets/');
}

/** The console's pages are not part of the API: kept out of the OpenAPI document (and so out of /api/docs). */
const consoleRoute = { schema: { hide: true } };

/**
 * Serves the built console at `/` with a fallback to index.html for client-side routes, so a bookmarked
 * `/accounts?status=active` loads the app. Unknown /api paths still answer the API's JSON 404.
 */
export async function registerWebConsole(app: FastifyInstance, root: string = defaultWebRoot): Promise<void> {
  const built = existsSync(join(root, 'index.html'));
  if (!built) {
    app.log.warn({ root }, 'web console not built; serving a notice at /');
    const notice = async (request: FastifyRequest, reply: FastifyReply) => {
      if (!isConsolePath(request.url)) return reply.callNotFound();
      return reply.code(503).type('text/plain; charset=utf-8').send(missingMessage);
    };
    app.get('/', consoleRoute, notice);
    app.get('/*', consoleRoute, notice);
    return;
  }

  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    // Vite fingerprints everything under assets/, so those never change; index.html must always be fresh.
    setHeaders: (reply, path) => {
      void reply.header('cache-control', path.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  const sendApp = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isConsolePath(request.url)) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root);
  };
  app.get('/', consoleRoute, sendApp);
  app.get('/*', consoleRoute, sendApp);
}

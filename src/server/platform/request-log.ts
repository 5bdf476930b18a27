import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * Fastify's request log lines, rewritten: its own carry the full URL (and the whole request for 5xx),
 * and some URLs are secrets: activation and reset links (`/register/:token`, `/api/registration/:token`,
 * `/reset-password/:token`, `/api/auth/password-reset/:token`) and account requests' private links
 * (`/my-request/:token`). Ours name the route's pattern when the request matched an API route, otherwise the path with every segment that could be a secret replaced.
 * One line per request, when it completes. Bodies, cookies and authorization headers are never logged.
 */
export class RedactingLogController extends LogController {
  override incomingRequest(): void {
    // The completion line says everything; an arrival line would only double the volume.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = requestLine(request, reply);
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (reply.statusCode >= 500) reply.log.error({ ...requestLine(request, reply), err: error }, error.message);
    else reply.log.info({ ...requestLine(request, reply), err: error }, error.message);
  }

  override routeNotFound(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.info({ method: request.method, url: loggableUrl(request) }, 'route not found');
  }

  override writeHeadError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    reply.log.warn({ ...requestLine(request, reply), err: error }, error.message);
  }
}

function requestLine(request: FastifyRequest, reply: FastifyReply) {
  return { method: request.method, url: loggableUrl(request), statusCode: reply.statusCode, responseTime: reply.elapsedTime };
}

/** Path segments that are followed by a single-use token in the console's and the API's links. */
const segmentsBeforeASecret = new Set(['register', 'reset-password', 'registration', 'password-reset', 'my-request']);
/** Anything long and random-looking (tokens are 43 base64url characters; API tokens start with rgt_). */
const looksSecret = (segment: string) => /^rgt_/i.test(segment) || /^[\w-]{32,}$/.test(segment);
/** Query parameters whose values are never written down. */
const secretQueryName = /token|secret|passw|session|key|code|auth/i;

export function loggableUrl(request: Pick<FastifyRequest, 'url' | 'routeOptions'>): string {
  const [rawPath = '', query] = splitOnce(request.url, '?');
  const pattern = request.routeOptions.url;
  // The console's catch-all route ('/*') serves the link pages: its pattern says nothing, so redact the path.
  const path = pattern && !pattern.includes('*') ? pattern : redactPath(rawPath);
  return query === undefined ? path : `${path}?${redactQuery(query)}`;
}

function redactPath(path: string): string {
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      const decoded = safeDecode(segment);
      if (i > 0 && segmentsBeforeASecret.has(safeDecode(segments[i - 1] ?? '').toLowerCase()) && segment !== '') return ':token';
      return looksSecret(decoded) ? ':secret' : segment;
    })
    .join('/');
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const [name = '', value] = splitOnce(pair, '=');
      if (value === undefined) return looksSecret(safeDecode(name)) ? ':secret' : name;
      return secretQueryName.test(safeDecode(name)) || looksSecret(safeDecode(value)) ? `${name}=:redacted` : pair;
    })
    .join('&');
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

import { ErrorCodes } from '../common/error-codes.ts';
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from './container.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { organizationsRoutes } from './modules/organizations/organizations.routes.ts';
import { tokensRoutes } from './modules/tokens/tokens.routes.ts';
import { maxUploadBytes } from './modules/imports/import-files.ts';
import { importsRoutes } from './modules/imports/imports.routes.ts';
import { mailRoutes } from './modules/notifications/mail.routes.ts';
import { importTemplatesRoutes } from './modules/imports/templates/templates.routes.ts';
import { emailTemplatesRoutes } from './modules/email-templates/email-templates.routes.ts';
import { onboardingRoutes } from './modules/onboarding/onboarding.routes.ts';
import { mySessionsRoutes } from './modules/auth/my-sessions.routes.ts';
import { orgTreeRoutes } from './modules/organizations/org-tree.routes.ts';
import { tenantsRoutes } from './modules/tenants/tenants.routes.ts';
import { rolesRoutes } from './modules/roles/roles.routes.ts';
import { groupsRoutes } from './modules/groups/groups.routes.ts';
import { invitationsRoutes } from './modules/invitations/invitations.routes.ts';
import { catalogRoutes } from './modules/enrollment/catalog.routes.ts';
import { enrollmentsRoutes } from './modules/enrollment/enrollments.routes.ts';
import { accountRequestsRoutes } from './modules/account-requests/account-requests.routes.ts';
import { publicRequestsRoutes } from './modules/account-requests/public-requests.routes.ts';
import { responseTemplatesRoutes } from './modules/account-requests/response-templates.routes.ts';
import { scimRoutes } from './modules/scim/scim.routes.ts';
import { scimTokensRoutes } from './modules/tokens/scim-tokens.routes.ts';
import { bulkActionsRoutes } from './modules/bulk-actions/bulk-actions.routes.ts';
import { seatsRoutes } from './modules/seats/seats.routes.ts';
import { inactivityRoutes } from './modules/inactivity/inactivity.routes.ts';
import { exportRoutes } from './modules/bulk-actions/export/export.routes.ts';
import { installErrorHandler } from './platform/error-handler.ts';
import { installOriginCheck } from './platform/origin-check.ts';
import { installRequestAuth } from './platform/request-auth.ts';
import { assertMayReadMetrics } from './platform/metrics.ts';
import { RedactingLogController } from './platform/request-log.ts';
import { registerWebConsole } from './platform/web-console.ts';

export interface AppOptions {
  services: Services;
  sessionSecret: string;
  secureCookies?: boolean;
  trustProxy?: boolean;
  /** REGISTRAR_METRICS_TOKEN: who may read /metrics (platform/metrics.ts). */
  metricsToken?: string;
  logger?: FastifyServerOptions['logger'];
}

/** Never log credentials, cookies or tokens. */
const redact = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
];

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === undefined ? false : options.logger,
    // Fastify's own request lines carry the full URL, which for activation and reset links is a secret.
    logController: new RedactingLogController(),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    ajv: undefined,
    // Errors Fastify raises before routing (a malformed percent-escape in the path) get the contract's shape too.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      void reply
        .code(400)
        .send({ error: { code: ErrorCodes.badRequest, message: `The address is not valid: ${error.message}`, details: null } });
    },
  }).withTypeProvider<ZodTypeProvider>();
  if (options.logger && typeof options.logger === 'object') app.log.level = (options.logger as { level?: string }).level ?? 'info';

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  // Empty bodies on POST (archive, logout) are common from HTTP clients: treat them as "no body", not as bad JSON.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      const error = Object.assign(new Error('The request body is not valid JSON.'), {
        statusCode: 400,
        code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      });
      done(error, undefined);
    }
  });

  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        // Served over plain http on a LAN address, an upgrade would send the browser to an https port that is not there.
        // Behind TLS, the proxy (and REGISTRAR_PUBLIC_URL) decide.
        'upgrade-insecure-requests': options.secureCookies ? [] : null,
      },
    },
  });
  await app.register(fastifyCookie, { secret: options.sessionSecret });
  await app.register(fastifyMultipart, { limits: { fileSize: maxUploadBytes, files: 1, fields: 10, fieldSize: 1024 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Registrar API',
        version: '1.0.0',
        description:
          'Account provisioning and lifecycle for training and education platforms. Errors are `{"error":{"code","message","details"}}`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'registrar_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  installOriginCheck(app);
  installRequestAuth(app, options.services.auth);
  options.services.metrics.instrument(app);

  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['Health'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/api/health/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Health'],
        summary: 'Readiness: the database answers and its schema is current (503 not_ready otherwise)',
        response: {
          200: z.object({ status: z.literal('ready'), database: z.literal('reachable'), migrations: z.literal('current') }),
        },
      },
    },
    async () => options.services.health.readiness(),
  );
  // Prometheus text; not part of the API, so kept out of the OpenAPI document.
  app.get('/metrics', { config: { access: 'own' }, schema: { hide: true } }, async (request, reply) => {
    assertMayReadMetrics(request, options.metricsToken);
    const { contentType, body } = await options.services.metrics.exposition();
    return reply.type(contentType).send(body);
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const s = options.services;
  authRoutes(app, s.auth, { secureCookies: options.secureCookies ?? false, mailDelivery: s.mailTransport.delivers ? 'smtp' : 'held' });
  tokensRoutes(app, s.tokens);
  organizationsRoutes(app, s.organizations);
  accountsRoutes(app, { accounts: s.accounts, search: s.accountSearch, duplicates: s.duplicates });
  auditRoutes(app, s.audit);
  importsRoutes(app, { imports: s.imports, failedRows: s.failedRows });
  importTemplatesRoutes(app, s.templates);
  mailRoutes(app, s.mail);
  emailTemplatesRoutes(app, s.emailTemplates);
  tenantsRoutes(app, s.tenantSettings);
  rolesRoutes(app, { catalog: s.roleCatalog, grants: s.roleGrants });
  groupsRoutes(app, s.groups);
  invitationsRoutes(app, s.invitations);
  catalogRoutes(app, { catalog: s.catalog, learningPaths: s.learningPaths });
  enrollmentsRoutes(app, { enrollments: s.enrollments, rosters: s.rosters, bulk: s.bulkEnrollment });
  onboardingRoutes(app, s, { secureCookies: options.secureCookies ?? false });
  publicRequestsRoutes(app, s.requestIntake);
  accountRequestsRoutes(app, { queue: s.requestQueue, replies: s.requestReplies, handOver: s.requestHandOver, forms: s.requestForms });
  responseTemplatesRoutes(app, s.responseTemplates, s.requestReplies);
  scimTokensRoutes(app, s.scimTokens);
  await scimRoutes(app, s);
  mySessionsRoutes(app, s.mySessions);
  orgTreeRoutes(app, s.orgTree);
  bulkActionsRoutes(app, s.bulkActions);
  seatsRoutes(app, s.seats);
  inactivityRoutes(app, s.inactivity);
  exportRoutes(app, { exporter: s.accountExport, bulk: s.bulkActions });
  await registerWebConsole(app);

  return app;
}

export { redact as logRedactPaths };

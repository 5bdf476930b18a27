/**
 * Contract fuzz suite: every operation of /api/openapi.json, called with requests fast-check builds from
 * the operation's own schemas — valid ones and deliberately wrong ones — as the root administrator, a
 * learner and nobody. Whatever is sent, the answer must be in the contract: never a 5xx, every error
 * `{error:{code,message,details}}` with a code from the closed set, every 2xx body valid against the
 * operation's declared response schema (checked with Ajv, the validator Fastify itself ships).
 *
 * Fixed seed; on a failure fast-check prints the seed, the path to replay and the request.
 * REGISTRAR_FUZZ_RUNS scales the number of runs per operation (default 40).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { ErrorCodes } from '../../src/common/error-codes.ts';
import { adminEmail, adminPassword, describeEachDatabase, type Session, type TestContext } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin } from '../support/factories.ts';
import { multipartBody } from '../support/multipart.ts';
import { invalid, oddString, queryRecord, valid, type JsonSchema } from '../support/openapi-arbitraries.ts';

const seed = Number(process.env.REGISTRAR_FUZZ_SEED ?? 20261130);
const runs = Number(process.env.REGISTRAR_FUZZ_RUNS ?? 40);
const errorCodes = new Set<string>(Object.values(ErrorCodes));

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

type ActorName = 'root' | 'rootToken' | 'learner' | 'nobody';

interface FuzzRequest {
  actor: ActorName;
  url: string;
  body?: unknown;
  /** A raw payload and its content type, for multipart uploads and broken JSON. */
  raw?: { payload: string | Buffer; contentType: string };
}

function operationsOf(spec: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)?.content;
      ops.push({
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters as Parameter[] | undefined) ?? [],
        body: content?.['application/json']?.schema,
        responses: (op.responses as Operation['responses']) ?? {},
      });
    }
  }
  return ops;
}

/** Ids and keys seen in earlier answers, so later requests name records that really exist. */
class Pool {
  private readonly values = new Map<string, Set<string>>();
  constructor(private readonly protectedIds: Set<string>) {}

  add(kind: string, value: unknown): void {
    if (typeof value !== 'string' || value.length === 0 || value.length > 200 || this.protectedIds.has(value)) return;
    const set = this.values.get(kind) ?? new Set<string>();
    if (set.size < 200) set.add(value);
    this.values.set(kind, set);
  }

  /** Walks a response body: every `id`, `*Id`, `key` and `nextCursor` it holds. */
  collect(body: unknown, depth = 0): void {
    if (depth > 4 || body === null || typeof body !== 'object') return;
    if (Array.isArray(body)) return body.slice(0, 20).forEach((item) => this.collect(item, depth + 1));
    for (const [key, value] of Object.entries(body)) {
      if (key === 'id') this.add('id', value);
      else if (key.endsWith('Id')) {
        this.add(key, value);
        this.add('id', value);
      } else if (key === 'key') this.add('key', value);
      else if (key === 'nextCursor') this.add('cursor', value);
      else this.collect(value, depth + 1);
    }
  }

  /** Drawn when the request is generated, so values found during the run are used too. */
  arbitrary(kind: string, fallback?: string): fc.Arbitrary<string> | undefined {
    return fc.constant(null).chain(() => {
      const known = [...(this.values.get(kind) ?? (fallback ? this.values.get(fallback) : undefined) ?? [])];
      return known.length ? fc.constantFrom(...known) : oddString;
    });
  }
}

/** Realistic strings by field name; the rest come from the schema alone. */
function hintsFrom(pool: Pool) {
  return (name?: string): fc.Arbitrary<string> | undefined => {
    if (!name) return undefined;
    if (name === 'id') return pool.arbitrary('id');
    // orgId, parentId, tenantId…: values seen under that very name, else any id.
    if (name.endsWith('Id')) return pool.arbitrary(name === 'parentId' ? 'orgId' : name, 'id');
    if (name === 'key' || name === 'template') return pool.arbitrary('key');
    if (name === 'cursor') return pool.arbitrary('cursor');
    if (name === 'email' || name === 'username') return fc.emailAddress();
    if (name === 'role') return fc.constantFrom('learner', 'admin', 'Admin', 'org-admin', 'nobody');
    if (name === 'status') return fc.constantFrom('active', 'archived', 'invited,active', 'expired', 'held', 'sent', 'failed', 'planned');
    if (name === 'firstName' || name === 'lastName' || name === 'name')
      return fc.constantFrom('Ana', 'Lopez', "O'Brien", 'García', 'Nguyen');
    if (name.startsWith('date')) return fc.constantFrom('2026-11-01', '2024-02-29', '1999-12-31');
    return undefined;
  };
}

/** Encodes a path segment; a lone surrogate (which encodeURIComponent refuses) is sent as its replacement. */
function segment(value: string): string {
  const wellFormed = Array.from(value, (ch) => (ch.length === 1 && /[\uD800-\uDFFF]/.test(ch) ? '\uFFFD' : ch)).join('');
  return encodeURIComponent(wellFormed);
}

function requestArbitrary(op: Operation, pool: Pool, actors: ActorName[]): fc.Arbitrary<FuzzRequest> {
  const hints = hintsFrom(pool);
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const pathValues = fc.record(
    Object.fromEntries(
      pathParams.map((p) => [
        p.name,
        p.name === '*'
          ? fc.oneof(fc.constantFrom('accounts', 'orgs/x', 'api/nothing', 'assets/none.js', 'a/b/c'), oddString.map(segment))
          : fc.oneof({ weight: 3, arbitrary: (hints(p.name) ?? oddString).map(segment) }, { weight: 1, arbitrary: oddString.map(segment) }),
      ]),
    ),
  );
  const query = queryRecord(queryParams, hints);
  const strayQuery = fc.option(fc.tuple(fc.constantFrom('unknown', 'limit', 'q', 'status', 'orgId'), oddString), { freq: 4 });
  const body: fc.Arbitrary<Pick<FuzzRequest, 'body' | 'raw'>> = op.body
    ? fc.oneof(
        { weight: 3, arbitrary: valid(op.body, hints).map((b) => ({ body: b })) },
        { weight: 2, arbitrary: invalid(op.body, hints).map((b) => ({ body: b })) },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom('{', '{"a":', 'null', '[]', '"text"', '', '{"__proto__":{"isGlobalAdmin":true}}')
            .map((payload) => ({ raw: { payload, contentType: 'application/json' } })),
        },
      )
    : fc.constant({});
  return fc
    .record({ actor: fc.constantFrom(...actors), pathValues, query, strayQuery, body })
    .map(({ actor, pathValues, query, strayQuery, body }) => {
      const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => (pathValues as Record<string, string>)[name] ?? 'x');
      const search = new URLSearchParams(Object.entries(query as Record<string, string>));
      if (strayQuery) search.append(strayQuery[0], strayQuery[1]);
      const qs = search.toString();
      return { actor, url: qs ? `${path}?${qs}` : path, ...body };
    });
}

/** The import upload is multipart, which the document does not describe: a small generator of its own. */
function uploadArbitrary(pool: Pool, actors: ActorName[]): fc.Arbitrary<FuzzRequest> {
  const header = 'first_name,last_name,email,role\n';
  const file = fc.oneof(
    fc.constant(undefined),
    fc.record({
      name: fc.constantFrom('people.csv', 'people.xlsx', 'x', '../../etc/passwd', 'naïve.csv'),
      content: fc.oneof(
        fc.constant(''),
        fc.constant(`${header}Ana,Lopez,ana.${seed}@example.org,learner\n`),
        fc.string({ maxLength: 200 }).map((rows) => `${header}${rows}`),
        fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
      ),
      type: fc.constantFrom('text/csv', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      field: fc.constantFrom('file', 'file', 'other'),
    }),
  );
  const fields = fc.record(
    {
      orgId: fc.oneof({ weight: 3, arbitrary: pool.arbitrary('orgId', 'id') as fc.Arbitrary<string> }, { weight: 1, arbitrary: oddString }),
      template: fc.oneof({ weight: 3, arbitrary: fc.constant('accounts') }, { weight: 1, arbitrary: oddString }),
      mode: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('upsert', 'create', 'update', 'preview') },
        { weight: 1, arbitrary: oddString },
      ),
    },
    { requiredKeys: [] },
  );
  return fc.record({ actor: fc.constantFrom(...actors), fields, file, asJson: fc.boolean() }).map(({ actor, fields, file, asJson }) => {
    // Field values travel as header-free text; a control character would only break the multipart framing itself.
    const clean = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.replace(/[\r\n]/g, ' ').slice(0, 5000)]));
    if (asJson && !file) return { actor, url: '/api/imports', body: clean };
    const { payload, contentType } = multipartBody(clean as Record<string, string>, file && { ...file, name: file.name });
    return { actor, url: '/api/imports', raw: { payload, contentType } };
  });
}

/** What a request may not answer, whatever it sent. */
function checkAnswer(
  op: Operation,
  request: FuzzRequest,
  response: LightMyRequestResponse,
  validate: (schema: JsonSchema, body: unknown) => string | null,
) {
  const where = `${op.method} ${request.url} as ${request.actor} → ${response.statusCode} ${response.body.slice(0, 600)}`;
  // Outside /api the server only serves the console's files; without a build it says so with a 503, by design.
  if (!op.path.startsWith('/api/') && response.statusCode === 503 && response.body.includes('has not been built')) return;
  assert.ok(response.statusCode < 500, `server error: ${where}`);
  assert.ok(
    response.statusCode >= 200 && response.statusCode < 500 && (response.statusCode < 300 || response.statusCode >= 400),
    `status: ${where}`,
  );
  const contentType = String(response.headers['content-type'] ?? '');
  if (response.statusCode >= 400) {
    assert.match(contentType, /^application\/json/, `error not JSON: ${where}`);
    const body = response.json() as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    assert.deepEqual(Object.keys(body), ['error'], `error shape: ${where}`);
    assert.deepEqual(Object.keys(body.error ?? {}).sort(), ['code', 'details', 'message'], `error shape: ${where}`);
    assert.ok(typeof body.error?.code === 'string' && errorCodes.has(body.error.code), `error code outside the closed set: ${where}`);
    assert.ok(typeof body.error?.message === 'string' && body.error.message.length > 0, `error message: ${where}`);
    return;
  }
  const declared = op.responses[String(response.statusCode)];
  assert.ok(declared, `undeclared success status: ${where}`);
  const schema = declared.content?.['application/json']?.schema;
  if (!schema) return;
  assert.match(contentType, /^application\/json/, `declared JSON, answered ${contentType}: ${where}`);
  const problem = validate(schema, response.json());
  assert.equal(problem, null, `response does not match its schema (${problem}): ${where}`);
}

describeEachDatabase('contract fuzz: every operation of /api/openapi.json', (ctx) => {
  const sessions = new Map<ActorName, Session>();
  const rootCredentials: [string, string] = [adminEmail, adminPassword];
  let learnerCredentials: [string, string];
  let pool: Pool;
  let operations: Operation[];
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  const compiled = new WeakMap<object, ReturnType<typeof ajv.compile>>();
  const validate = (schema: JsonSchema, body: unknown): string | null => {
    let check = compiled.get(schema);
    if (!check) compiled.set(schema, (check = ajv.compile(schema)));
    return check(body) ? null : ajv.errorsText(check.errors);
  };

  test('setup: organizations, a learner, a token and records for the ids to name', async () => {
    const c = ctx();
    const state = await createOrg(c, 'Fuzz State');
    const county = await createOrg(c, 'Fuzz County', state);
    const learner = await signedInAdmin(c, county, 'learner');
    const token = (await c.call('POST', '/api/tokens', { as: c.root, body: { name: 'fuzz' } })).json() as { token: string; id: string };
    const me = (await c.call('GET', '/api/auth/me', { as: c.root })).json() as { account: { id: string } };
    sessions.set('root', c.root);
    sessions.set('rootToken', { bearer: token.token });
    sessions.set('learner', learner.session);
    learnerCredentials = [learner.account.email, learner.account.password as string];
    sessions.set('nobody', {});
    // Whoever the suite acts as must survive it: their own account and token are never drawn as targets.
    pool = new Pool(new Set([me.account.id, learner.account.id, token.id]));
    for (const org of [state, county]) pool.add('orgId', org.id);
    pool.add('tenantId', state.tenantId);
    for (let i = 0; i < 3; i++) pool.collect(await createAccount(c, { orgId: county.id, role: 'learner' }));
    for (const url of ['/api/orgs', '/api/accounts', '/api/email-templates', '/api/import-templates', '/api/audit?limit=5']) {
      pool.collect((await c.call('GET', url, { as: c.root })).json());
    }
    const spec = await c.call('GET', '/api/openapi.json', { as: c.root });
    assert.equal(spec.statusCode, 200);
    operations = operationsOf(spec.json());
    assert.ok(operations.length > 40, `only ${operations.length} operations`);
  });

  const send = async (c: TestContext, op: Operation, request: FuzzRequest): Promise<LightMyRequestResponse> => {
    // Signing out must not end the sessions the rest of the run acts with: it gets a session of its own.
    const session =
      op.path === '/api/auth/logout' && (request.actor === 'root' || request.actor === 'learner')
        ? await c.signIn(...(request.actor === 'root' ? rootCredentials : learnerCredentials))
        : sessions.get(request.actor);
    const headers: Record<string, string> = {};
    if (session?.cookie) headers.cookie = session.cookie;
    if (session?.bearer) headers.authorization = `Bearer ${session.bearer}`;
    if (request.raw) headers['content-type'] = request.raw.contentType;
    const payload = request.raw ? request.raw.payload : request.body === undefined ? undefined : JSON.stringify(request.body);
    if (!request.raw && payload !== undefined) headers['content-type'] = 'application/json';
    return c.app.inject({ method: op.method as 'GET', url: request.url, headers, ...(payload === undefined ? {} : { payload }) });
  };

  test('every operation answers inside the contract, whatever it is sent', async (t) => {
    const c = ctx();
    const seen: string[] = [];
    const allActors: ActorName[] = ['root', 'root', 'rootToken', 'learner', 'nobody'];
    for (const op of operations) {
      // Sign-in hashes every attempt; the console's catch-all only serves files. Fewer runs keep the file inside a minute.
      const weight = op.path === '/api/auth/login' || op.path.endsWith('/logout') || !op.path.startsWith('/api/') ? 0.3 : 1;
      const arbitrary =
        op.method === 'POST' && op.path === '/api/imports' ? uploadArbitrary(pool, allActors) : requestArbitrary(op, pool, allActors);
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(arbitrary, async (request) => {
          const response = await send(c, op, request);
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          checkAnswer(op, request, response, validate);
          if (response.statusCode < 300 && String(response.headers['content-type']).startsWith('application/json'))
            pool.collect(response.json());
        }),
        { seed, numRuns: Math.max(3, Math.round(runs * weight)), endOnFailure: true },
      );
      seen.push(`${op.method} ${op.path}: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(' ')}`);
    }
    // Which answers each operation gave: a generator that never reaches a 2xx would show here.
    t.diagnostic(seen.join('\n'));
  });

  test('the sessions the run acted with are still valid (nothing destructive was skipped silently)', async () => {
    const c = ctx();
    for (const actor of ['root', 'rootToken', 'learner'] as const) {
      const me = await c.call('GET', '/api/auth/me', { as: sessions.get(actor) });
      assert.equal(me.statusCode, 200, `${actor}: ${me.body}`);
    }
  });
});

import { z } from 'zod';
import {
  accountEnrollmentsSchema,
  archiveEffectSchema,
  createEnrollmentsSchema,
  enrollmentJobAcceptedSchema,
  enrollmentJobSchema,
  enrollmentOutcomeSchema,
  enrollmentSchema,
  rosterQuerySchema,
  rosterSchema,
  withdrawSchema,
} from '../../../common/schemas/enrollment.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, idParamsSchema, type ApiInstance } from '../../platform/route-types.ts';
import type { BulkEnrollmentService } from './bulk-enrollment.service.ts';
import type { EnrollmentsService } from './enrollments.service.ts';
import type { RostersService } from './rosters.service.ts';

export function enrollmentsRoutes(
  app: ApiInstance,
  s: { enrollments: EnrollmentsService; rosters: RostersService; bulk: BulkEnrollmentService },
): void {
  const tags = ['Enrollment'];

  app.post(
    '/api/enrollments',
    {
      schema: {
        tags,
        summary: 'Enroll accounts into a section or a learning path: one result per account; more than 500 run as a job (202)',
        body: createEnrollmentsSchema,
        response: { 200: enrollmentOutcomeSchema, 202: enrollmentJobAcceptedSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const answer = await s.enrollments.enroll(actorOf(request), request.body);
      return 'job' in answer ? reply.code(202).send(answer.job) : answer.outcome;
    },
  );

  app.get(
    '/api/enrollment-jobs/:id',
    {
      schema: {
        tags,
        summary: 'Progress and counts of a background enrollment',
        params: idParamsSchema,
        response: { 200: enrollmentJobSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => s.bulk.getJob(actorOf(request), request.params.id),
  );

  app.get(
    '/api/enrollments/:id',
    {
      schema: {
        tags,
        summary: 'One enrollment with its history',
        params: idParamsSchema,
        response: { 200: enrollmentSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => s.rosters.enrollment(actorOf(request), request.params.id),
  );

  const change = (
    path: string,
    summary: string,
    run: (id: string, body: { reason?: string } | undefined, request: Parameters<typeof actorOf>[0]) => Promise<void>,
  ) =>
    app.post(
      `/api/enrollments/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          params: idParamsSchema,
          body: withdrawSchema,
          response: { 200: enrollmentSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        await run(request.params.id, request.body ?? undefined, request);
        return s.rosters.enrollment(actorOf(request), request.params.id);
      },
    );
  change('withdraw', 'Withdraw; the first on the waitlist takes the place and is told', (id, body, request) =>
    s.enrollments.withdraw(actorOf(request), id, body?.reason),
  );
  change('complete', 'Record a completion (it counts as the person’s activity)', (id, _body, request) =>
    s.enrollments.complete(actorOf(request), id),
  );
  change('move-up', 'Move a waitlisted person one place up', (id, _body, request) => s.enrollments.moveUp(actorOf(request), id));

  app.get(
    '/api/sections/:id/roster',
    {
      schema: {
        tags,
        summary: 'Who is enrolled, waitlisted and completed (the people the caller reaches); `format=csv` for a spreadsheet',
        params: idParamsSchema,
        querystring: rosterQuerySchema,
        // The CSV form is text/csv, sent as it is; the JSON form is the roster.
        response: { 200: z.union([rosterSchema, z.string()]), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      if (request.query.format !== 'csv') return s.rosters.roster(actorOf(request), request.params.id);
      const file = await s.rosters.rosterCsv(actorOf(request), request.params.id);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
    },
  );

  app.get(
    '/api/sections/:id/roster.csv',
    { schema: { tags, summary: 'The roster as a CSV that opens in Excel (UTF-8 with BOM, formula-safe)', params: idParamsSchema } },
    async (request, reply) => {
      const file = await s.rosters.rosterCsv(actorOf(request), request.params.id);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
    },
  );

  app.get(
    '/api/accounts/:id/enrollments',
    {
      schema: {
        tags,
        summary: 'An account’s enrollments with their history, and its learning paths with per-course progress',
        params: idParamsSchema,
        response: { 200: accountEnrollmentsSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => s.rosters.accountEnrollments(actorOf(request), request.params.id),
  );

  app.get(
    '/api/accounts/:id/archive-effect',
    {
      schema: {
        tags,
        summary: 'What archiving the account would do now: the places it would give up in sections not yet started',
        params: idParamsSchema,
        response: { 200: archiveEffectSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => s.enrollments.archiveEffect(actorOf(request), request.params.id),
  );
}

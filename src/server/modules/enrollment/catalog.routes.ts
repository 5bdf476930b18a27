import {
  courseListSchema,
  courseQuerySchema,
  courseSchema,
  createCourseSchema,
  createLearningPathSchema,
  createSectionSchema,
  learningPathListSchema,
  learningPathQuerySchema,
  learningPathSchema,
  sectionListSchema,
  sectionQuerySchema,
  sectionSchema,
  updateCourseSchema,
  updateLearningPathSchema,
  updateSectionSchema,
} from '../../../common/schemas/enrollment.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, idParamsSchema, type ApiInstance } from '../../platform/route-types.ts';
import type { CatalogService } from './catalog.service.ts';
import type { LearningPathsService } from './learning-paths.service.ts';

export function catalogRoutes(
  app: ApiInstance,
  { catalog, learningPaths }: { catalog: CatalogService; learningPaths: LearningPathsService },
): void {
  const tags = ['Enrollment'];

  app.post(
    '/api/courses',
    {
      schema: {
        tags,
        summary: 'Create a course offered by an organization (seen and enrolled into from its subtree)',
        body: createCourseSchema,
        response: { 201: courseSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await catalog.createCourse(actorOf(request), request.body)),
  );

  app.get(
    '/api/courses',
    {
      schema: {
        tags,
        summary: 'Courses the caller sees, with their sections; `orgId` keeps those open to that organization',
        querystring: courseQuerySchema,
        response: { 200: courseListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => catalog.listCourses(actorOf(request), request.query),
  );

  app.get(
    '/api/courses/:id',
    {
      schema: {
        tags,
        summary: 'One course with its sections',
        params: idParamsSchema,
        response: { 200: courseSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => catalog.getCourse(actorOf(request), request.params.id),
  );

  app.patch(
    '/api/courses/:id',
    {
      schema: {
        tags,
        summary: 'Change a course’s title or description',
        params: idParamsSchema,
        body: updateCourseSchema,
        response: { 200: courseSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => catalog.updateCourse(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/courses/:id/sections',
    {
      schema: {
        tags,
        summary: 'Add a section (one delivery: dates, place, capacity, enrollment window)',
        params: idParamsSchema,
        body: createSectionSchema,
        response: { 201: sectionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await catalog.createSection(actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/sections',
    {
      schema: {
        tags,
        summary: 'Sections the caller sees, with their counts',
        querystring: sectionQuerySchema,
        response: { 200: sectionListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => catalog.listSections(actorOf(request), request.query),
  );

  app.get(
    '/api/sections/:id',
    {
      schema: {
        tags,
        summary: 'One section with its counts',
        params: idParamsSchema,
        response: { 200: sectionSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => catalog.getSection(actorOf(request), request.params.id),
  );

  app.patch(
    '/api/sections/:id',
    {
      schema: {
        tags,
        summary: 'Change a section; lowering capacity unenrolls nobody; `status: "cancelled"` withdraws and tells everyone in it',
        params: idParamsSchema,
        body: updateSectionSchema,
        response: { 200: sectionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => catalog.updateSection(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/learning-paths',
    {
      schema: {
        tags,
        summary: 'Create a learning path: courses in the order they are taken',
        body: createLearningPathSchema,
        response: { 201: learningPathSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await learningPaths.createLearningPath(actorOf(request), request.body)),
  );

  app.get(
    '/api/learning-paths',
    {
      schema: {
        tags,
        summary: 'Learning paths the caller sees',
        querystring: learningPathQuerySchema,
        response: { 200: learningPathListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => learningPaths.listLearningPaths(actorOf(request), request.query),
  );

  app.get(
    '/api/learning-paths/:id',
    {
      schema: {
        tags,
        summary: 'One learning path',
        params: idParamsSchema,
        response: { 200: learningPathSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => learningPaths.getLearningPath(actorOf(request), request.params.id),
  );

  app.patch(
    '/api/learning-paths/:id',
    {
      schema: {
        tags,
        summary: 'Change a learning path’s title, description or courses',
        params: idParamsSchema,
        body: updateLearningPathSchema,
        response: { 200: learningPathSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => learningPaths.updateLearningPath(actorOf(request), request.params.id, request.body),
  );
}

import {
  addMemberSchema,
  createGroupSchema,
  groupListSchema,
  groupQuerySchema,
  groupSchema,
  memberParamsSchema,
} from '../../../common/schemas/groups.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, idParamsSchema, type ApiInstance } from '../../platform/route-types.ts';
import type { GroupsService } from './groups.service.ts';

export function groupsRoutes(app: ApiInstance, groups: GroupsService): void {
  const tags = ['Groups'];

  app.get(
    '/api/groups',
    {
      schema: {
        tags,
        summary: 'Groups in the caller’s reach; with `orgId`, those of that organization’s subtree',
        querystring: groupQuerySchema,
        response: { 200: groupListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => groups.listGroups(actorOf(request), request.query),
  );

  app.post(
    '/api/groups',
    {
      schema: {
        tags,
        summary: 'Create a group in an organization',
        body: createGroupSchema,
        response: { 201: groupSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await groups.createGroup(actorOf(request), request.body)),
  );

  app.get(
    '/api/groups/:id',
    {
      schema: {
        tags,
        summary: 'One group with its members',
        params: idParamsSchema,
        response: { 200: groupSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => groups.getGroup(actorOf(request), request.params.id),
  );

  app.post(
    '/api/groups/:id/members',
    {
      schema: {
        tags,
        summary: 'Add an account of the group’s organization to the group',
        params: idParamsSchema,
        body: addMemberSchema,
        response: { 200: groupSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => groups.addMember(actorOf(request), request.params.id, request.body.accountId),
  );

  app.delete(
    '/api/groups/:id/members/:accountId',
    {
      schema: {
        tags,
        summary: 'Take an account out of the group',
        params: memberParamsSchema,
        response: { 200: groupSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => groups.removeMember(actorOf(request), request.params.id, request.params.accountId),
  );
}

import { mySessionsSchema, signedOutOthersSchema } from '../../../common/schemas/my-account.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, type ApiInstance } from '../../platform/route-types.ts';
import type { MySessionsService } from './my-sessions.service.ts';

export function mySessionsRoutes(app: ApiInstance, sessions: MySessionsService): void {
  const tags = ['Authentication'];
  app.get(
    '/api/auth/sessions',
    {
      schema: {
        tags,
        summary: 'Where the signed-in person is signed in (browser, address, last use); the current one is marked',
        response: { 200: mySessionsSchema, ...errorResponses(401) },
      },
    },
    async (request) => ({ items: await sessions.list(actorOf(request), request.auth?.sessionId) }),
  );

  app.post(
    '/api/auth/sessions/sign-out-others',
    {
      schema: {
        tags,
        summary: 'Sign out everywhere else: every other session of the signed-in person ends at once',
        response: { 200: signedOutOthersSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => sessions.signOutOthers(actorOf(request), request.auth?.sessionId),
  );
}

import {
  createSeatContractSchema,
  seatContractListSchema,
  seatContractSchema,
  seatContractsQuerySchema,
  seatsQuerySchema,
  seatsViewSchema,
  updateSeatContractSchema,
} from '../../../common/schemas/seats.ts';
import { actorOf } from '../../platform/request-auth.ts';
import { errorResponses, idParamsSchema, type ApiInstance } from '../../platform/route-types.ts';
import type { SeatsService } from './seats.service.ts';

export function seatsRoutes(app: ApiInstance, seats: SeatsService): void {
  const tags = ['Seats'];
  app.post(
    '/api/seat-contracts',
    {
      schema: {
        tags,
        summary: 'A seat contract for an organization’s subtree (tenant administrators)',
        description:
          '`mode: "block"` refuses accounts past the seats with 409 `seat_limit`; `warnAt` (percent) emails the organization’s administrators once per crossing.',
        body: createSeatContractSchema,
        response: { 201: seatContractSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.code(201).send(await seats.createContract(actorOf(request), request.body)),
  );
  app.get(
    '/api/seat-contracts',
    {
      schema: {
        tags,
        summary: 'Seat contracts in the caller’s reach',
        querystring: seatContractsQuerySchema,
        response: { 200: seatContractListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => seats.listContracts(actorOf(request), request.query.orgId),
  );
  app.patch(
    '/api/seat-contracts/:id',
    {
      schema: {
        tags,
        summary: 'Change a seat contract (tenant administrators)',
        params: idParamsSchema,
        body: updateSeatContractSchema,
        response: { 200: seatContractSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => seats.updateContract(actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/seats',
    {
      schema: {
        tags,
        summary: 'Seats used (active + invited not expired), free, per child organization, and daily history',
        querystring: seatsQuerySchema,
        response: { 200: seatsViewSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => seats.getSeats(actorOf(request), request.query.orgId),
  );
}

/** Routes of holds at the desk: place, cancel, a reader's holds, a library's hold lists. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../app/auth';
import { forbidden, notFound } from '../app/errors';
import type { App, AppContext } from '../app/http';
import { auditActor, problems, ZIdParams } from '../app/route-helpers';
import { canWorkDeskAt, DESK_ROLES } from './circulation.policy';
import { deskLibrary, requireDesk, scopeOf } from './circulation.route-helpers';
import { ZHoldOut } from './circulation.route-schemas';
import { ZHoldPlace } from './circulation.schemas';
import { cancelHold, findHold, listLibraryHolds, placeHold } from './holds.service';

const ZHoldListQuery = z.object({ libraryId: z.uuid(), kind: z.enum(['ready', 'in_transit', 'to_pull', 'expired']).default('ready') });

export function registerHoldRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/v1/circulation/holds',
    {
      schema: {
        tags: ['circulation'],
        summary: 'Place a hold for a reader on a record, picked up at a library of their scope (librarian, director, network admin)',
        body: ZHoldPlace,
        response: { 201: ZHoldOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { actor, lib } = await requireDesk(db, request, request.body.pickupLibraryId, 'pickupLibraryId');
      const hold = await placeHold(db, auditActor(request, actor), lib, request.body, actor.id);
      return reply.code(201).send(hold);
    },
  );

  api.post(
    '/api/v1/circulation/holds/:id/cancel',
    {
      schema: {
        tags: ['circulation'],
        summary: 'Cancel a hold picked up at a library of their scope (librarian, director, network admin)',
        params: ZIdParams,
        response: { 200: ZHoldOut, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = requireRole(request, DESK_ROLES);
      const hold = await findHold(db, request.params.id);
      if (!hold) throw notFound();
      const lib = (await deskLibrary(db, hold.pickupLibraryId))!;
      if (!canWorkDeskAt(actor.role, await scopeOf(db, actor, lib.id), lib)) throw forbidden();
      return cancelHold(db, auditActor(request, actor), hold, lib.networkId);
    },
  );

  api.get(
    '/api/v1/circulation/holds',
    {
      schema: {
        tags: ['circulation'],
        summary: "A library's hold lists: on the hold shelf, in transit to it, to pull from its shelves, expired (librarian, director, network admin of the library)",
        querystring: ZHoldListQuery,
        response: { 200: z.array(ZHoldOut), ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const { lib } = await requireDesk(db, request, request.query.libraryId);
      return listLibraryHolds(db, lib.id, request.query.kind);
    },
  );
}

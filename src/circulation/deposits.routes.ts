/** Routes of deposit collections at service points (внестационарное обслуживание). */
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../app/auth';
import { notFound } from '../app/errors';
import type { App, AppContext } from '../app/http';
import { auditActor, problems, ZIdParams } from '../app/route-helpers';
import { DESK_ROLES } from './circulation.policy';
import { requireDesk } from './circulation.route-helpers';
import { ZCollectionRow } from './circulation.route-schemas';
import { ZCollectionCreate, ZPointLoans } from './circulation.schemas';
import { collectionItems, createCollection, enterPointLoans, findCollection, listCollections, returnCollection } from './deposits.service';

const ZCollectionOut = z.object({
  id: z.uuid(),
  name: z.string(),
  servicePointId: z.uuid(),
  libraryId: z.uuid(),
  startsOn: z.string(),
  endsOn: z.string(),
  returnedAt: z.date().nullable(),
});
const ZCollectionItem = z.object({
  itemId: z.uuid(),
  barcode: z.string(),
  inventoryNumber: z.string(),
  title: z.string(),
  status: z.string(),
  pointLoans: z.number().int(),
  isReturned: z.boolean(),
});

export function registerDepositRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  async function collectionAtDesk(request: FastifyRequest, id: string) {
    requireRole(request, DESK_ROLES);
    const collection = await findCollection(db, id);
    if (!collection) throw notFound();
    const { actor } = await requireDesk(db, request, collection.libraryId);
    return { actor, collection };
  }

  api.get(
    '/api/v1/circulation/deposits',
    {
      schema: {
        tags: ['circulation'],
        summary: "A library's deposit collections with copies, loans and readers at the points (librarian, director, network admin of the library)",
        querystring: z.object({ libraryId: z.uuid() }),
        response: { 200: z.array(ZCollectionRow), ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const { lib } = await requireDesk(db, request, request.query.libraryId);
      return listCollections(db, lib.id);
    },
  );

  api.post(
    '/api/v1/circulation/deposits',
    {
      schema: {
        tags: ['circulation'],
        summary: "Move a batch of the library's copies to one of its service points for a season (librarian, director, network admin of the library)",
        querystring: z.object({ libraryId: z.uuid() }),
        body: ZCollectionCreate,
        response: { 201: ZCollectionOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { actor, lib } = await requireDesk(db, request, request.query.libraryId);
      return reply.code(201).send(await createCollection(db, auditActor(request, actor), lib, request.body));
    },
  );

  api.get(
    '/api/v1/circulation/deposits/:id/items',
    {
      schema: {
        tags: ['circulation'],
        summary: 'The copies of a deposit collection with their loans at the point (librarian, director, network admin of the library)',
        params: ZIdParams,
        response: { 200: z.array(ZCollectionItem), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const { collection } = await collectionAtDesk(request, request.params.id);
      return collectionItems(db, collection.id);
    },
  );

  api.put(
    '/api/v1/circulation/deposits/:id/loans',
    {
      schema: {
        tags: ['circulation'],
        summary: 'Bulk entry of loans and readers at the point, during or after the season (librarian, director, network admin of the library)',
        params: ZIdParams,
        body: ZPointLoans,
        response: { 204: z.null(), ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { actor, collection } = await collectionAtDesk(request, request.params.id);
      await enterPointLoans(db, auditActor(request, actor), collection, request.body);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/v1/circulation/deposits/:id/return',
    {
      schema: {
        tags: ['circulation'],
        summary: 'The collection comes back: all its copies return to the shelf together (librarian, director, network admin of the library)',
        params: ZIdParams,
        response: { 200: ZCollectionOut, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { actor, collection } = await collectionAtDesk(request, request.params.id);
      return returnCollection(db, auditActor(request, actor), collection);
    },
  );
}

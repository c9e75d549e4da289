/** Routes: the network's list of reader categories. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../app/auth';
import { forbidden, notFound } from '../app/errors';
import type { App, AppContext } from '../app/http';
import { auditActor, problems, ZIdParams } from '../app/route-helpers';
import { findNetwork, resolveScope } from '../network';
import { createCategory, findCategory, listCategories, updateCategory } from './categories.service';
import { toReaderProblem } from './readers.errors';
import { canEditCategories, canReadCategories } from './readers.policy';
import { ZCategoryOut } from './readers.route-schemas';
import { ZCategoryInput } from './readers.schemas';

export function registerCategoryRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/networks/:id/reader-categories',
    {
      schema: {
        tags: ['readers'],
        summary: "The network's reader categories (staff of the network, except municipal officials)",
        params: ZIdParams,
        response: { 200: z.array(ZCategoryOut), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const network = await findNetwork(db, request.params.id);
      if (!network) throw notFound();
      if (!canReadCategories(actor.role, await resolveScope(db, actor), network.id)) throw forbidden();
      return listCategories(db, network.id);
    },
  );

  api.post(
    '/api/v1/networks/:id/reader-categories',
    {
      schema: {
        tags: ['readers'],
        summary: 'Add a reader category to the network (network admin, director, methodologist of the network)',
        params: ZIdParams,
        body: ZCategoryInput,
        response: { 201: ZCategoryOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const network = await findNetwork(db, request.params.id);
      if (!network) throw notFound();
      if (!canEditCategories(actor.role, await resolveScope(db, actor), network.id)) throw forbidden();
      await listCategories(db, network.id);
      const row = await createCategory(db, auditActor(request, actor), network.id, request.body).catch(toReaderProblem);
      return reply.code(201).send(row);
    },
  );

  api.put(
    '/api/v1/reader-categories/:id',
    {
      schema: {
        tags: ['readers'],
        summary: 'Rename, reorder or retire a reader category; readers keep it (network admin, director, methodologist of its network)',
        params: ZIdParams,
        body: ZCategoryInput,
        response: { 200: ZCategoryOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const category = await findCategory(db, request.params.id);
      if (!category) throw notFound();
      if (!canEditCategories(actor.role, await resolveScope(db, actor), category.networkId)) throw forbidden();
      return updateCategory(db, auditActor(request, actor), category, request.body).catch(toReaderProblem);
    },
  );
}

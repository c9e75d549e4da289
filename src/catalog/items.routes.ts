/** Routes: copies (items) of records, added and changed in the libraries of the person's scope. */
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../app/auth';
import { AppError, forbidden, notFound } from '../app/errors';
import type { App, AppContext } from '../app/http';
import { auditActor, problems, ZIdParams } from '../app/route-helpers';
import { findLibrary, resolveScope } from '../network';
import { toProblem } from './catalog.errors';
import { canEditCopiesIn, CATALOG_READER_ROLES, COPY_EDITOR_ROLES } from './catalog.policy';
import { ZItemOut } from './catalog.route-schemas';
import { ZItemInput, ZItemStatusChange } from './catalog.schemas';
import { addItem, changeItemStatus, findItem, listItems, updateItem } from './items.service';
import { findRecord } from './records.service';

const ZItemRow = ZItemOut.extend({ libraryName: z.string(), libraryCode: z.string(), networkName: z.string() });

export function registerItemRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** The library a copy is to be placed in: 422 when unknown, 403 when outside the person's scope. */
  async function libraryForCopies(request: FastifyRequest, libraryId: string) {
    const actor = requireRole(request, COPY_EDITOR_ROLES);
    const lib = await findLibrary(db, libraryId);
    if (!lib) {
      throw new AppError(422, 'validation_failed', 'error.validation', [{ field: 'libraryId', code: 'invalid', key: 'validation.invalid' }]);
    }
    if (!canEditCopiesIn(actor.role, await resolveScope(db, actor), lib)) throw forbidden();
    return { actor, lib };
  }

  /** A copy the person may change: it must lie in their scope (403), and exist (404). */
  async function editableItem(request: FastifyRequest, id: string) {
    const actor = requireRole(request, COPY_EDITOR_ROLES);
    const item = await findItem(db, id);
    if (!item) throw notFound();
    const scope = await resolveScope(db, actor);
    if (!canEditCopiesIn(actor.role, scope, { id: item.libraryId, networkId: item.networkId })) throw forbidden();
    return { actor, item };
  }

  api.get(
    '/api/v1/catalog/records/:id/items',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Copies of a record in every library, with status (any staff)',
        params: ZIdParams,
        response: { 200: z.array(ZItemRow), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      requireRole(request, CATALOG_READER_ROLES);
      const record = await findRecord(db, request.params.id);
      if (!record) throw notFound();
      return (await listItems(db, record.id)).map(({ item, ...library }) => ({ ...item, ...library }));
    },
  );

  api.post(
    '/api/v1/catalog/records/:id/items',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Add a copy to a library of their scope (cataloguer, acquisitions, librarian)',
        params: ZIdParams,
        body: ZItemInput,
        response: { 201: ZItemOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { actor, lib } = await libraryForCopies(request, request.body.libraryId);
      const record = await findRecord(db, request.params.id);
      if (!record) throw notFound();
      const item = await addItem(db, auditActor(request, actor), record.id, lib, request.body).catch(toProblem);
      return reply.code(201).send(item);
    },
  );

  api.put(
    '/api/v1/catalog/items/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Change a copy: numbers, shelf, price, library (cataloguer, acquisitions, librarian; both libraries in their scope)',
        params: ZIdParams,
        body: ZItemInput,
        response: { 200: ZItemOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { actor, item } = await editableItem(request, request.params.id);
      const { lib } = await libraryForCopies(request, request.body.libraryId);
      return updateItem(db, auditActor(request, actor), item, lib, request.body).catch(toProblem);
    },
  );

  api.post(
    '/api/v1/catalog/items/:id/status',
    {
      schema: {
        tags: ['catalog'],
        summary: "Change a copy's status: in repair, lost, written off… (cataloguer, acquisitions, librarian in their scope)",
        params: ZIdParams,
        body: ZItemStatusChange,
        response: { 200: ZItemOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { actor, item } = await editableItem(request, request.params.id);
      return changeItemStatus(db, auditActor(request, actor), item, request.body.status, request.body.notes).catch(toProblem);
    },
  );
}

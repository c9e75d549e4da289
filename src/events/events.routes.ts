/** Routes: the events list (calendar, search, exports), planning, changing and recording events. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole, type Actor } from '../app/auth';
import { buildCsv, sendCsv } from '../app/csv';
import { forbidden, notFound } from '../app/errors';
import type { App, AppServices } from '../app/http';
import { requestLanguage, t } from '../app/i18n';
import { auditActor, problems, ZIdParams, ZPaged, ZPageQuery, ZQueryBool } from '../app/route-helpers';
import { buildXlsx, sendXlsx } from '../app/xlsx';
import { findLibrary, resolveScope } from '../network';
import { eventExportColumns } from './events.export';
import { canEditEvent, canReadEvent, EVENT_EDITOR_ROLES, EVENT_READER_ROLES, visibleEvents } from './events.policy';
import { eventDetail, listEvents } from './events.query';
import { ZEventDetailOut, ZEventOut, ZEventRow } from './events.route-schemas';
import { ZDate, ZEventAudience, ZEventInput, ZEventOutcome, ZEventPlace, ZEventStatus } from './events.schemas';
import { createEvent, deleteEvent, findEvent, presentEvent, recordEventOutcome, updateEvent } from './events.service';

export const ZEventListFilter = z.object({
  q: z.string().trim().max(200).optional(),
  networkId: z.uuid().optional(),
  libraryId: z.uuid().optional(),
  formId: z.uuid().optional(),
  partnerId: z.uuid().optional(),
  status: ZEventStatus.optional(),
  audience: ZEventAudience.optional(),
  place: ZEventPlace.optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  isPublic: ZQueryBool.optional(),
  sort: z.enum(['date', '-date']).default('date'),
});
const ZEventListQuery = ZPageQuery.extend(ZEventListFilter.shape);
const EXPORT_LIMIT = 100_000;

export function registerEventRoutes(app: App, { database }: AppServices) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  async function loadEvent(id: string, actor: Actor, need: 'read' | 'edit') {
    const event = await findEvent(db, id);
    if (!event) throw notFound();
    const scope = await resolveScope(db, actor);
    const allowed = need === 'read' ? canReadEvent(actor.role, scope, event) : canEditEvent(actor.role, scope, event);
    if (!allowed) throw forbidden();
    return { event, scope };
  }

  /** The library an event is planned in must be one the person may plan for. */
  async function libraryToPlanIn(libraryId: string, actor: Actor) {
    const library = await findLibrary(db, libraryId);
    if (!library) throw notFound();
    const scope = await resolveScope(db, actor);
    if (!canEditEvent(actor.role, scope, { networkId: library.networkId, libraryId: library.id })) throw forbidden();
    return library;
  }

  api.get(
    '/api/v1/events',
    {
      schema: {
        tags: ['events'],
        summary: "Events of the caller's network (any staff; a municipal official: the libraries serving their municipality), searchable and paged; the month calendar asks for a date range",
        querystring: ZEventListQuery,
        response: { 200: ZPaged(ZEventRow), ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, EVENT_READER_ROLES);
      const scope = await resolveScope(db, actor);
      const result = await listEvents(db, request.query, visibleEvents(actor.role, scope));
      return { ...result, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  for (const format of ['xlsx', 'csv'] as const) {
    api.get(
      `/api/v1/events.${format}`,
      {
        schema: {
          tags: ['events'],
          summary: `Events as ${format.toUpperCase()}, with the list's filters (any staff, as the list)`,
          querystring: ZEventListFilter,
        },
      },
      async (request, reply) => {
        const actor = requireRole(request, EVENT_READER_ROLES);
        const scope = await resolveScope(db, actor);
        const lang = requestLanguage(request);
        const { items } = await listEvents(db, { ...request.query, page: 1, pageSize: EXPORT_LIMIT }, visibleEvents(actor.role, scope));
        const columns = eventExportColumns(lang);
        if (format === 'csv') return sendCsv(reply, 'events.csv', buildCsv(columns, items));
        return sendXlsx(reply, 'events.xlsx', await buildXlsx(t(lang, 'sheet.events'), columns, items));
      },
    );
  }

  api.post(
    '/api/v1/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Plan an event (librarian: in their library; methodologist, director, network admin: in any library of their network)',
        body: ZEventInput,
        response: { 201: ZEventOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, EVENT_EDITOR_ROLES);
      const library = await libraryToPlanIn(request.body.libraryId, actor);
      const row = await createEvent(db, auditActor(request, actor), library.networkId, request.body);
      return reply.code(201).send(presentEvent(row));
    },
  );

  api.get(
    '/api/v1/events/:id',
    {
      schema: {
        tags: ['events'],
        summary: "An event with its photos, records and exhibitions (any staff of its network; an official: of their municipality's libraries)",
        params: ZIdParams,
        response: { 200: ZEventDetailOut, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireRole(request, EVENT_READER_ROLES);
      const { event, scope } = await loadEvent(request.params.id, actor, 'read');
      return { ...(await eventDetail(db, event)), permissions: { canEdit: canEditEvent(actor.role, scope, event) } };
    },
  );

  api.put(
    '/api/v1/events/:id',
    {
      schema: {
        tags: ['events'],
        summary: "Change an event's plan (librarian: their library's events; methodologist, director, network admin: their network's)",
        params: ZIdParams,
        body: ZEventInput,
        response: { 200: ZEventOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, EVENT_EDITOR_ROLES);
      const { event } = await loadEvent(request.params.id, actor, 'edit');
      const library = request.body.libraryId === event.libraryId ? null : await libraryToPlanIn(request.body.libraryId, actor);
      if (library && library.networkId !== event.networkId) throw forbidden();
      return presentEvent(await updateEvent(db, auditActor(request, actor), event, request.body));
    },
  );

  api.put(
    '/api/v1/events/:id/outcome',
    {
      schema: {
        tags: ['events'],
        summary: 'Record what happened: held (day, attendance by age group) or cancelled (reason), or back to planned (editors of the event, as above)',
        params: ZIdParams,
        body: ZEventOutcome,
        response: { 200: ZEventOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, EVENT_EDITOR_ROLES);
      const { event } = await loadEvent(request.params.id, actor, 'edit');
      return presentEvent(await recordEventOutcome(db, auditActor(request, actor), event, request.body));
    },
  );

  api.delete(
    '/api/v1/events/:id',
    {
      schema: {
        tags: ['events'],
        summary: 'Delete an event entered by mistake; one with registrations must be cancelled instead (editors of the event)',
        params: ZIdParams,
        response: { 204: z.null(), ...problems(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, EVENT_EDITOR_ROLES);
      const { event } = await loadEvent(request.params.id, actor, 'edit');
      await deleteEvent(db, auditActor(request, actor), event);
      return reply.code(204).send(null);
    },
  );
}

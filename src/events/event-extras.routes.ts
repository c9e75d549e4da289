/** Routes: an event's photos and registrations, and the summary figures of events for a period. */
import type { Readable } from 'node:stream';
import { inArray } from 'drizzle-orm';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole, type Actor } from '../app/auth';
import { forbidden, notFound } from '../app/errors';
import type { App, AppServices } from '../app/http';
import { auditActor, problems, ZIdParams, ZPaged, ZPageQuery } from '../app/route-helpers';
import { findLibrary, libraries, resolveScope } from '../network';
import { canEditEvent, canReadEvent, EVENT_EDITOR_ROLES, EVENT_READER_ROLES, visibleEvents } from './events.policy';
import { ZEventSummaryOut, ZRegistrationOut } from './events.route-schemas';
import { ZDate } from './events.schemas';
import { findEvent } from './events.service';
import { summarizeEvents } from './events.summary';
import { addEventPhoto, findEventPhoto, PHOTO_MEDIA_TYPES, removeEventPhoto, type PhotoMediaType } from './photos.service';
import { cancelRegistration, listRegistrations } from './registrations.service';

const ZPhotoParams = z.object({ id: z.uuid(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const PHOTO_LIMIT = 15 * 1024 * 1024;

export function registerEventExtraRoutes(app: App, { database, files }: AppServices) {
  const { db } = database;

  async function loadEvent(id: string, actor: Actor, need: 'read' | 'edit') {
    const event = await findEvent(db, id);
    if (!event) throw notFound();
    const scope = await resolveScope(db, actor);
    const allowed = need === 'read' ? canReadEvent(actor.role, scope, event) : canEditEvent(actor.role, scope, event);
    if (!allowed) throw forbidden();
    return event;
  }

  void app.register(async (scoped) => {
    // A photo arrives as the raw body and is streamed to the file store.
    for (const type of PHOTO_MEDIA_TYPES) scoped.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
    const api = scoped.withTypeProvider<ZodTypeProvider>();
    api.post(
      '/api/v1/events/:id/photos',
      {
        bodyLimit: PHOTO_LIMIT,
        schema: {
          tags: ['events'],
          summary: 'Add a photo (raw body: image/jpeg, image/png or image/webp) to an event (editors of the event)',
          params: ZIdParams,
          querystring: z.object({ caption: z.string().trim().max(300).default(''), fileName: z.string().trim().max(200).default('photo') }),
          response: { 201: z.object({ sha256: z.string(), mediaType: z.string(), caption: z.string() }), ...problems(401, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        const actor = requireRole(request, EVENT_EDITOR_ROLES);
        const event = await loadEvent(request.params.id, actor, 'edit');
        const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim() as PhotoMediaType;
        const row = await addEventPhoto(db, files, auditActor(request, actor), event, {
          body: request.body as Readable,
          mediaType,
          caption: request.query.caption,
          fileName: request.query.fileName,
        });
        return reply.code(201).send({ sha256: row.sha256, mediaType: row.mediaType, caption: row.caption });
      },
    );
  });

  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/events/:id/photos/:sha256',
    {
      schema: { tags: ['events'], summary: "A photo of an event (staff who may read the event)", params: ZPhotoParams },
    },
    async (request, reply) => {
      const actor = requireRole(request, EVENT_READER_ROLES);
      const event = await loadEvent(request.params.id, actor, 'read');
      const photo = await findEventPhoto(db, event.id, request.params.sha256);
      if (!photo) throw notFound();
      return reply.type(photo.mediaType).header('cache-control', 'private, max-age=86400').send(files.open(photo.sha256));
    },
  );

  api.delete(
    '/api/v1/events/:id/photos/:sha256',
    {
      schema: {
        tags: ['events'],
        summary: 'Remove a photo from an event (editors of the event)',
        params: ZPhotoParams,
        response: { 204: z.null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, EVENT_EDITOR_ROLES);
      const event = await loadEvent(request.params.id, actor, 'edit');
      if (!(await removeEventPhoto(db, auditActor(request, actor), event, request.params.sha256))) throw notFound();
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/api/v1/events/:id/registrations',
    {
      schema: {
        tags: ['events'],
        summary: "Who registered for an event — visitors' names and contacts (only the event's editors: its library's librarian, the network's methodologist, director, network admin)",
        params: ZIdParams,
        querystring: ZPageQuery.extend({ q: z.string().trim().max(100).optional() }),
        response: { 200: ZPaged(ZRegistrationOut), ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, EVENT_EDITOR_ROLES);
      const event = await loadEvent(request.params.id, actor, 'edit');
      const result = await listRegistrations(db, event.id, request.query);
      return { ...result, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  api.delete(
    '/api/v1/events/:id/registrations/:registrationId',
    {
      schema: {
        tags: ['events'],
        summary: 'Remove a registration and free its place (editors of the event)',
        params: z.object({ id: z.uuid(), registrationId: z.uuid() }),
        response: { 204: z.null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, EVENT_EDITOR_ROLES);
      const event = await loadEvent(request.params.id, actor, 'edit');
      if (!(await cancelRegistration(db, auditActor(request, actor), event.id, request.params.registrationId))) throw notFound();
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/api/v1/events/summary',
    {
      schema: {
        tags: ['events'],
        summary: 'Events held and attendance by age group for a period, for one library or all visible ones (any staff; an official: their municipality\'s libraries)',
        querystring: z.object({ libraryId: z.uuid().optional(), networkId: z.uuid().optional(), from: ZDate, to: ZDate }),
        response: { 200: ZEventSummaryOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, EVENT_READER_ROLES);
      const scope = await resolveScope(db, actor);
      const { libraryId, networkId, from, to } = request.query;
      let libraryIds: string[];
      if (libraryId) {
        const library = await findLibrary(db, libraryId);
        if (!library) throw notFound();
        if (!canReadEvent(actor.role, scope, { networkId: library.networkId, libraryId: library.id })) throw forbidden();
        libraryIds = [library.id];
      } else {
        const visible = visibleEvents(actor.role, scope);
        const networkIds = networkId ? [networkId] : (visible?.networkIds ?? []);
        if (networkId && visible && !visible.networkIds.includes(networkId)) throw forbidden();
        const inNetworks = networkIds.length
          ? (await db.select({ id: libraries.id }).from(libraries).where(inArray(libraries.networkId, networkIds))).map((l) => l.id)
          : [];
        libraryIds = visible && !networkId ? [...inNetworks, ...visible.libraryIds] : inNetworks;
        if (!visible && !networkId) libraryIds = (await db.select({ id: libraries.id }).from(libraries)).map((l) => l.id);
      }
      return summarizeEvents(db, { libraryIds, from, to });
    },
  );
}

/** Routes: the network's event forms, its calendar of memorable dates and year themes, planning suggestions. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole, type Actor } from '../app/auth';
import { forbidden, notFound } from '../app/errors';
import type { App, AppServices } from '../app/http';
import { auditActor, problems, ZIdParams } from '../app/route-helpers';
import { findNetwork, resolveScope } from '../network';
import {
  createEventForm,
  createMemorableDate,
  deleteMemorableDate,
  findEventForm,
  findMemorableDate,
  listEventForms,
  listMemorableDates,
  planningSuggestions,
  updateEventForm,
  updateMemorableDate,
} from './event-setup.service';
import { canReadNetworkEvents, canSetUpNetworkEvents, EVENT_READER_ROLES, EVENT_SETUP_ROLES } from './events.policy';
import { ZEventFormOut, ZMemorableDateOut, ZSuggestionOut } from './events.route-schemas';
import { ZEventFormInput, ZMemorableDateInput } from './events.schemas';

const ZYear = z.coerce.number().int().min(1900).max(2200);

export function registerEventSetupRoutes(app: App, { database }: AppServices) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  async function networkFor(id: string, actor: Actor, need: 'read' | 'edit') {
    const network = await findNetwork(db, id);
    if (!network) throw notFound();
    const scope = await resolveScope(db, actor);
    const allowed = need === 'read' ? canReadNetworkEvents(actor.role, scope, network.id) : canSetUpNetworkEvents(actor.role, scope, network.id);
    if (!allowed) throw forbidden();
    return network;
  }

  api.get(
    '/api/v1/networks/:id/event-forms',
    {
      schema: {
        tags: ['events'],
        summary: "The network's forms of events (any staff of the network)",
        params: ZIdParams,
        response: { 200: z.array(ZEventFormOut), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireRole(request, EVENT_READER_ROLES);
      const network = await networkFor(request.params.id, actor, 'read');
      return listEventForms(db, network.id);
    },
  );

  api.post(
    '/api/v1/networks/:id/event-forms',
    {
      schema: {
        tags: ['events'],
        summary: 'Add a form of events to the network (network admin, director, methodologist of the network)',
        params: ZIdParams,
        body: ZEventFormInput,
        response: { 201: ZEventFormOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, EVENT_SETUP_ROLES);
      const network = await networkFor(request.params.id, actor, 'edit');
      return reply.code(201).send(await createEventForm(db, auditActor(request, actor), network.id, request.body));
    },
  );

  api.put(
    '/api/v1/event-forms/:id',
    {
      schema: {
        tags: ['events'],
        summary: 'Rename, reorder or switch off a form of events (network admin, director, methodologist of its network)',
        params: ZIdParams,
        body: ZEventFormInput,
        response: { 200: ZEventFormOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, EVENT_SETUP_ROLES);
      const form = await findEventForm(db, request.params.id);
      if (!form) throw notFound();
      await networkFor(form.networkId, actor, 'edit');
      return updateEventForm(db, auditActor(request, actor), form, request.body);
    },
  );

  api.get(
    '/api/v1/networks/:id/memorable-dates',
    {
      schema: {
        tags: ['events'],
        summary: "The network's calendar of memorable dates and year themes (any staff of the network)",
        params: ZIdParams,
        querystring: z.object({ year: ZYear.optional() }),
        response: { 200: z.array(ZMemorableDateOut), ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, EVENT_READER_ROLES);
      const network = await networkFor(request.params.id, actor, 'read');
      return listMemorableDates(db, network.id, request.query.year);
    },
  );

  api.post(
    '/api/v1/networks/:id/memorable-dates',
    {
      schema: {
        tags: ['events'],
        summary: 'Add a memorable date or a year theme (network admin, director, methodologist of the network)',
        params: ZIdParams,
        body: ZMemorableDateInput,
        response: { 201: ZMemorableDateOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, EVENT_SETUP_ROLES);
      const network = await networkFor(request.params.id, actor, 'edit');
      return reply.code(201).send(await createMemorableDate(db, auditActor(request, actor), network.id, request.body));
    },
  );

  api.put(
    '/api/v1/memorable-dates/:id',
    {
      schema: {
        tags: ['events'],
        summary: 'Change a memorable date or year theme (network admin, director, methodologist of its network)',
        params: ZIdParams,
        body: ZMemorableDateInput,
        response: { 200: ZMemorableDateOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, EVENT_SETUP_ROLES);
      const entry = await findMemorableDate(db, request.params.id);
      if (!entry) throw notFound();
      await networkFor(entry.networkId, actor, 'edit');
      return updateMemorableDate(db, auditActor(request, actor), entry, request.body);
    },
  );

  api.delete(
    '/api/v1/memorable-dates/:id',
    {
      schema: {
        tags: ['events'],
        summary: 'Remove a memorable date or year theme (network admin, director, methodologist of its network)',
        params: ZIdParams,
        response: { 204: z.null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, EVENT_SETUP_ROLES);
      const entry = await findMemorableDate(db, request.params.id);
      if (!entry) throw notFound();
      await networkFor(entry.networkId, actor, 'edit');
      await deleteMemorableDate(db, auditActor(request, actor), entry);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/api/v1/networks/:id/event-suggestions',
    {
      schema: {
        tags: ['events'],
        summary: 'Memorable dates of a month (or year) and the year themes, offered when planning (any staff of the network)',
        params: ZIdParams,
        querystring: z.object({ year: ZYear, month: z.coerce.number().int().min(1).max(12).optional() }),
        response: { 200: z.array(ZSuggestionOut), ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, EVENT_READER_ROLES);
      const network = await networkFor(request.params.id, actor, 'read');
      return planningSuggestions(db, network.id, request.query.year, request.query.month);
    },
  );
}

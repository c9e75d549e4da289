/**
 * The public side of events: the calendar (/events), an event's page with registration, its photos,
 * and iCalendar feeds (/events.ics, /libraries/:id/events.ics, /events/:id.ics). Only public events
 * are ever shown; a private or unknown one is simply "not found".
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../app/db';
import type { FileStore } from '../app/file-store';
import type { App } from '../app/http';
import { SYSTEM_ACTOR } from '../audit';
import {
  buildCalendar,
  defaultTimeZone,
  eventDetail,
  findEvent,
  findEventPhoto,
  formName,
  listEvents,
  localToday,
  registerForEvent,
  ZRegistrationInput,
  eventDescriptions,
  type IcalEvent,
} from '../events';
import { findLibrary, listLibraries } from '../network';
import { libraryChoices } from './library-views';
import { eventPage, REGISTER_ANCHOR, type EventPageData, type RegistrationNotice } from './event.page';
import { eventsPage } from './events.page';
import type { PageContext } from './layout';
import { notFoundPage } from './not-found.page';
import { listPortalNetworks, type PortalNetwork } from './portal.data';
import { href, sendHtml } from './portal-request';
import type { TLanguage } from '../staff/staff.schemas';
import { t as translate, type MessageKey } from '../app/i18n';

const hidden = { schema: { hide: true } };
const PAGE_SIZE = 30;
const FEED_LIMIT = 2000;

const ZEventsQuery = z.object({
  when: z.enum(['upcoming', 'past']).catch('upcoming').default('upcoming'),
  network: z.uuid().optional().catch(undefined),
  library: z.uuid().optional().catch(undefined),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).catch(1).default(1),
});

interface Helpers {
  pageOf: (request: FastifyRequest, reply: FastifyReply) => PageContext;
  siteNameOf: (page: PageContext, networks: PortalNetwork[]) => string;
}

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function registerPortalEvents(app: App, db: Db, files: FileStore, { pageOf, siteNameOf }: Helpers): void {
  function zoneOf(networks: PortalNetwork[], networkId: string | undefined): string {
    const network = networks.find((n) => n.id === networkId) ?? networks[0];
    return defaultTimeZone(network?.country ?? 'KG');
  }

  app.get('/events', hidden, async (request, reply) => {
    const page = pageOf(request, reply);
    const query = ZEventsQuery.parse(request.query ?? {});
    const networks = await listPortalNetworks(db);
    const library = query.library ? await findLibrary(db, query.library) : null;
    const networkId = query.network ?? library?.networkId ?? (networks.length === 1 ? networks[0]?.id : undefined);
    const today = localToday(zoneOf(networks, networkId));
    const range = query.month
      ? { from: `${query.month}-01`, to: lastDayOf(query.month), sort: 'date' as const }
      : query.when === 'upcoming'
        ? { from: today, sort: 'date' as const }
        : { to: dayBefore(today), statuses: ['planned', 'held'] as const, sort: '-date' as const };
    const [list, libraryList] = await Promise.all([
      listEvents(db, { isPublic: true, networkId, libraryId: library?.id, ...range, page: query.page, pageSize: PAGE_SIZE }, null),
      listLibraries(db, { isActive: true, networkId, page: 1, pageSize: 1000 }, { isAll: true, networkIds: [], libraryIds: [] }),
    ]);
    // Named as the catalogue names them: "Филиал № 5, с. Ак-Түз" where another network has a "Филиал № 5".
    const libraries = libraryChoices(libraryList.items).map((l) => ({ id: l.id, name: l.label }));
    return sendHtml(
      request,
      reply,
      eventsPage(page, {
        siteName: siteNameOf(page, networks),
        when: query.when,
        networkId: query.network,
        libraryId: library?.id,
        month: query.month,
        libraries,
        items: list.items,
        total: list.total,
        page: query.page,
        pageSize: PAGE_SIZE,
        icalHref: library ? `/libraries/${library.id}/events.ics` : href('/events.ics', { network: query.network }),
      }),
    );
  });

  async function publicEvent(id: unknown) {
    const parsed = z.uuid().safeParse(id);
    const event = parsed.success ? await findEvent(db, parsed.data) : null;
    return event?.isPublic ? event : null;
  }

  async function renderEvent(
    request: FastifyRequest,
    reply: FastifyReply,
    id: unknown,
    notice: RegistrationNotice,
    form?: EventPageData['form'],
    status = 200,
  ) {
    const page = pageOf(request, reply);
    const [event, networks] = await Promise.all([publicEvent(id), listPortalNetworks(db)]);
    const siteName = siteNameOf(page, networks);
    if (!event) return sendHtml(request, reply, notFoundPage(page, siteName), 404);
    const detail = await eventDetail(db, event);
    const canRegister =
      event.isRegistrationOpen &&
      event.status === 'planned' &&
      event.plannedOn >= localToday(event.timeZone) &&
      (event.capacity === null || event.registeredCount < event.capacity);
    return sendHtml(request, reply, eventPage(page, { siteName, event: detail, canRegister, notice, ...(form ? { form } : {}) }), status);
  }

  app.get('/events/:id', hidden, async (request, reply) => {
    const params = request.params as { id?: string };
    const registered = (request.query as Record<string, unknown> | undefined)?.registered === '1';
    return renderEvent(request, reply, params.id, registered ? 'done' : null);
  });

  app.post(
    '/events/:id/register',
    { schema: { hide: true }, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const params = request.params as { id?: string };
      const event = await publicEvent(params.id);
      if (!event) return renderEvent(request, reply, params.id, null);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const field = (name: string) => (typeof body[name] === 'string' ? body[name] : '');
      const typed = { name: field('name'), phone: field('phone'), email: field('email') };
      const parsed = ZRegistrationInput.safeParse(typed);
      if (!parsed.success) {
        const lang = pageOf(request, reply).lang;
        const errors: Record<string, string> = {};
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? 'name');
          errors[field] ??= registrationMessage(lang, issue.message, issue.code);
        }
        return renderEvent(request, reply, event.id, null, { ...typed, errors }, 422);
      }
      const result = await registerForEvent(db, { ...SYSTEM_ACTOR, login: 'portal', ip: request.ip }, event.id, parsed.data, localToday(event.timeZone));
      if (result.kind === 'registered') return reply.redirect(`/events/${event.id}?registered=1#${REGISTER_ANCHOR}`, 303);
      if (result.kind === 'already_registered') {
        const refusal = translate(pageOf(request, reply).lang, 'events.register_already');
        return renderEvent(request, reply, event.id, null, { ...typed, errors: {}, refusal }, 409);
      }
      return renderEvent(request, reply, event.id, result.kind, undefined, 409);
    },
  );

  app.get('/events/:id/photos/:sha256', hidden, async (request, reply) => {
    const params = request.params as { id?: string; sha256?: string };
    const event = await publicEvent(params.id);
    const photo = event && /^[0-9a-f]{64}$/.test(params.sha256 ?? '') ? await findEventPhoto(db, event.id, params.sha256!) : null;
    if (!photo) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    return reply.type(photo.mediaType).header('cache-control', 'public, max-age=86400').send(files.open(photo.sha256));
  });

  interface FeedSource {
    id: string;
    title: string;
    description: string;
    heldOn: string | null;
    plannedOn: string;
    startTime: string | null;
    endTime: string | null;
    timeZone: string;
    libraryName: string;
    placeNote: string;
    status: IcalEvent['status'];
    formName: string;
    formNameKy: string;
    formNameEn: string;
    createdAt: Date;
    updatedAt: Date;
  }

  function icalOf(origin: string, lang: TLanguage, e: FeedSource): IcalEvent {
    return {
      id: e.id,
      title: e.title,
      description: e.description,
      day: e.heldOn ?? e.plannedOn,
      startTime: e.startTime,
      endTime: e.endTime,
      timeZone: e.timeZone,
      location: [e.libraryName, e.placeNote].filter(Boolean).join(', '),
      url: `${origin}/events/${e.id}`,
      status: e.status,
      category: formName(e, lang),
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    };
  }

  function sendCalendar(reply: FastifyReply, body: string) {
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="events.ics"')
      .header('cache-control', 'public, max-age=600')
      .send(body);
  }

  async function sendFeed(request: FastifyRequest, reply: FastifyReply, name: string, filter: { networkId?: string; libraryId?: string }) {
    const page = pageOf(request, reply);
    const since = new Date(Date.now() - 366 * 86400_000).toISOString().slice(0, 10);
    const { items } = await listEvents(db, { isPublic: true, ...filter, from: since, page: 1, pageSize: FEED_LIMIT, sort: 'date' }, null);
    const descriptions = await eventDescriptions(db, items.map((i) => i.id));
    return sendCalendar(reply, buildCalendar(name, items.map((item) => icalOf(page.origin, page.lang, { ...item, description: descriptions.get(item.id) ?? '' }))));
  }

  app.get('/events.ics', hidden, async (request, reply) => {
    const network = z.uuid().optional().catch(undefined).parse((request.query as Record<string, unknown> | undefined)?.network);
    const networks = await listPortalNetworks(db);
    const chosen = networks.find((n) => n.id === network);
    const page = pageOf(request, reply);
    return sendFeed(request, reply, `${chosen?.name ?? siteNameOf(page, networks)}: ${page.t('events.title')}`, chosen ? { networkId: chosen.id } : {});
  });

  app.get('/libraries/:id/events.ics', hidden, async (request, reply) => {
    const id = z.uuid().safeParse((request.params as { id?: unknown }).id);
    const library = id.success ? await findLibrary(db, id.data) : null;
    if (!library?.isActive) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    return sendFeed(request, reply, `${library.name}: ${pageOf(request, reply).t('events.title')}`, { libraryId: library.id });
  });

  app.get('/events/:id.ics', hidden, async (request, reply) => {
    const event = await publicEvent((request.params as { id?: string }).id);
    if (!event) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    const page = pageOf(request, reply);
    const detail = await eventDetail(db, event);
    return sendCalendar(reply, buildCalendar(event.title, [icalOf(page.origin, page.lang, detail)]));
  });
}

function registrationMessage(lang: TLanguage, message: string, code: string): string {
  const custom: Record<string, MessageKey> = {
    phone: 'validation.phone',
    email: 'validation.email',
    contact_required: 'validation.contact_required',
  };
  const key = custom[message] ?? (code === 'too_small' ? 'validation.required' : code === 'too_big' ? 'validation.invalid' : 'validation.invalid');
  return translate(lang, key);
}

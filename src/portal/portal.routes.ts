/** The public portal: server-rendered pages that need no JavaScript, for readers on slow links and old phones. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppServices } from '../app/http';
import { defaultTimeZone, listEvents, localToday } from '../events';
import { findLibrary, findPassport, listLibraries, listServicePoints, type LibraryVisibility } from '../network';
import { registerAccountPages } from '../readers/account/account.portal';
import { registerAssets } from './assets';
import { registerOpac } from './catalog.routes';
import { registerPortalEvents } from './events.routes';
import { homePage } from './home.page';
import type { PageContext } from './layout';
import { LIBRARY_TABS, librariesPage } from './libraries.page';
import { libraryPage } from './library.page';
import { registerMsuPages } from './msu/msu.routes';
import { notFoundPage } from './not-found.page';
import {
  countActiveLibrariesByKind,
  latestPassports,
  listLibraryMunicipalities,
  listMainLibraries,
  listPortalNetworks,
  type PortalNetwork,
} from './portal.data';
import { translator } from './portal-i18n';
import { A11Y_COOKIE, cookieOptions, readPortalRequest, sameOriginPath, sendHtml } from './portal-request';

/** The public sees every network's active libraries. */
const PUBLIC_VISIBILITY: LibraryVisibility = { isAll: true, networkIds: [], libraryIds: [] };
const PAGE_SIZE = 50;

/**
 * Public query strings are typed by hand and shared as links, so a bad value falls back to its default
 * instead of answering a reader with a validation error.
 */
const ZLibrariesQuery = z.object({
  network: z.uuid().optional().catch(undefined),
  kind: z.enum(LIBRARY_TABS).optional().catch(undefined),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((q) => q || undefined),
  page: z.coerce.number().int().min(1).max(10000).catch(1).default(1),
});

const hidden = { schema: { hide: true } };

/** Registers the portal; returns the page for unknown addresses outside the API. */
export async function registerPortal(app: App, context: AppServices): Promise<PortalNotFound> {
  const { database, files, config } = context;
  const { db } = database;
  registerAssets(app);

  function pageOf(request: FastifyRequest, reply: FastifyReply): PageContext {
    const portalRequest = readPortalRequest(request, reply);
    return { ...portalRequest, t: translator(portalRequest.lang) };
  }

  function siteNameOf(page: PageContext, networks: PortalNetwork[]): string {
    return networks.length === 1 && networks[0] ? networks[0].name : page.t('portal.title');
  }

  app.get('/', hidden, async (request, reply) => {
    const page = pageOf(request, reply);
    const networks = await listPortalNetworks(db);
    const mainLibraries = await listMainLibraries(
      db,
      networks.map((n) => n.id),
    );
    const passports = await latestPassports(
      db,
      mainLibraries.map((l) => l.id),
    );
    return sendHtml(request, reply, homePage(page, { networks, mainLibraries, passports }));
  });

  app.get('/libraries', hidden, async (request, reply) => {
    const page = pageOf(request, reply);
    const query = ZLibrariesQuery.parse(request.query ?? {});
    const networks = await listPortalNetworks(db);
    const network = query.network
      ? networks.find((n) => n.id === query.network)
      : networks.length === 1
        ? networks[0]
        : undefined;
    if (query.network && !network) return sendHtml(request, reply, notFoundPage(page, siteNameOf(page, networks)), 404);
    // A search looks through every kind: a reader typing a village does not know which tab it is on.
    const tab = query.kind ?? (query.q ? 'all' : 'branch');
    const [list, counts] = await Promise.all([
      listLibraries(
        db,
        {
          q: query.q,
          kind: tab === 'all' ? undefined : tab,
          networkId: network?.id,
          isActive: true,
          page: query.page,
          pageSize: PAGE_SIZE,
        },
        PUBLIC_VISIBILITY,
      ),
      countActiveLibrariesByKind(db, network?.id),
    ]);
    const passports = await latestPassports(
      db,
      list.items.map((i) => i.id),
    );
    return sendHtml(
      request,
      reply,
      librariesPage(page, {
        networks,
        network,
        tab,
        q: query.q,
        page: query.page,
        pageSize: PAGE_SIZE,
        items: list.items,
        total: list.total,
        counts,
        passports,
      }),
    );
  });

  app.get('/libraries/:id', hidden, async (request, reply) => {
    const page = pageOf(request, reply);
    const id = z.uuid().safeParse((request.params as { id?: unknown }).id);
    const [library, networks] = await Promise.all([
      id.success ? findLibrary(db, id.data) : null,
      listPortalNetworks(db),
    ]);
    const network = library ? networks.find((n) => n.id === library.networkId) : undefined;
    if (!library?.isActive || !network)
      return sendHtml(request, reply, notFoundPage(page, siteNameOf(page, networks)), 404);
    const today = localToday(defaultTimeZone(network.country));
    const [passport, municipalities, points, upcoming] = await Promise.all([
      findPassport(db, library.id),
      listLibraryMunicipalities(db, library.id),
      listServicePoints(db, library.id),
      listEvents(db, { isPublic: true, libraryId: library.id, from: today, sort: 'date', page: 1, pageSize: 3 }, null),
    ]);
    return sendHtml(
      request,
      reply,
      libraryPage(page, {
        library,
        network,
        hasManyNetworks: networks.length > 1,
        passport: passport.data,
        municipalities,
        servicePoints: points.filter((p) => p.isActive),
        upcomingEvents: upcoming.items,
      }),
    );
  });

  const holdBoxFor = registerAccountPages(app, context, {
    pageOf,
    siteName: async (page) => siteNameOf(page, await listPortalNetworks(db)),
    loginLimitPerMinute: config.loginLimitPerMinute,
    sessionDays: config.sessionDays,
  });
  registerOpac(app, db, { pageOf, siteNameOf, holdBoxFor });
  registerMsuPages(app, context, {
    pageOf,
    siteName: async (page) => siteNameOf(page, await listPortalNetworks(db)),
    loginLimitPerMinute: config.loginLimitPerMinute,
    sessionDays: config.sessionDays,
  });
  registerPortalEvents(app, db, files, { pageOf, siteNameOf });

  /** The switch to the version for the visually impaired and back: remembered in a cookie for every page. */
  app.get('/a11y', hidden, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    if (query.on === '0') reply.clearCookie(A11Y_COOKIE, { path: '/' });
    else reply.setCookie(A11Y_COOKIE, '1', cookieOptions(request));
    return reply.redirect(sameOriginPath(query.back), 303);
  });

  return async (request, reply) => {
    const page = pageOf(request, reply);
    const networks = await listPortalNetworks(db);
    return sendHtml(request, reply, notFoundPage(page, siteNameOf(page, networks)), 404);
  };
}

export type PortalNotFound = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

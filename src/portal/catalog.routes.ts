/** The public catalogue's pages: search, a record, and the OpenSearch description. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../app/db';
import type { App } from '../app/http';
import { findRecord, listItems, searchCatalog } from '../catalog';
import { listLibraries, type LibraryVisibility } from '../network';
import { catalogPage } from './catalog.page';
import { libraryChoices } from './library-views';
import { hasCriteria, OPAC_PAGE_SIZE, readOpacQuery, toSearchQuery } from './catalog-query';
import { isWithheldRecord, recordPage, withheldNotice } from './catalog-record.page';
import type { SafeHtml } from './html';
import type { PageContext } from './layout';
import { notFoundPage } from './not-found.page';
import { openSearchDescription } from './opensearch';
import { listPortalNetworks } from './portal.data';
import { catalogueSearchOf, sendHtml } from './portal-request';

const PUBLIC_VISIBILITY: LibraryVisibility = { isAll: true, networkIds: [], libraryIds: [] };
const hidden = { schema: { hide: true } };

export interface OpacHelpers {
  pageOf: (request: FastifyRequest, reply: FastifyReply) => PageContext;
  siteNameOf: (page: PageContext, networks: Awaited<ReturnType<typeof listPortalNetworks>>) => string;
  /** The box to reserve the record (readers' accounts). */
  holdBoxFor?: (request: FastifyRequest, page: PageContext, recordId: string) => Promise<SafeHtml>;
}

export function registerOpac(app: App, db: Db, { pageOf, siteNameOf, holdBoxFor }: OpacHelpers): void {
  app.get('/catalog', hidden, async (request, reply) => {
    // The form sends its empty fields too (?q=пароход&title=&author=…): the reader gets the short link.
    const [path, search = ''] = request.url.split('?');
    const params = new URLSearchParams(search);
    if ([...params.values()].some((v) => v === '')) {
      const kept = new URLSearchParams([...params].filter(([, v]) => v !== ''));
      return reply.redirect(kept.size ? `${path}?${kept.toString()}` : path!);
    }
    const page = pageOf(request, reply);
    // A value the search cannot use is left out of it and named next to the form, never silently dropped.
    const { query, problems } = readOpacQuery(request.query);
    const [networks, libraryList, result] = await Promise.all([
      listPortalNetworks(db),
      listLibraries(db, { isActive: true, page: 1, pageSize: 1000 }, PUBLIC_VISIBILITY),
      hasCriteria(query) ? searchCatalog(db, toSearchQuery(query)) : null,
    ]);
    const libraries = libraryChoices(libraryList.items);
    return sendHtml(
      request,
      reply,
      catalogPage(page, {
        siteName: siteNameOf(page, networks),
        librariesHref: '/libraries',
        query,
        problems,
        result,
        libraries,
        pageSize: OPAC_PAGE_SIZE,
      }),
    );
  });

  app.get('/catalog/records/:id', hidden, async (request, reply) => {
    const page = pageOf(request, reply);
    const id = z.uuid().safeParse((request.params as { id?: unknown }).id);
    const [record, networks] = await Promise.all([id.success ? findRecord(db, id.data) : null, listPortalNetworks(db)]);
    const siteName = siteNameOf(page, networks);
    if (!record) return sendHtml(request, reply, notFoundPage(page, siteName, page.t('opac.record_not_found')), 404);
    const copies = (await listItems(db, record.id))
      .filter(({ item }) => item.status !== 'written_off')
      .map(({ item, libraryName }) => ({
        libraryId: item.libraryId,
        libraryName,
        callNumber: item.callNumber,
        location: item.location,
        status: item.status,
        isWithheld: item.withheldBy !== null,
      }));
    const holdBox = isWithheldRecord(copies) ? withheldNotice(page) : copies.length && holdBoxFor ? await holdBoxFor(request, page, record.id) : null;
    const backHref = catalogueSearchOf(request.headers.referer, page.origin);
    return sendHtml(request, reply, recordPage(page, { siteName, librariesHref: '/libraries', record, copies, holdBox, backHref }));
  });

  app.get('/opensearch.xml', hidden, async (request, reply) => {
    const page = pageOf(request, reply);
    return reply
      .header('content-type', 'application/opensearchdescription+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .header('vary', 'Accept-Language, Cookie')
      .send(openSearchDescription(page.origin, page.t, page.lang));
  });
}

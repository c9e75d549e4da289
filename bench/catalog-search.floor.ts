/**
 * The floor of a search (`npm run bench -- catalog-search --floor`): a route answering the benchmark's
 * queries as the search route does (session, role, query and response checked against their schemas,
 * the page's records and their copies per library read from PostgreSQL by key) but with each query's
 * hits, ranking and facets already known — what a search would cost if finding, ranking and counting
 * its hits cost nothing. The first request of each query runs the real search to learn them.
 */
import { sql } from 'drizzle-orm';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireRole } from '../src/app/auth';
import { rowsOf, type Database } from '../src/app/db';
import type { App } from '../src/app/http';
import { CATALOG_READER_ROLES } from '../src/catalog/catalog.policy';
import { ZSearchResult } from '../src/catalog/catalog.route-schemas';
import { ZSearchQuery } from '../src/catalog/catalog.schemas';
import { searchCatalog } from '../src/catalog/search.service';

export const FLOOR_PATH = '/api/v1/catalog/search-floor';

export function registerFloorRoute(app: App, database: Database) {
  const known = new Map<string, Awaited<ReturnType<typeof searchCatalog>>>();
  app.withTypeProvider<ZodTypeProvider>().get(FLOOR_PATH, { schema: { querystring: ZSearchQuery, response: { 200: ZSearchResult } } }, async (request) => {
    requireRole(request, CATALOG_READER_ROLES);
    const key = request.url.slice(request.url.indexOf('?') + 1);
    let found = known.get(key);
    if (!found) known.set(key, (found = await searchCatalog(database.db, request.query)));
    const ids = `{${found.items.map((i) => i.id).join(',')}}`;
    const ranks = `{${found.items.map((i) => i.rank).join(',')}}`;
    const [row] = rowsOf<{ page: typeof found.items | null }>(await database.db.execute(sql`select kp_search_page(${ids}::uuid[], ${ranks}::float8[]) as page`));
    return { ...found, items: (row?.page ?? []).map((hit) => ({ ...hit, rank: Number(hit.rank) })), facets: found.facets! };
  });
}

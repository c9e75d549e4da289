/** Routes: searching the union catalogue and exporting a result. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireRole } from '../app/auth';
import type { App, AppServices } from '../app/http';
import { requestLanguage, t } from '../app/i18n';
import { problems } from '../app/route-helpers';
import { buildXlsx, sendXlsx } from '../app/xlsx';
import { CATALOG_READER_ROLES } from './catalog.policy';
import { ZSearchResult } from './catalog.route-schemas';
import { ZSearchQuery } from './catalog.schemas';
import { searchForExport } from './search-export';
import { registerSearchLogPrune } from './search-index/registry';
import { searchCatalog } from './search.service';

const NAMED_LANGUAGES = new Set(['rus', 'kir', 'eng', 'kaz', 'uzb', 'ger', 'fre']);

/** "русский" for `rus`, in the caller's language; a code without a name is written as it is. */
const languageName = (lang: Parameters<typeof t>[0], code: string) =>
  NAMED_LANGUAGES.has(code) ? t(lang, `lang.${code as 'rus'}`) : code;

/** An export holds at most this many records: enough for a list, not a way to dump the catalogue. */
const EXPORT_LIMIT = 10000;

export function registerSearchRoutes(app: App, { database, jobs }: AppServices) {
  const { db } = database;
  registerSearchLogPrune(jobs, db);
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/catalog/search',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Search the union catalogue: one box plus fields, facets, availability per library (any staff)',
        querystring: ZSearchQuery,
        response: { 200: ZSearchResult, ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      requireRole(request, CATALOG_READER_ROLES);
      const result = await searchCatalog(db, request.query);
      return { ...result, facets: result.facets! };
    },
  );

  api.get(
    '/api/v1/catalog/search.xlsx',
    {
      schema: {
        tags: ['catalog'],
        summary: `A search result as XLSX, same query, up to ${EXPORT_LIMIT} records (any staff)`,
        querystring: ZSearchQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      requireRole(request, CATALOG_READER_ROLES);
      const lang = requestLanguage(request);
      const items = await searchForExport(db, { ...request.query, page: 1, pageSize: EXPORT_LIMIT });
      const body = await buildXlsx(
        t(lang, 'sheet.catalog'),
        [
          { header: t(lang, 'col.description'), value: (r) => r.description, width: 80 },
          { header: t(lang, 'col.title'), value: (r) => r.title, width: 40 },
          { header: t(lang, 'col.authors'), value: (r) => r.authors.join('; '), width: 30 },
          { header: t(lang, 'col.year'), value: (r) => r.year, width: 8 },
          // As the record writes them (hyphens and all), not the search keys in `isbns`.
          { header: t(lang, 'col.isbn'), value: (r) => r.writtenIsbns.join(', '), width: 18 },
          { header: t(lang, 'col.bbk'), value: (r) => r.bbk.join('; '), width: 16 },
          { header: t(lang, 'col.language'), value: (r) => languageName(lang, r.language), width: 12 },
          { header: t(lang, 'col.material_type'), value: (r) => t(lang, `material.${r.materialType}`), width: 18 },
          { header: t(lang, 'col.age_label'), value: (r) => r.ageLabel ?? '', width: 14 },
          { header: t(lang, 'col.copies'), value: (r) => r.availability.reduce((n, a) => n + a.total, 0), width: 10 },
          {
            header: t(lang, 'col.available'),
            value: (r) => r.availability.reduce((n, a) => n + a.available, 0),
            width: 10,
          },
        ],
        items,
      );
      return sendXlsx(reply, 'catalog.xlsx', body);
    },
  );
}

/** Route: downloading records as MARC (ISO 2709 or MARCXML, RUSMARC or MARC 21) — any staff member. */
import { PassThrough } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../../app/auth';
import { notFound } from '../../app/errors';
import type { App, AppServices } from '../../app/http';
import { findLibrary } from '../../network';
import { CATALOG_READER_ROLES } from '../catalog.policy';
import { ZSearchQuery } from '../catalog.schemas';
import { exportMarc } from './export.service';

const ZExportQuery = ZSearchQuery.omit({ page: true, pageSize: true, sort: true }).extend({
  schema: z.enum(['rusmarc', 'marc21']).default('rusmarc'),
  format: z.enum(['iso2709', 'marcxml']).default('iso2709'),
  /** Export only records with copies in this library (without the search filters). */
  holdingsOf: z.uuid().optional(),
  /** Records chosen one by one, comma-separated (at most 300, so that the address stays short): only these, whatever the search. */
  ids: z
    .string()
    .transform((text) => [...new Set(text.split(',').map((id) => id.trim()).filter(Boolean))])
    .pipe(z.array(z.uuid()).min(1).max(300))
    .optional(),
});

export function registerExportRoutes(app: App, { database }: AppServices) {
  const { db } = database;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/catalog/export',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Records as a MARC file: the whole catalogue, one library’s holdings, a search or records chosen by id (any staff)',
        querystring: ZExportQuery,
      },
    },
    async (request, reply) => {
      requireRole(request, CATALOG_READER_ROLES);
      const { schema, format, holdingsOf, ids, ...filters } = request.query;
      if (holdingsOf && !(await findLibrary(db, holdingsOf))) throw notFound();
      const hasSearch = Object.values(filters).some((v) => v !== undefined && v !== '');
      const search = hasSearch && !ids ? ZSearchQuery.parse({ ...filters, sort: 'title' }) : null;
      const body = new PassThrough();
      exportMarc(db, body, { schema, container: format, libraryId: holdingsOf ?? null, search, recordIds: ids ?? null }).then(
        () => body.end(),
        (error: unknown) => {
          request.log.error({ err: error }, 'export failed');
          body.destroy(error instanceof Error ? error : new Error(String(error)));
        },
      );
      const extension = format === 'marcxml' ? 'xml' : 'mrc';
      return reply
        .type(format === 'marcxml' ? 'application/marcxml+xml; charset=utf-8' : 'application/marc')
        .header('content-disposition', `attachment; filename="catalogue-${schema}.${extension}"`)
        .send(body);
    },
  );
}

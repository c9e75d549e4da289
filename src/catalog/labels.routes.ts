/** Route: spine/barcode labels of copies as a PDF (A4 sheets of labels). */
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireRole } from '../app/auth';
import { AppError, forbidden } from '../app/errors';
import type { App, AppContext } from '../app/http';
import { libraries, resolveScope } from '../network';
import { LABEL_PRINTER_ROLES } from './catalog.policy';
import { bibRecords, items } from './catalog.tables';
import { LABEL_LAYOUTS, labelsPerPage, renderLabels } from './labels';

export const MAX_LABELS = 240;

const ZUuid = z.uuid();
const ZLabelsQuery = z.object({
  itemIds: z.string().min(1),
  layout: z.enum(LABEL_LAYOUTS).default('a4-3x8'),
  /** The first place to print on a partly used sheet (1 = top left); at most the sheet's number of labels. */
  start: z.coerce.number().int().min(1).max(40).default(1),
});

const invalidIds = () => new AppError(422, 'validation_failed', 'error.validation', [{ field: 'itemIds', code: 'invalid', key: 'validation.invalid' }]);

export function registerLabelRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/catalog/labels.pdf',
    {
      schema: {
        tags: ['catalog'],
        summary: `Spine/barcode labels of copies as PDF, up to ${MAX_LABELS} copies (cataloguer, acquisitions, librarian, network admin, director, methodologist; copies of their scope)`,
        querystring: ZLabelsQuery,
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, LABEL_PRINTER_ROLES);
      const ids = [...new Set(request.query.itemIds.split(',').map((s) => s.trim()).filter(Boolean))];
      if (ids.length === 0 || ids.length > MAX_LABELS || !ids.every((id) => ZUuid.safeParse(id).success)) throw invalidIds();
      const rows = await db
        .select({
          id: items.id,
          libraryId: items.libraryId,
          barcode: items.barcode,
          inventoryNumber: items.inventoryNumber,
          callNumber: items.callNumber,
          title: bibRecords.title,
          author: bibRecords.firstAuthor,
          libraryName: libraries.name,
        })
        .from(items)
        .innerJoin(bibRecords, eq(bibRecords.id, items.recordId))
        .innerJoin(libraries, eq(libraries.id, items.libraryId))
        .where(inArray(items.id, ids));
      if (rows.length !== ids.length) throw invalidIds();
      const scope = await resolveScope(db, actor);
      if (!scope.isAll && rows.some((r) => !scope.libraryIds.has(r.libraryId))) throw forbidden();
      const byId = new Map(rows.map((r) => [r.id, r]));
      if (request.query.start > labelsPerPage(request.query.layout)) {
        throw new AppError(422, 'validation_failed', 'error.validation', [{ field: 'start', code: 'too_big', key: 'validation.too_big', params: { max: labelsPerPage(request.query.layout) } }]);
      }
      const pdf = await renderLabels(ids.map((id) => byId.get(id)!), { layout: request.query.layout, start: request.query.start });
      return reply
        .type('application/pdf')
        .header('content-disposition', 'inline; filename="labels.pdf"')
        .send(pdf);
    },
  );
}

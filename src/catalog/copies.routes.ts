/** Routes: the collection as a list of copies, paged and as XLSX (the inventory book of a library). */
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../app/auth';
import type { App, AppContext } from '../app/http';
import { requestLanguage, t } from '../app/i18n';
import { problems, ZPaged } from '../app/route-helpers';
import { buildXlsx, sendXlsx } from '../app/xlsx';
import { resolveScope } from '../network';
import { COLLECTION_READER_ROLES } from './catalog.policy';
import { ZItemOut } from './catalog.route-schemas';
import { ZCopyListQuery } from './catalog.schemas';
import { listCopies, type CopyVisibility } from './copies.service';

const ZCopyRow = ZItemOut.omit({ networkId: true, withheldBy: true, createdAt: true, updatedAt: true }).extend({
  libraryName: z.string(),
  networkName: z.string(),
  title: z.string(),
  description: z.string(),
  year: z.number().int().nullable(),
});

/** An XLSX holds at most this many copies: a branch's whole collection, or a year's acquisitions of a network. */
const EXPORT_LIMIT = 50000;

export function registerCopyListRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** Staff who handle copies and the network's managers list the copies of the networks they read. */
  async function visibility(request: FastifyRequest): Promise<CopyVisibility> {
    const actor = requireRole(request, COLLECTION_READER_ROLES);
    const scope = await resolveScope(db, actor);
    return scope.isAll ? { all: true } : { all: false, networkIds: [...scope.readNetworkIds] };
  }

  api.get(
    '/api/v1/catalog/items',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Copies of the networks in scope, in inventory order: by library, status, acquisition date, barcode, inventory number, call number or title (staff handling copies, network managers)',
        querystring: ZCopyListQuery,
        response: { 200: ZPaged(ZCopyRow), ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const result = await listCopies(db, request.query, await visibility(request));
      return { ...result, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  api.get(
    '/api/v1/catalog/items.xlsx',
    {
      schema: {
        tags: ['catalog'],
        summary: `Copies as XLSX, same filters, up to ${EXPORT_LIMIT} (staff handling copies, network managers)`,
        querystring: ZCopyListQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const visible = await visibility(request);
      const lang = requestLanguage(request);
      const { items } = await listCopies(db, { ...request.query, page: 1, pageSize: EXPORT_LIMIT }, visible);
      const body = await buildXlsx(
        t(lang, 'sheet.copies'),
        [
          { header: t(lang, 'col.library'), value: (r) => r.libraryName, width: 28 },
          { header: t(lang, 'col.inventory_number'), value: (r) => r.inventoryNumber, width: 16 },
          { header: t(lang, 'col.acquired_on'), value: (r) => r.acquiredOn, width: 14 },
          { header: t(lang, 'col.description'), value: (r) => r.description, width: 80 },
          { header: t(lang, 'col.call_number'), value: (r) => r.callNumber, width: 16 },
          { header: t(lang, 'col.price'), value: (r) => r.price, width: 10 },
          { header: t(lang, 'col.currency'), value: (r) => r.currency, width: 8 },
          { header: t(lang, 'col.barcode'), value: (r) => r.barcode, width: 18 },
          { header: t(lang, 'col.location'), value: (r) => r.location, width: 18 },
          { header: t(lang, 'col.status'), value: (r) => t(lang, `item_status.${r.status}`), width: 16 },
          { header: t(lang, 'col.notes'), value: (r) => r.notes, width: 30 },
        ],
        items,
      );
      return sendXlsx(reply, 'copies.xlsx', body);
    },
  );
}

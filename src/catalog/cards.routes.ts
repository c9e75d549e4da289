/** Route: catalogue cards of records as PDF, with the inventory numbers of one library's copies. */
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireRole } from '../app/auth';
import { AppError, forbidden } from '../app/errors';
import type { App, AppContext } from '../app/http';
import { resolveScope } from '../network';
import { suggestCallNumber } from './author-mark';
import { CARD_LAYOUTS, renderCards, type CardRecord } from './cards';
import { LABEL_PRINTER_ROLES } from './catalog.policy';
import { bibRecords, inventoryKey, items } from './catalog.tables';
import { gostHeading } from './gost-description';

/** At most this many records in one PDF (their ids travel in the address, as for the MARC export). */
export const MAX_CARDS = 300;

const ZUuid = z.uuid();
const ZCardsQuery = z.object({
  recordIds: z.string().min(1),
  /** Whose copies' inventory numbers and call number the cards carry: the person's own library unless told. */
  libraryId: z.uuid().optional(),
  layout: z.enum(CARD_LAYOUTS).default('a4'),
});

const invalid = (field: string) => new AppError(422, 'validation_failed', 'error.validation', [{ field, code: 'invalid', key: 'validation.invalid' }]);

/** The commonest call number among the copies, or one made from the ББК index and the author mark. */
function callNumberOf(copies: readonly { callNumber: string }[], record: { bbk: string[]; firstAuthor: string | null; title: string }): string {
  const counts = new Map<string, number>();
  for (const { callNumber } of copies) if (callNumber.trim()) counts.set(callNumber.trim(), (counts.get(callNumber.trim()) ?? 0) + 1);
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best?.[0] ?? suggestCallNumber(record.bbk, record.firstAuthor, record.title);
}

export function registerCardRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/catalog/cards.pdf',
    {
      schema: {
        tags: ['catalog'],
        summary: `Catalogue cards of records as PDF (125 × 75 mm, or three to an A4 sheet), up to ${MAX_CARDS} records, with the inventory numbers of one library of the caller's scope (cataloguer, acquisitions, librarian, network admin, director, methodologist)`,
        querystring: ZCardsQuery,
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, LABEL_PRINTER_ROLES);
      const ids = [...new Set(request.query.recordIds.split(',').map((s) => s.trim()).filter(Boolean))];
      if (ids.length === 0 || ids.length > MAX_CARDS || !ids.every((id) => ZUuid.safeParse(id).success)) throw invalid('recordIds');
      const libraryId = request.query.libraryId ?? actor.libraryId ?? (actor.scopeKind === 'library' ? actor.scopeId : null);
      if (libraryId) {
        const scope = await resolveScope(db, actor);
        if (!scope.isAll && !scope.libraryIds.has(libraryId)) throw forbidden();
      }
      const records = await db
        .select({
          id: bibRecords.id,
          title: bibRecords.title,
          authors: bibRecords.authors,
          firstAuthor: bibRecords.firstAuthor,
          description: bibRecords.description,
          subjects: bibRecords.subjects,
          bbk: bibRecords.bbk,
          udc: bibRecords.udc,
        })
        .from(bibRecords)
        .where(and(inArray(bibRecords.id, ids), eq(bibRecords.isDeleted, false)));
      if (records.length !== ids.length) throw invalid('recordIds');
      // In the order of the inventory book, as the copies list has them ("9, 10, 100", not "10, 100, 9").
      const copies = libraryId
        ? await db
            .select({ recordId: items.recordId, inventoryNumber: items.inventoryNumber, callNumber: items.callNumber })
            .from(items)
            .where(and(inArray(items.recordId, ids), eq(items.libraryId, libraryId), ne(items.status, 'written_off')))
            .orderBy(asc(inventoryKey(items.inventoryNumber)), asc(items.id))
        : [];
      const byId = new Map(records.map((r) => [r.id, r]));
      const cards: CardRecord[] = ids.map((id) => {
        const record = byId.get(id)!;
        const own = copies.filter((c) => c.recordId === id);
        const heading = gostHeading(record);
        const description = heading && record.description.startsWith(heading) ? record.description.slice(heading.length).trim() : record.description;
        return {
          callNumber: callNumberOf(own, record),
          heading,
          description,
          subjects: record.subjects,
          bbk: record.bbk,
          udc: record.udc,
          inventoryNumbers: own.map((c) => c.inventoryNumber),
        };
      });
      const pdf = await renderCards(cards, { layout: request.query.layout });
      return reply.type('application/pdf').header('content-disposition', 'inline; filename="cards.pdf"').send(pdf);
    },
  );
}

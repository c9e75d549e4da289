/** Routes of the loan desk: reader panel, checkout, return, renewal, in-library use, undo, visits. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../app/auth';
import { notFound } from '../app/errors';
import type { App, AppContext } from '../app/http';
import { auditActor, problems } from '../app/route-helpers';
import { writeAudit } from '../audit';
import { checkOutItem, todayUtc } from './checkout.service';
import { circulationError } from './circulation.errors';
import { DESK_ROLES } from './circulation.policy';
import { requireDesk } from './circulation.route-helpers';
import { ZCheckout, ZInLibraryUse, ZManualVisits, ZRenew, ZReturn, ZUndo } from './circulation.schemas';
import { ZCheckoutOut, ZReaderPanel, ZRenewOut, ZReturnOut, ZVisitCount } from './circulation.route-schemas';
import { readerPanelByCard, readerPanelById } from './desk.service';
import { recordInLibraryUse, renewLoan } from './renew.service';
import { returnItem } from './return.service';
import { undoDeskAction } from './undo.service';
import { addManualVisits, countVisits } from './visits.service';

const ZPanelQuery = z.object({
  libraryId: z.uuid(),
  card: z.string().trim().min(1).max(40).optional(),
  readerId: z.uuid().optional(),
});

export function registerDeskRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/circulation/desk/reader',
    {
      schema: {
        tags: ['circulation'],
        summary:
          "The reader panel at a desk, by card number or reader id: loans, due dates, holds, blocks, age (librarian, director, network admin at their library's desk)",
        querystring: ZPanelQuery,
        response: { 200: ZReaderPanel, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { actor, lib } = await requireDesk(db, request, request.query.libraryId);
      const { card, readerId } = request.query;
      const panel = card
        ? await readerPanelByCard(db, card, actor.language)
        : readerId
          ? await readerPanelById(db, readerId, actor.language)
          : null;
      if (!panel) throw circulationError('unknown_card', 'card');
      if (panel.reader.networkId !== lib.networkId) throw circulationError('other_network', 'card');
      // Opening a reader by their card is a view of their personal data, logged like the card page.
      if (card) {
        await writeAudit(db, auditActor(request, actor), {
          action: 'reader.view',
          objectType: 'reader',
          objectId: panel.reader.id,
          networkId: panel.reader.networkId,
          libraryId: lib.id,
          summary: panel.reader.cardNumber,
        });
      }
      return panel;
    },
  );

  api.post(
    '/api/v1/circulation/checkout',
    {
      schema: {
        tags: ['circulation'],
        summary:
          "Lend a copy to a reader by its barcode, due date from the loan rules (librarian, director, network admin at their library's desk)",
        body: ZCheckout,
        response: { 201: ZCheckoutOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { actor, lib } = await requireDesk(db, request, request.body.libraryId);
      const result = await checkOutItem(db, auditActor(request, actor), lib, request.body);
      return reply.code(201).send(result);
    },
  );

  api.post(
    '/api/v1/circulation/return',
    {
      schema: {
        tags: ['circulation'],
        summary:
          "Return a copy by its barcode (or receive one in transit); says where it goes next: shelf, hold shelf, or which branch (librarian, director, network admin at their library's desk)",
        body: ZReturn,
        response: { 200: ZReturnOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { actor, lib } = await requireDesk(db, request, request.body.libraryId);
      return returnItem(db, auditActor(request, actor), lib, request.body.barcode);
    },
  );

  api.post(
    '/api/v1/circulation/renew',
    {
      schema: {
        tags: ['circulation'],
        summary:
          "Renew a loan by the copy's barcode or the loan id (librarian, director, network admin at their library's desk)",
        body: ZRenew,
        response: { 200: ZRenewOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { actor, lib } = await requireDesk(db, request, request.body.libraryId);
      const { barcode, loanId } = request.body;
      const ref = loanId ? { loanId } : barcode ? { barcode } : null;
      if (!ref) throw circulationError('not_on_loan', 'barcode');
      return renewLoan(db, auditActor(request, actor), ref, { desk: lib });
    },
  );

  api.post(
    '/api/v1/circulation/in-library-use',
    {
      schema: {
        tags: ['circulation'],
        summary:
          "Record in-library (reading room) use of a copy by a reader, counted apart from loans (librarian, director, network admin at their library's desk)",
        body: ZInLibraryUse,
        response: {
          201: z.object({ id: z.uuid(), barcode: z.string(), title: z.string() }),
          ...problems(401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const { actor, lib } = await requireDesk(db, request, request.body.libraryId);
      const used = await recordInLibraryUse(
        db,
        auditActor(request, actor),
        lib,
        request.body.readerId,
        request.body.barcode,
      );
      return reply.code(201).send(used);
    },
  );

  api.post(
    '/api/v1/circulation/undo',
    {
      schema: {
        tags: ['circulation'],
        summary:
          'Undo one of their own checkouts, returns or renewals within 60 seconds (the librarian, director or network admin who did it)',
        body: ZUndo,
        response: {
          200: z.object({ kind: z.enum(['checkout', 'return', 'renew']), loanId: z.uuid() }),
          ...problems(401, 403, 404, 409, 422),
        },
      },
    },
    async (request) => {
      const actor = requireRole(request, DESK_ROLES);
      const undone = await undoDeskAction(db, { ...auditActor(request, actor), id: actor.id }, request.body.actionId);
      if (!undone) throw notFound();
      return undone;
    },
  );

  api.get(
    '/api/v1/circulation/visits',
    {
      schema: {
        tags: ['circulation'],
        summary:
          "A library's visits on a day: readers counted from transactions plus the manual counter (librarian, director, network admin of the library)",
        querystring: z.object({
          libraryId: z.uuid(),
          day: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date' })
            .optional(),
        }),
        response: { 200: ZVisitCount, ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const { lib } = await requireDesk(db, request, request.query.libraryId);
      return countVisits(db, lib.id, request.query.day ?? todayUtc());
    },
  );

  api.post(
    '/api/v1/circulation/visits',
    {
      schema: {
        tags: ['circulation'],
        summary:
          'Add visits without a transaction (reading room, events) to the manual counter (librarian, director, network admin of the library)',
        body: ZManualVisits,
        response: { 200: ZVisitCount, ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const { actor, lib } = await requireDesk(db, request, request.body.libraryId);
      return addManualVisits(db, auditActor(request, actor), lib, request.body.add, request.body.day ?? todayUtc());
    },
  );
}

/** Routes of overdue loans: the list per library, its export, e-mail notices and printable letters. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App, AppServices } from '../app/http';
import { requestLanguage, t } from '../app/i18n';
import { auditActor, problems, ZPaged, ZPageQuery } from '../app/route-helpers';
import { buildXlsx, sendXlsx } from '../app/xlsx';
import { findLibrary } from '../network';
import { todayUtc } from './checkout.service';
import { circulationError } from './circulation.errors';
import { requireDesk } from './circulation.route-helpers';
import { ZOverdueRow } from './circulation.route-schemas';
import { noticeText, renderOverdueLetters } from './overdue-letters';
import { listOverdue, overdueLetters, recordNotices, type OverdueRow } from './overdue.service';

const ZOverdueQuery = ZPageQuery.extend({ libraryId: z.uuid(), q: z.string().trim().max(100).optional() });
const ZLibraryQuery = z.object({ libraryId: z.uuid() });

export function registerOverdueRoutes(app: App, { database, mail }: AppServices) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/circulation/overdue',
    {
      schema: {
        tags: ['circulation'],
        summary: "Overdue loans lent at a library, oldest first, searchable by name, card or barcode (librarian, director, network admin of the library)",
        querystring: ZOverdueQuery,
        response: { 200: ZPaged(ZOverdueRow), ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const { lib } = await requireDesk(db, request, request.query.libraryId);
      return listOverdue(db, lib.id, request.query);
    },
  );

  api.get(
    '/api/v1/circulation/overdue.xlsx',
    {
      schema: {
        tags: ['circulation'],
        summary: "Overdue loans of a library as XLSX (librarian, director, network admin of the library)",
        querystring: ZOverdueQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const { lib } = await requireDesk(db, request, request.query.libraryId);
      const lang = requestLanguage(request);
      const { items } = await listOverdue(db, lib.id, { q: request.query.q, page: 1, pageSize: 50_000 });
      const en = lang === 'en';
      const ky = lang === 'ky';
      const head = (ru: string, kyText: string, enText: string) => (en ? enText : ky ? kyText : ru);
      const body = await buildXlsx<OverdueRow>(head('Задолженности', 'Карыздар', 'Overdue'), [
        { header: head('Билет', 'Билет', 'Card'), value: (r) => r.cardNumber },
        { header: head('Читатель', 'Окурман', 'Reader'), width: 30, value: (r) => r.readerName },
        { header: head('Телефон', 'Телефон', 'Phone'), value: (r) => r.phone },
        { header: 'E-mail', value: (r) => r.email },
        { header: head('Штрихкод', 'Штрихкод', 'Barcode'), value: (r) => r.barcode },
        { header: head('Заглавие', 'Аталышы', 'Title'), width: 40, value: (r) => r.title },
        { header: head('Срок возврата', 'Кайтаруу мөөнөтү', 'Due date'), value: (r) => r.dueOn },
        { header: head('Дней просрочки', 'Кечиккен күн', 'Days overdue'), value: (r) => r.daysOverdue },
      ], items);
      return sendXlsx(reply, `overdue-${todayUtc()}.xlsx`, body);
    },
  );

  api.get(
    '/api/v1/circulation/overdue/letters.pdf',
    {
      schema: {
        tags: ['circulation'],
        summary: 'Printable overdue letters of a library, one reader a page (librarian, director, network admin of the library); recorded as sent',
        querystring: ZLibraryQuery,
      },
    },
    async (request, reply) => {
      const { actor, lib } = await requireDesk(db, request, request.query.libraryId);
      const library = (await findLibrary(db, lib.id))!;
      const letters = await overdueLetters(db, lib.id);
      const pdf = await renderOverdueLetters(requestLanguage(request), library.name, letters, todayUtc());
      await recordNotices(db, auditActor(request, actor), lib, letters.flatMap((l) => l.loans.map((x) => x.loanId)), 'letter');
      return reply.type('application/pdf').header('content-disposition', 'inline; filename="overdue-letters.pdf"').send(pdf);
    },
  );

  api.post(
    '/api/v1/circulation/overdue/notices',
    {
      schema: {
        tags: ['circulation'],
        summary: 'E-mail overdue notices to the readers of a library who have an address (librarian, director, network admin of the library)',
        body: ZLibraryQuery,
        response: { 200: z.object({ sent: z.number().int(), withoutEmail: z.number().int(), failed: z.number().int() }), ...problems(401, 403, 409, 422) },
      },
    },
    async (request) => {
      const { actor, lib } = await requireDesk(db, request, request.body.libraryId);
      if (!mail.enabled) throw circulationError('mail_off');
      const lang = requestLanguage(request);
      const library = (await findLibrary(db, lib.id))!;
      const letters = await overdueLetters(db, lib.id);
      let sent = 0;
      let failed = 0;
      const noticed: string[] = [];
      for (const letter of letters) {
        if (!letter.email) continue;
        const { subject, text } = noticeText(lang, library.name, letter);
        try {
          await mail.send({ to: letter.email, subject, text });
          sent++;
          noticed.push(...letter.loans.map((l) => l.loanId));
        } catch (error) {
          request.log.warn({ err: error }, t(lang, 'circulation.mail_off'));
          failed++;
        }
      }
      await recordNotices(db, auditActor(request, actor), lib, noticed, 'email');
      return { sent, withoutEmail: letters.filter((l) => !l.email).length, failed };
    },
  );
}

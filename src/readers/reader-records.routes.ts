/**
 * Routes: duplicates and merging, what a reader has from the loan desk, and a reader's own data on
 * request (export as JSON or PDF, erasure keeping anonymous statistics).
 */
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../app/db';
import { forbidden } from '../app/errors';
import type { App, AppContext } from '../app/http';
import { requestLanguage } from '../app/i18n';
import { auditActor, problems, ZIdParams } from '../app/route-helpers';
import { writeAudit } from '../audit';
import { listOpenLoans } from '../circulation';
import { resolveScope } from '../network';
import { LANGUAGES } from '../staff/staff.schemas';
import { categoryName, findCategory } from './categories.service';
import type { TLanguage } from '../staff/staff.schemas';
import { eraseReader } from './erase.service';
import { mergeReaders } from './merge.service';
import { collectReaderData, renderReaderData } from './reader-data';
import { readerProblem, toReaderProblem } from './readers.errors';
import { readerStaff, servedReader } from './readers.route-guards';
import { ZDuplicateQuery, ZReaderLoans, ZReaderOut, ZReaderRow } from './readers.route-schemas';
import { canEraseReadersOf, canServeReadersOf } from './readers.policy';
import { findDuplicates, findReader, readerRow, type Reader } from './readers.service';
import { readerView } from './readers.routes';

const sendFile = (reply: FastifyReply, type: string, filename: string, body: string | Buffer) =>
  reply.type(type).header('content-disposition', `attachment; filename="${filename}"`).send(body);

export function registerReaderRecordRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  const rows = async (readers: Reader[], lang: TLanguage) =>
    Promise.all(
      readers.map(async (r) => {
        const category = await findCategory(db, r.categoryId);
        return readerRow(r, category ? categoryName(category, lang) : '', null);
      }),
    );

  api.get(
    '/api/v1/readers/duplicates',
    {
      schema: {
        tags: ['readers'],
        summary:
          'Readers of a network with the same name and birth date as a person being registered (network admin, director, librarian)',
        querystring: ZDuplicateQuery,
        response: { 200: z.array(ZReaderRow), ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const actor = readerStaff(request);
      if (!canServeReadersOf(actor.role, await resolveScope(db, actor), request.query.networkId)) throw forbidden();
      return rows(await findDuplicates(db, request.query.networkId, request.query), actor.language);
    },
  );

  api.get(
    '/api/v1/readers/:id/duplicates',
    {
      schema: {
        tags: ['readers'],
        summary:
          "Other readers with this reader's name and birth date, to merge (network admin, director, librarian of the network)",
        params: ZIdParams,
        response: { 200: z.array(ZReaderRow), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const { actor, reader } = await servedReader(db, request, request.params.id);
      if (!reader.birthDate || reader.isAnonymised || reader.mergedIntoId) return [];
      const person = { ...reader, birthDate: reader.birthDate };
      return rows(await findDuplicates(db, reader.networkId, person, reader.id), actor.language);
    },
  );

  api.get(
    '/api/v1/readers/:id/loans',
    {
      schema: {
        tags: ['readers'],
        summary:
          "A reader's open loans, number of loans and visits (network admin, director, librarian of the reader's network)",
        params: ZIdParams,
        response: { 200: ZReaderLoans, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const { reader } = await servedReader(db, request, request.params.id);
      const [open, counts] = await Promise.all([
        listOpenLoans(db, reader.id),
        db.execute(sql`select (select count(*)::int from loans where reader_id = ${reader.id}) as loans,
                              (select count(*)::int from reader_visits where reader_id = ${reader.id}) as visits`),
      ]);
      const n = rowsOf<{ loans: number; visits: number }>(counts)[0];
      return { open, totalLoans: Number(n?.loans ?? 0), visits: Number(n?.visits ?? 0) };
    },
  );

  api.post(
    '/api/v1/readers/:id/merge',
    {
      schema: {
        tags: ['readers'],
        summary:
          'Merge a duplicate into this reader: loans, holds, registrations and visits move here (network admin, director, librarian of the network)',
        params: ZIdParams,
        body: z.object({ duplicateId: z.uuid() }),
        response: { 200: ZReaderOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { actor, reader } = await servedReader(db, request, request.params.id);
      const duplicate = await findReader(db, request.body.duplicateId);
      if (!duplicate || duplicate.networkId !== reader.networkId)
        throw readerProblem(409, 'other_network', 'readers.other_network');
      const same = reader.nameFolded === duplicate.nameFolded && reader.birthDate === duplicate.birthDate;
      if (!same) throw readerProblem(409, 'merge_not_duplicate', 'readers.merge_not_duplicate');
      const { survivor } = await mergeReaders(db, auditActor(request, actor), reader.id, duplicate.id).catch(
        toReaderProblem,
      );
      return readerView(db, survivor, actor.libraryId, actor.language);
    },
  );

  api.get(
    '/api/v1/readers/:id/data.json',
    {
      schema: {
        tags: ['readers'],
        summary:
          "Everything held about a reader, on the reader's request; logged (network admin, director, librarian of the network)",
        params: ZIdParams,
        response: problems(401, 403, 404),
      },
    },
    async (request, reply) => {
      const { actor, reader } = await servedReader(db, request, request.params.id);
      const data = await collectReaderData(db, reader);
      await writeAudit(db, auditActor(request, actor), {
        action: 'reader.data_export',
        objectType: 'reader',
        objectId: reader.id,
        networkId: reader.networkId,
        summary: reader.cardNumber,
      });
      return sendFile(
        reply,
        'application/json; charset=utf-8',
        `reader-${reader.cardNumber}.json`,
        JSON.stringify(data, null, 2),
      );
    },
  );

  api.get(
    '/api/v1/readers/:id/data.pdf',
    {
      schema: {
        tags: ['readers'],
        summary:
          'Everything held about a reader as a readable PDF; logged (network admin, director, librarian of the network)',
        params: ZIdParams,
        querystring: z.object({ language: z.enum(LANGUAGES).optional() }),
        response: problems(401, 403, 404),
      },
    },
    async (request, reply) => {
      const { actor, reader } = await servedReader(db, request, request.params.id);
      const data = await collectReaderData(db, reader);
      await writeAudit(db, auditActor(request, actor), {
        action: 'reader.data_export',
        objectType: 'reader',
        objectId: reader.id,
        networkId: reader.networkId,
        summary: reader.cardNumber,
      });
      const pdf = await renderReaderData(request.query.language ?? requestLanguage(request), data);
      return sendFile(reply, 'application/pdf', `reader-${reader.cardNumber}.pdf`, pdf);
    },
  );

  api.post(
    '/api/v1/readers/:id/erase',
    {
      schema: {
        tags: ['readers'],
        summary:
          "Erase a reader's personal data on request, keeping anonymous statistics; refused while loans are open (network admin, director)",
        params: ZIdParams,
        body: z.object({}).optional(),
        response: { 200: ZReaderOut, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { actor, reader, scope } = await servedReader(db, request, request.params.id);
      if (!canEraseReadersOf(actor.role, scope, reader.networkId)) throw forbidden();
      const erased = await eraseReader(db, auditActor(request, actor), reader);
      return readerView(db, erased, actor.libraryId, actor.language);
    },
  );
}

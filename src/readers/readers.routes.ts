/** Routes: readers of a network — search, register, card (each view logged), change, re-register, block. */
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, type Actor } from '../app/auth';
import { forbidden, notFound } from '../app/errors';
import type { App, AppContext } from '../app/http';
import { requestLanguage, t } from '../app/i18n';
import type { TLanguage } from '../staff/staff.schemas';
import { auditActor, problems, ZIdParams, ZPaged } from '../app/route-helpers';
import { buildXlsx, sendXlsx } from '../app/xlsx';
import type { Db } from '../app/db';
import { findLibrary, resolveScope } from '../network';
import { categoryName, findCategory } from './categories.service';
import { fieldProblem, toReaderProblem } from './readers.errors';
import { canRegisterAt, canServeReadersOf, READER_STAFF_ROLES, readerNetworks } from './readers.policy';
import { ZCardParams, ZReaderOut, ZReaderQuery, ZReaderRow } from './readers.route-schemas';
import { ZBlock, ZReaderRegistration, ZReaderUpdate, ZReRegistration } from './readers.schemas';
import {
  findReader,
  findReaderByCard,
  listReaders,
  logReaderView,
  readerRow,
  registerReader,
  setBlocked,
  todayIso,
  updateReader,
  type Reader,
} from './readers.service';
import { isRegistrationValid, listRegistrations, reRegister } from './registrations.service';
import { readersCsv } from './readers.export';

/** The full card of a reader as the API shows it. */
export async function readerView(db: Db, reader: Reader, hereLibraryId: string | null, lang: TLanguage) {
  const category = await findCategory(db, reader.categoryId);
  const regs = await listRegistrations(db, reader.id);
  const row = readerRow(reader, category ? categoryName(category, lang) : '', regs[0]?.registration.year ?? null);
  return {
    ...row,
    sex: reader.sex,
    email: reader.email,
    address: reader.address,
    notes: reader.notes,
    guardianName: reader.guardianName,
    guardianRelation: reader.guardianRelation,
    guardianPhone: reader.guardianPhone,
    consentDate: reader.consentDate,
    consentVersion: reader.consentVersion,
    homeLibraryId: reader.homeLibraryId,
    blockReason: reader.blockReason,
    blockedAt: reader.blockedAt,
    anonymisedAt: reader.anonymisedAt,
    mergedIntoId: reader.mergedIntoId,
    hasPassword: reader.passwordHash !== null,
    createdAt: reader.createdAt,
    updatedAt: reader.updatedAt,
    registrations: regs.map(({ registration: r, libraryName }) => ({
      id: r.id,
      libraryId: r.libraryId,
      libraryName,
      year: r.year,
      kind: r.kind,
      registeredOn: r.registeredOn,
      expiresOn: r.expiresOn,
    })),
    isValidHere: hereLibraryId ? await isRegistrationValid(db, reader, { id: hereLibraryId }) : null,
  };
}

export function registerReaderRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** The caller, if they serve readers at all (403 otherwise). */
  function readerStaff(request: FastifyRequest): Actor {
    const actor = requireActor(request);
    if (!READER_STAFF_ROLES.includes(actor.role)) throw forbidden();
    return actor;
  }

  /** A reader the caller may see: 403 outside their network, 404 when unknown. */
  async function servedReader(request: FastifyRequest, id: string) {
    const actor = readerStaff(request);
    const reader = await findReader(db, id);
    if (!reader) throw notFound();
    if (!canServeReadersOf(actor.role, await resolveScope(db, actor), reader.networkId)) throw forbidden();
    return { actor, reader };
  }

  /** A library of the caller's scope where readers are registered: 422 when unknown, 403 outside scope. */
  async function deskLibrary(request: FastifyRequest, actor: Actor, libraryId: string) {
    const lib = await findLibrary(db, libraryId);
    if (!lib) throw fieldProblem('libraryId', 'invalid', 'validation.invalid');
    if (!canRegisterAt(actor.role, await resolveScope(db, actor), lib)) throw forbidden();
    return lib;
  }

  async function visibleNetworks(actor: Actor) {
    return readerNetworks(actor.role, await resolveScope(db, actor));
  }

  api.get(
    '/api/v1/readers',
    {
      schema: {
        tags: ['readers'],
        summary:
          'Readers of their network, searched by name, card number or phone, paged (network admin, director, librarian)',
        querystring: ZReaderQuery,
        response: { 200: ZPaged(ZReaderRow), ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const actor = readerStaff(request);
      const result = await listReaders(db, request.query, await visibleNetworks(actor), actor.language);
      return { ...result, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  for (const format of ['xlsx', 'csv'] as const) {
    api.get(
      `/api/v1/readers.${format}`,
      {
        schema: {
          tags: ['readers'],
          summary: `Readers of their network as ${format.toUpperCase()}, with the list's filters (network admin, director, librarian)`,
          querystring: ZReaderQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (request, reply) => {
        const actor = readerStaff(request);
        const { items } = await listReaders(
          db,
          { ...request.query, page: 1, pageSize: 200000 },
          await visibleNetworks(actor),
          requestLanguage(request),
        );
        const lang = requestLanguage(request);
        const columns = [
          { header: t(lang, 'readers.col.card'), value: (r: (typeof items)[number]) => r.cardNumber, width: 14 },
          { header: t(lang, 'readers.col.surname'), value: (r: (typeof items)[number]) => r.surname, width: 20 },
          { header: t(lang, 'readers.col.first_name'), value: (r: (typeof items)[number]) => r.firstName, width: 16 },
          { header: t(lang, 'readers.col.patronymic'), value: (r: (typeof items)[number]) => r.patronymic, width: 18 },
          { header: t(lang, 'readers.col.birth_year'), value: (r: (typeof items)[number]) => r.birthYear, width: 10 },
          {
            header: t(lang, 'readers.col.age_group'),
            value: (r: (typeof items)[number]) => t(lang, `readers.age.${r.ageGroup}`),
            width: 12,
          },
          { header: t(lang, 'readers.col.category'), value: (r: (typeof items)[number]) => r.categoryName, width: 20 },
          { header: t(lang, 'readers.col.phone'), value: (r: (typeof items)[number]) => r.phone, width: 16 },
          { header: t(lang, 'readers.col.last_year'), value: (r: (typeof items)[number]) => r.lastYear, width: 10 },
          {
            header: t(lang, 'readers.col.blocked'),
            value: (r: (typeof items)[number]) => (r.isBlocked ? t(lang, 'readers.yes') : ''),
            width: 10,
          },
        ];
        if (format === 'csv') {
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', 'attachment; filename="readers.csv"')
            .send(readersCsv(columns, items));
        }
        return sendXlsx(reply, 'readers.xlsx', await buildXlsx(t(lang, 'readers.sheet'), columns, items));
      },
    );
  }

  api.post(
    '/api/v1/readers',
    {
      schema: {
        tags: ['readers'],
        summary: 'Register a new reader at a library of their scope, with consent (network admin, director, librarian)',
        body: ZReaderRegistration,
        response: { 201: ZReaderOut, ...problems(401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = readerStaff(request);
      const lib = await deskLibrary(request, actor, request.body.libraryId);
      const reader = await registerReader(db, auditActor(request, actor), lib, request.body).catch(toReaderProblem);
      return reply.code(201).send(await readerView(db, reader, lib.id, actor.language));
    },
  );

  api.get(
    '/api/v1/readers/:id',
    {
      schema: {
        tags: ['readers'],
        summary:
          "A reader's card with registrations; every view is logged (network admin, director, librarian of the reader's network)",
        params: ZIdParams,
        response: { 200: ZReaderOut, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const { actor, reader } = await servedReader(request, request.params.id);
      await logReaderView(db, auditActor(request, actor), reader, actor.libraryId);
      return readerView(db, reader, actor.libraryId, actor.language);
    },
  );

  api.get(
    '/api/v1/readers/by-card/:cardNumber',
    {
      schema: {
        tags: ['readers'],
        summary:
          'The reader holding a card (scanned at the desk); the view is logged (network admin, director, librarian of the network)',
        params: ZCardParams,
        response: { 200: ZReaderOut, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = readerStaff(request);
      const reader = await findReaderByCard(db, request.params.cardNumber);
      if (!reader) throw notFound();
      if (!canServeReadersOf(actor.role, await resolveScope(db, actor), reader.networkId)) throw forbidden();
      await logReaderView(db, auditActor(request, actor), reader, actor.libraryId);
      return readerView(db, reader, actor.libraryId, actor.language);
    },
  );

  api.put(
    '/api/v1/readers/:id',
    {
      schema: {
        tags: ['readers'],
        summary: "Change a reader's data (network admin, director, librarian of the reader's network)",
        params: ZIdParams,
        body: ZReaderUpdate,
        response: { 200: ZReaderOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { actor, reader } = await servedReader(request, request.params.id);
      const updated = await updateReader(db, auditActor(request, actor), reader, request.body).catch(toReaderProblem);
      return readerView(db, updated, actor.libraryId, actor.language);
    },
  );

  api.post(
    '/api/v1/readers/:id/registrations',
    {
      schema: {
        tags: ['readers'],
        summary:
          'Register or re-register (yearly) a reader at a library of their scope (network admin, director, librarian)',
        params: ZIdParams,
        body: ZReRegistration,
        response: { 201: ZReaderOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { actor, reader } = await servedReader(request, request.params.id);
      const lib = await deskLibrary(request, actor, request.body.libraryId);
      await reRegister(db, auditActor(request, actor), reader, lib, request.body.date ?? todayIso()).catch(
        toReaderProblem,
      );
      return reply.code(201).send(await readerView(db, reader, actor.libraryId, actor.language));
    },
  );

  api.post(
    '/api/v1/readers/:id/block',
    {
      schema: {
        tags: ['readers'],
        summary: 'Block a reader, with the reason (network admin, director, librarian of the network)',
        params: ZIdParams,
        body: ZBlock,
        response: { 200: ZReaderOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { actor, reader } = await servedReader(request, request.params.id);
      const updated = await setBlocked(
        db,
        auditActor(request, actor),
        reader,
        true,
        request.body.reason,
        actor.libraryId ?? undefined,
      );
      return readerView(db, updated, actor.libraryId, actor.language);
    },
  );

  api.post(
    '/api/v1/readers/:id/unblock',
    {
      schema: {
        tags: ['readers'],
        summary: 'Lift a block (network admin, director, librarian of the network)',
        params: ZIdParams,
        body: z.object({}).optional(),
        response: { 200: ZReaderOut, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const { actor, reader } = await servedReader(request, request.params.id);
      const updated = await setBlocked(db, auditActor(request, actor), reader, false, '', actor.libraryId ?? undefined);
      return readerView(db, updated, actor.libraryId, actor.language);
    },
  );
}

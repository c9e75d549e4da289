/** Routes: networks, libraries, passports and service points. */
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../app/auth';
import { AppError, forbidden, notFound } from '../app/errors';
import type { App, AppContext } from '../app/http';
import { requestLanguage, t } from '../app/i18n';
import { auditActor, problems, ZIdParams, ZPaged, ZPageQuery, ZQueryBool, ZTimestamp } from '../app/route-helpers';
import { buildXlsx, sendXlsx } from '../app/xlsx';
import { staffUsers } from '../staff/staff.tables';
import {
  createLibrary,
  findLibrary,
  findNetwork,
  findServicePoint,
  libraryMunicipalityIds,
  listLibraries,
  listNetworks,
  listRegions,
  listServicePoints,
  networkOverview,
  saveServicePoint,
  updateLibrary,
  visibilityFromScope,
} from './libraries.service';
import { municipalities } from './network.tables';
import {
  canEditPassport,
  canManageNetwork,
  canMonitorLibrary,
  canReadLibrary,
  canReadNetwork,
  MANAGER_ROLES,
  PASSPORT_EDITOR_ROLES,
  STAFF_ROLES,
} from './network.policy';
import {
  ZNetworkOut,
  ZLibraryDetail,
  ZLibraryOut,
  ZLibraryRow,
  ZPassportOut,
  ZServicePointOut,
} from './network.route-schemas';
import { ZLibraryInput, ZLibraryKind, ZPassportData, ZServicePointInput } from './network.schemas';
import { resolveScope } from './network.scope';
import { findPassport, listPassportYears, savePassport } from './passports.service';

const ZLibraryQuery = ZPageQuery.extend({
  q: z.string().max(100).optional(),
  kind: ZLibraryKind.optional(),
  municipalityId: z.uuid().optional(),
  networkId: z.uuid().optional(),
  isActive: ZQueryBool.optional(),
});

const ZYearParams = z.object({ id: z.uuid(), year: z.coerce.number().int().min(1900).max(2200) });

export function registerLibraryRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** Loads a library the actor may read (404 when absent, 403 when outside their scope). */
  async function readableLibrary(request: FastifyRequest, id: string) {
    const actor = requireRole(request, STAFF_ROLES);
    const lib = await findLibrary(db, id);
    if (!lib) throw notFound();
    const scope = await resolveScope(db, actor);
    if (!canReadLibrary(actor.role, scope, lib)) throw forbidden();
    return { actor, lib, scope };
  }

  api.get(
    '/api/v1/regions',
    { schema: { tags: ['network'], summary: 'Regions (any staff)', response: { 200: z.array(z.object({ id: z.uuid(), name: z.string() })), ...problems(401, 403) } } },
    async (request) => {
      requireRole(request, STAFF_ROLES);
      return (await listRegions(db)).map(({ id, name }) => ({ id, name }));
    },
  );

  api.get(
    '/api/v1/networks',
    { schema: { tags: ['network'], summary: 'Library networks in scope (any staff)', response: { 200: z.array(ZNetworkOut), ...problems(401, 403) } } },
    async (request) => {
      const actor = requireRole(request, STAFF_ROLES);
      const scope = await resolveScope(db, actor);
      const all = await listNetworks(db, null);
      return all
        .filter((n) => canReadNetwork(actor.role, scope, n.id))
        .map((n) => ({ ...n, canManage: canManageNetwork(actor.role, scope, n.id) }));
    },
  );

  api.get(
    '/api/v1/overview',
    {
      schema: {
        tags: ['network'],
        summary: 'The network at a glance (any staff; counts over what they may see)',
        response: {
          200: z.object({
            librariesByKind: z.record(z.string(), z.number()),
            servicePoints: z.number(),
            needsRepair: z.number(),
            emergency: z.number(),
            withInternet: z.number(),
            computersForUsers: z.number(),
            population: z.number(),
            municipalities: z.number(),
          }),
          ...problems(401, 403),
        },
      },
    },
    async (request) => {
      const actor = requireRole(request, STAFF_ROLES);
      const scope = await resolveScope(db, actor);
      const visibility = visibilityFromScope(scope, actor.role);
      const overview = await networkOverview(db, visibility);
      const munis = await db.select({ id: municipalities.id, networkId: municipalities.networkId, population: municipalities.population }).from(municipalities);
      const seen = munis.filter((m) => scope.isAll || scope.municipalityIds.has(m.id) || (actor.role !== 'municipal_official' && scope.readNetworkIds.has(m.networkId)));
      return { ...overview, population: seen.reduce((s, m) => s + (m.population ?? 0), 0), municipalities: seen.length };
    },
  );

  api.get(
    '/api/v1/libraries',
    {
      schema: {
        tags: ['network'],
        summary: 'Libraries in scope, searchable and paged (any staff)',
        querystring: ZLibraryQuery,
        response: { 200: ZPaged(ZLibraryRow), ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, STAFF_ROLES);
      const scope = await resolveScope(db, actor);
      const result = await listLibraries(db, request.query, visibilityFromScope(scope, actor.role));
      return { ...result, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  api.get(
    '/api/v1/libraries.xlsx',
    {
      schema: {
        tags: ['network'],
        summary: 'The libraries list as XLSX, with the same filters (any staff)',
        querystring: ZLibraryQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, STAFF_ROLES);
      const scope = await resolveScope(db, actor);
      const lang = requestLanguage(request);
      const { items } = await listLibraries(db, { ...request.query, page: 1, pageSize: 100000 }, visibilityFromScope(scope, actor.role));
      const body = await buildXlsx(
        t(lang, 'sheet.libraries'),
        [
          { header: t(lang, 'col.network'), value: (r) => r.networkName, width: 16 },
          { header: t(lang, 'col.kind'), value: (r) => t(lang, `kind.${r.kind}`), width: 22 },
          { header: t(lang, 'col.number'), value: (r) => r.number, width: 6 },
          { header: t(lang, 'col.name'), value: (r) => r.name, width: 36 },
          { header: t(lang, 'col.settlement'), value: (r) => r.settlement },
          { header: t(lang, 'col.municipalities'), value: (r) => r.municipalities, width: 30 },
          { header: t(lang, 'col.address'), value: (r) => r.address, width: 40 },
          { header: t(lang, 'col.phone'), value: (r) => r.phone },
          { header: t(lang, 'col.code'), value: (r) => r.code, width: 12 },
          { header: t(lang, 'col.active'), value: (r) => t(lang, r.isActive ? 'col.yes' : 'col.no'), width: 10 },
        ],
        items,
      );
      return sendXlsx(reply, 'libraries.xlsx', body);
    },
  );

  api.post(
    '/api/v1/networks/:id/libraries',
    {
      schema: {
        tags: ['network'],
        summary: 'Add a library to a network (network admin, director, methodologist of that network)',
        params: ZIdParams,
        body: ZLibraryInput,
        response: { 201: ZLibraryOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, MANAGER_ROLES);
      const network = await findNetwork(db, request.params.id);
      if (!network) throw notFound();
      const scope = await resolveScope(db, actor);
      if (!canManageNetwork(actor.role, scope, network.id)) throw forbidden();
      const lib = await createLibrary(db, auditActor(request, actor), network.id, request.body).catch(mapMunicipalityError);
      return reply.code(201).send(lib);
    },
  );

  api.get(
    '/api/v1/libraries/:id',
    {
      schema: {
        tags: ['network'],
        summary: 'A library with its municipalities, service points and staff (staff who may read it)',
        params: ZIdParams,
        response: { 200: ZLibraryDetail, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const { actor, lib, scope } = await readableLibrary(request, request.params.id);
      const network = await findNetwork(db, lib.networkId);
      const muniIds = await libraryMunicipalityIds(db, lib.id);
      const munis = muniIds.length
        ? (await db.select().from(municipalities)).filter((m) => muniIds.includes(m.id))
        : [];
      const staff = await db
        .select({ id: staffUsers.id, fullName: staffUsers.fullName, position: staffUsers.position, role: staffUsers.role })
        .from(staffUsers)
        .where(eq(staffUsers.libraryId, lib.id));
      const years = await listPassportYears(db, lib.id);
      return {
        ...lib,
        networkName: network?.shortName ?? '',
        municipalities: munis.map((m) => ({ id: m.id, name: m.name, kind: m.kind })),
        servicePoints: await listServicePoints(db, lib.id),
        staff: actor.role === 'municipal_official' ? [] : staff,
        passportYear: years[0]?.year ?? null,
        permissions: {
          canEditPassport: canEditPassport(actor.role, scope, lib),
          canManage: canManageNetwork(actor.role, scope, lib.networkId),
          canMonitor: canMonitorLibrary(actor.role, scope, lib),
        },
      };
    },
  );

  api.put(
    '/api/v1/libraries/:id',
    {
      schema: {
        tags: ['network'],
        summary: "Change a library's name, number, kind, municipalities (network admin, director, methodologist)",
        params: ZIdParams,
        body: ZLibraryInput,
        response: { 200: ZLibraryOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, MANAGER_ROLES);
      const lib = await findLibrary(db, request.params.id);
      if (!lib) throw notFound();
      const scope = await resolveScope(db, actor);
      if (!canManageNetwork(actor.role, scope, lib.networkId)) throw forbidden();
      return updateLibrary(db, auditActor(request, actor), lib, request.body).catch(mapMunicipalityError);
    },
  );

  api.get(
    '/api/v1/libraries/:id/passports',
    {
      schema: {
        tags: ['passport'],
        summary: 'Years for which the library has a passport (staff who may read it)',
        params: ZIdParams,
        response: { 200: z.array(z.object({ year: z.number().int(), updatedAt: ZTimestamp })), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const { lib } = await readableLibrary(request, request.params.id);
      return (await listPassportYears(db, lib.id)).map(({ year, updatedAt }) => ({ year, updatedAt }));
    },
  );

  api.get(
    '/api/v1/libraries/:id/passports/:year',
    {
      schema: {
        tags: ['passport'],
        summary: 'The passport of a year; an unsaved year starts from the latest passport (staff who may read it)',
        params: ZYearParams,
        response: { 200: ZPassportOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { lib } = await readableLibrary(request, request.params.id);
      return findPassport(db, lib.id, request.params.year);
    },
  );

  api.put(
    '/api/v1/libraries/:id/passports/:year',
    {
      schema: {
        tags: ['passport'],
        summary: "Save a year's passport (network admin, director, methodologist in scope; a librarian: own library)",
        params: ZYearParams,
        body: ZPassportData,
        response: { 200: ZPassportOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, PASSPORT_EDITOR_ROLES);
      const lib = await findLibrary(db, request.params.id);
      if (!lib) throw notFound();
      const scope = await resolveScope(db, actor);
      if (!canEditPassport(actor.role, scope, lib)) throw forbidden();
      const row = await savePassport(db, auditActor(request, actor), lib, request.params.year, request.body);
      return { year: row.year, data: row.data, updatedAt: row.updatedAt, isSaved: true };
    },
  );

  api.get(
    '/api/v1/libraries/:id/service-points',
    {
      schema: {
        tags: ['network'],
        summary: "A library's service points (staff who may read it)",
        params: ZIdParams,
        response: { 200: z.array(ZServicePointOut), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const { lib } = await readableLibrary(request, request.params.id);
      return listServicePoints(db, lib.id);
    },
  );

  api.post(
    '/api/v1/libraries/:id/service-points',
    {
      schema: {
        tags: ['network'],
        summary: 'Add a service point: deposit, mobile stop, home delivery (passport editors of the library)',
        params: ZIdParams,
        body: ZServicePointInput,
        response: { 201: ZServicePointOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, PASSPORT_EDITOR_ROLES);
      const lib = await findLibrary(db, request.params.id);
      if (!lib) throw notFound();
      if (!canEditPassport(actor.role, await resolveScope(db, actor), lib)) throw forbidden();
      return reply.code(201).send(await saveServicePoint(db, auditActor(request, actor), lib, request.body));
    },
  );

  api.put(
    '/api/v1/service-points/:id',
    {
      schema: {
        tags: ['network'],
        summary: 'Change a service point (passport editors of its library)',
        params: ZIdParams,
        body: ZServicePointInput,
        response: { 200: ZServicePointOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, PASSPORT_EDITOR_ROLES);
      const point = await findServicePoint(db, request.params.id);
      const lib = point ? await findLibrary(db, point.libraryId) : null;
      if (!point || !lib) throw notFound();
      if (!canEditPassport(actor.role, await resolveScope(db, actor), lib)) throw forbidden();
      return saveServicePoint(db, auditActor(request, actor), lib, request.body, point.id);
    },
  );
}

function mapMunicipalityError(error: unknown): never {
  if (error instanceof RangeError && error.message === 'municipalityIds') {
    throw new AppError(422, 'validation_failed', 'error.validation', [
      { field: 'municipalityIds', code: 'invalid', key: 'validation.invalid' },
    ]);
  }
  throw error;
}

/** Routes: municipalities (айыл окмоту / МО) and the libraries serving them. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../app/auth';
import { forbidden, notFound } from '../app/errors';
import type { App, AppContext } from '../app/http';
import { requestLanguage, t } from '../app/i18n';
import { auditActor, problems, ZIdParams, ZPaged, ZPageQuery } from '../app/route-helpers';
import { buildXlsx, sendXlsx } from '../app/xlsx';
import { findNetwork } from './libraries.service';
import {
  createMunicipality,
  findMunicipality,
  librariesServing,
  listMunicipalities,
  updateMunicipality,
} from './municipalities.service';
import { canEditMunicipality, canManageNetwork, canReadMunicipality, MANAGER_ROLES, STAFF_ROLES } from './network.policy';
import { ZMunicipalityOut, ZMunicipalityRow } from './network.route-schemas';
import { ZLibraryKind, ZMunicipalityInput } from './network.schemas';
import { resolveScope, type ResolvedScope } from './network.scope';

const ZMunicipalityQuery = ZPageQuery.extend({ q: z.string().max(100).optional(), networkId: z.uuid().optional() });

function visibleMunicipalities(role: string, scope: ResolvedScope) {
  if (scope.isAll) return null;
  return {
    networkIds: role === 'municipal_official' ? [] : [...scope.readNetworkIds],
    municipalityIds: [...scope.municipalityIds],
  };
}

export function registerMunicipalityRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/municipalities',
    {
      schema: {
        tags: ['municipalities'],
        summary: 'Municipalities in scope (any staff; a municipal official sees only their own)',
        querystring: ZMunicipalityQuery,
        response: { 200: ZPaged(ZMunicipalityRow), ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, STAFF_ROLES);
      const scope = await resolveScope(db, actor);
      const result = await listMunicipalities(db, request.query, visibleMunicipalities(actor.role, scope));
      return { ...result, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  api.get(
    '/api/v1/municipalities.xlsx',
    {
      schema: {
        tags: ['municipalities'],
        summary: 'Municipalities as XLSX (any staff)',
        querystring: ZMunicipalityQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, STAFF_ROLES);
      const scope = await resolveScope(db, actor);
      const lang = requestLanguage(request);
      const { items } = await listMunicipalities(db, { ...request.query, page: 1, pageSize: 100000 }, visibleMunicipalities(actor.role, scope));
      const body = await buildXlsx(
        t(lang, 'sheet.municipalities'),
        [
          { header: t(lang, 'col.network'), value: (r) => r.networkName, width: 16 },
          { header: t(lang, 'col.name'), value: (r) => r.name, width: 30 },
          { header: t(lang, 'col.head'), value: (r) => r.headName, width: 30 },
          { header: t(lang, 'col.phone'), value: (r) => r.phone },
          { header: t(lang, 'col.population'), value: (r) => r.population, width: 12 },
          { header: t(lang, 'col.libraries'), value: (r) => r.libraryCount, width: 10 },
        ],
        items,
      );
      return sendXlsx(reply, 'municipalities.xlsx', body);
    },
  );

  api.post(
    '/api/v1/networks/:id/municipalities',
    {
      schema: {
        tags: ['municipalities'],
        summary: 'Add a municipality to a network (network admin, director, methodologist of that network)',
        params: ZIdParams,
        body: ZMunicipalityInput,
        response: { 201: ZMunicipalityOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, MANAGER_ROLES);
      const network = await findNetwork(db, request.params.id);
      if (!network) throw notFound();
      if (!canManageNetwork(actor.role, await resolveScope(db, actor), network.id)) throw forbidden();
      return reply.code(201).send(await createMunicipality(db, auditActor(request, actor), network.id, request.body));
    },
  );

  api.get(
    '/api/v1/municipalities/:id',
    {
      schema: {
        tags: ['municipalities'],
        summary: 'A municipality and the libraries serving it (staff in scope; an official: their own)',
        params: ZIdParams,
        response: {
          200: ZMunicipalityOut.extend({
            libraries: z.array(z.object({ id: z.uuid(), name: z.string(), kind: ZLibraryKind, number: z.number().nullable(), settlement: z.string() })),
            canEdit: z.boolean(),
          }),
          ...problems(401, 403, 404),
        },
      },
    },
    async (request) => {
      const actor = requireRole(request, STAFF_ROLES);
      const m = await findMunicipality(db, request.params.id);
      if (!m) throw notFound();
      const scope = await resolveScope(db, actor);
      if (!canReadMunicipality(actor.role, scope, m)) throw forbidden();
      return { ...m, libraries: await librariesServing(db, m.id), canEdit: canEditMunicipality(actor.role, scope, m) };
    },
  );

  api.put(
    '/api/v1/municipalities/:id',
    {
      schema: {
        tags: ['municipalities'],
        summary: 'Change a municipality (network admin, director, methodologist of its network)',
        params: ZIdParams,
        body: ZMunicipalityInput,
        response: { 200: ZMunicipalityOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, MANAGER_ROLES);
      const m = await findMunicipality(db, request.params.id);
      if (!m) throw notFound();
      if (!canEditMunicipality(actor.role, await resolveScope(db, actor), m)) throw forbidden();
      return updateMunicipality(db, auditActor(request, actor), m, request.body);
    },
  );
}

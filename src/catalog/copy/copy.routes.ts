/** Routes: SRU servers (network admin) and copy cataloguing from them (cataloguers). */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../../app/auth';
import { AppError, forbidden, notFound } from '../../app/errors';
import type { App, AppContext } from '../../app/http';
import type { MessageKey } from '../../app/i18n';
import { auditActor, problems, ZIdParams, ZProblem, ZTimestamp } from '../../app/route-helpers';
import { resolveScope } from '../../network';
import { toProblem } from '../catalog.errors';
import { canManageSruServer, RECORD_EDITOR_ROLES, SRU_ADMIN_ROLES } from '../catalog.policy';
import { ZRecordOut } from '../catalog.route-schemas';
import { ZForeignMarcRecord } from '../catalog.schemas';
import { publicRecord } from '../records.service';
import { ZCopyImport, ZCopySearch, ZSruServerInput } from './copy.schemas';
import {
  createSruServer,
  deleteSruServer,
  findSruServer,
  importFromSru,
  listSruServers,
  searchSruServer,
  SruUnreachable,
  updateSruServer,
  type SruServer,
} from './copy.service';
import type { SruClientError, SruFailure } from './sru-client';

const ZSruServer = z.object({
  id: z.uuid(),
  networkId: z.uuid().nullable(),
  name: z.string(),
  baseUrl: z.string(),
  database: z.string(),
  recordSchema: z.string(),
  version: z.string(),
  isActive: z.boolean(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
  canManage: z.boolean(),
});

const ZCopyHit = z.object({
  position: z.number().int(),
  format: z.enum(['rusmarc', 'marc21']),
  marc: ZForeignMarcRecord,
  title: z.string(),
  authors: z.array(z.string()),
  publisher: z.string(),
  place: z.string(),
  year: z.number().int().nullable(),
  isbns: z.array(z.string()),
  description: z.string(),
  controlNumber: z.string().nullable(),
  matchId: z.uuid().nullable(),
});

const ZCopyResult = z.object({
  query: z.string(),
  total: z.number().int(),
  start: z.number().int(),
  hits: z.array(ZCopyHit),
  diagnostics: z.array(z.string()),
  unreadable: z.array(z.object({ position: z.number().int(), reason: z.string() })),
});

/** The address the search went to, as the admin entered it: base URL and database. */
const serverAddress = (server: SruServer) => [server.baseUrl.replace(/\/+$/, ''), server.database].filter(Boolean).join('/');

const FAILURE_KEYS: Record<SruFailure, MessageKey> = {
  refused: 'catalog.sru_refused',
  timeout: 'catalog.sru_timeout',
  host_unknown: 'catalog.sru_host_unknown',
  unreachable: 'catalog.sru_unreachable',
  not_sru: 'catalog.sru_not_sru',
  http: 'catalog.sru_http_error',
};

/** Why the server gave no usable answer, in the librarian's words: the whole search failed, no field did. */
function unreachable(server: SruServer, { failure, status }: SruClientError) {
  const code = failure === 'not_sru' ? 'sru_not_sru' : failure === 'http' ? 'sru_http_error' : 'sru_unreachable';
  const params = { address: serverAddress(server), host: new URL(server.baseUrl).host, status: status ?? '' };
  return new AppError(502, code, FAILURE_KEYS[failure], [], params);
}

export function registerCopyRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/catalog/sru-servers',
    {
      schema: {
        tags: ['catalog'],
        summary: 'SRU servers offered for copy cataloguing: the installation’s and those of the caller’s networks (network admin, director, methodologist, cataloguer)',
        querystring: z.object({ activeOnly: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ items: z.array(ZSruServer), canCreate: z.boolean() }), ...problems(401, 403) },
      },
    },
    async (request) => {
      const actor = requireRole(request, RECORD_EDITOR_ROLES);
      const scope = await resolveScope(db, actor);
      const rows = await listSruServers(db, scope, { activeOnly: request.query.activeOnly === 'true' });
      return {
        items: rows.map((s) => ({ ...s, canManage: canManageSruServer(actor.role, scope, s.networkId) })),
        canCreate: SRU_ADMIN_ROLES.includes(actor.role),
      };
    },
  );

  api.post(
    '/api/v1/catalog/sru-servers',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Add an SRU server for the installation (installation admin) or for one network (its network admin)',
        body: ZSruServerInput,
        response: { 201: ZSruServer, ...problems(401, 403, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, SRU_ADMIN_ROLES);
      const scope = await resolveScope(db, actor);
      if (!canManageSruServer(actor.role, scope, request.body.networkId)) throw forbidden();
      const row = await createSruServer(db, auditActor(request, actor), request.body);
      return reply.code(201).send({ ...row, canManage: true });
    },
  );

  api.put(
    '/api/v1/catalog/sru-servers/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Change an SRU server (the admin of its network, or of the installation)',
        params: ZIdParams,
        body: ZSruServerInput,
        response: { 200: ZSruServer, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, SRU_ADMIN_ROLES);
      const scope = await resolveScope(db, actor);
      const before = await findSruServer(db, request.params.id);
      if (!before) throw notFound();
      if (!canManageSruServer(actor.role, scope, before.networkId) || !canManageSruServer(actor.role, scope, request.body.networkId)) throw forbidden();
      return { ...(await updateSruServer(db, auditActor(request, actor), before, request.body)), canManage: true };
    },
  );

  api.delete(
    '/api/v1/catalog/sru-servers/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Remove an SRU server (the admin of its network, or of the installation)',
        params: ZIdParams,
        response: { 204: z.null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, SRU_ADMIN_ROLES);
      const before = await findSruServer(db, request.params.id);
      if (!before) throw notFound();
      if (!canManageSruServer(actor.role, await resolveScope(db, actor), before.networkId)) throw forbidden();
      await deleteSruServer(db, auditActor(request, actor), before);
      return reply.code(204).send(null);
    },
  );

  /** The server, when the caller may use it (it is offered to them), after the role check. */
  async function usableServer(id: string, actor: Parameters<typeof resolveScope>[1]) {
    const server = await findSruServer(db, id);
    if (!server) throw notFound();
    const scope = await resolveScope(db, actor);
    if (!scope.isAll && server.networkId !== null && !scope.readNetworkIds.has(server.networkId)) throw notFound();
    return server;
  }

  api.get(
    '/api/v1/catalog/sru-servers/:id/search',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Search an SRU server by title, author and ISBN (CQL); each record found is described and checked against the catalogue; 502 says why the server gave no usable answer (cataloguer, methodologist, director, network admin)',
        params: ZIdParams,
        querystring: ZCopySearch,
        response: { 200: ZCopyResult, ...problems(401, 403, 404, 422), 502: ZProblem },
      },
    },
    async (request) => {
      const actor = requireRole(request, RECORD_EDITOR_ROLES);
      const server = await usableServer(request.params.id, actor);
      return searchSruServer(db, server, request.query).catch((error: unknown) => {
        if (error instanceof SruUnreachable) throw unreachable(server, error.failure);
        throw error;
      });
    },
  );

  api.post(
    '/api/v1/catalog/sru-servers/:id/import',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Import a record found on an SRU server into the catalogue; refused while a matching record exists unless allowDuplicate (cataloguer, methodologist, director, network admin)',
        params: ZIdParams,
        body: ZCopyImport,
        response: { 201: ZRecordOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, RECORD_EDITOR_ROLES);
      const server = await usableServer(request.params.id, actor);
      const record = await importFromSru(db, auditActor(request, actor), server, request.body.marc, request.body.allowDuplicate).catch(toProblem);
      return reply.code(201).send(publicRecord(record));
    },
  );
}

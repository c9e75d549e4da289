/** Routes: bibliographic records of the union catalogue (form editing, raw MARC, soft delete). */
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../app/auth';
import { notFound } from '../app/errors';
import type { App, AppContext } from '../app/http';
import { auditActor, problems, ZIdParams } from '../app/route-helpers';
import { resolveScope } from '../network';
import type { TRole } from '../staff/staff.schemas';
import { toProblem } from './catalog.errors';
import { CATALOG_READER_ROLES, RECORD_EDITOR_ROLES } from './catalog.policy';
import { ZRecordDetail, ZRecordOut } from './catalog.route-schemas';
import { ZMarcUpdate, ZRecordCreate, ZRecordInput } from './catalog.schemas';
import { recordDetail } from './record-detail';
import {
  createRecordFromForm,
  deleteRecord,
  findRecord,
  publicRecord,
  updateRecordFromForm,
  updateRecordMarc,
} from './records.service';

export function registerRecordRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** The live record and the actor, after the role check (401/403) and the lookup (404). */
  async function loadRecord(request: FastifyRequest, id: string, roles: readonly TRole[]) {
    const actor = requireRole(request, roles);
    const record = await findRecord(db, id);
    if (!record) throw notFound();
    return { actor, record };
  }

  api.post(
    '/api/v1/catalog/records',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Catalogue a new record from the form, in RUSMARC or MARC 21 (cataloguer, methodologist, director, network admin)',
        body: ZRecordCreate,
        response: { 201: ZRecordOut, ...problems(401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, RECORD_EDITOR_ROLES);
      const record = await createRecordFromForm(db, auditActor(request, actor), request.body).catch(toProblem);
      return reply.code(201).send(publicRecord(record));
    },
  );

  api.get(
    '/api/v1/catalog/records/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'A record with its form values, suggested call number and copies by library (any staff)',
        params: ZIdParams,
        response: { 200: ZRecordDetail, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const { actor, record } = await loadRecord(request, request.params.id, CATALOG_READER_ROLES);
      return recordDetail(db, record, actor.role, await resolveScope(db, actor));
    },
  );

  api.put(
    '/api/v1/catalog/records/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: "Save the form: only the areas that changed are rewritten in the record's MARC (cataloguer, methodologist, director, network admin)",
        params: ZIdParams,
        body: ZRecordInput,
        response: { 200: ZRecordOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { actor, record } = await loadRecord(request, request.params.id, RECORD_EDITOR_ROLES);
      return publicRecord(await updateRecordFromForm(db, auditActor(request, actor), record, request.body).catch(toProblem));
    },
  );

  api.put(
    '/api/v1/catalog/records/:id/marc',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Replace the whole MARC record, for experts; checked structurally (cataloguer, methodologist, director, network admin)',
        params: ZIdParams,
        body: ZMarcUpdate,
        response: { 200: ZRecordOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { actor, record } = await loadRecord(request, request.params.id, RECORD_EDITOR_ROLES);
      return publicRecord(await updateRecordMarc(db, auditActor(request, actor), record, request.body.marc).catch(toProblem));
    },
  );

  api.delete(
    '/api/v1/catalog/records/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Delete a record (kept as deleted for harvesters); refused while it has copies (cataloguer, methodologist, director, network admin)',
        params: ZIdParams,
        response: { 204: z.null(), ...problems(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { actor, record } = await loadRecord(request, request.params.id, RECORD_EDITOR_ROLES);
      await deleteRecord(db, auditActor(request, actor), record).catch(toProblem);
      return reply.code(204).send(null);
    },
  );
}

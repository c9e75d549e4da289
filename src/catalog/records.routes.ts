/** Routes: bibliographic records of the union catalogue (form editing, raw MARC, soft delete). */
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole, type Actor } from '../app/auth';
import { AppError, notFound } from '../app/errors';
import type { App, AppContext } from '../app/http';
import { auditActor, problems, ZIdParams } from '../app/route-helpers';
import { findNetwork, networkOfScopeNode, resolveScope } from '../network';
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
  RecordChangedError,
  updateRecordFromForm,
  updateRecordMarc,
} from './records.service';

/**
 * The record's updatedAt as the editor loaded it. When given, the save is refused (409 record_changed)
 * if someone has saved the record since; clients that leave it out overwrite as before (CLI, scripts).
 */
const ZExpectedUpdatedAt = z.iso.datetime({ offset: true }).optional();
const ZRecordUpdate = ZRecordInput.extend({ expectedUpdatedAt: ZExpectedUpdatedAt });
const ZRecordMarcUpdate = ZMarcUpdate.extend({ expectedUpdatedAt: ZExpectedUpdatedAt });

/** "14:05" today, "12.03.2026 14:05" another day, on the clock of the caller's network. */
export function clockTime(at: Date, timeZone: string, now = new Date()): string {
  const day = (d: Date) => new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
  const time = new Intl.DateTimeFormat('ru-RU', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return day(at) === day(now) ? time : `${day(at)} ${time}`;
}

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

  /** Kyrgyzstan's or Russia's clock, by the caller's network (Bishkek for the installation's staff). */
  async function timeZoneOf(actor: Actor): Promise<string> {
    const networkId = await networkOfScopeNode(db, actor.scopeKind, actor.scopeId);
    const network = networkId ? await findNetwork(db, networkId) : null;
    return network?.country === 'RU' ? 'Europe/Moscow' : 'Asia/Bishkek';
  }

  /** A save refused for a newer version names who saved it and when; other refusals as the catalogue's. */
  async function saveProblem(error: unknown, actor: Actor): Promise<never> {
    if (!(error instanceof RecordChangedError)) return toProblem(error);
    const when = clockTime(error.changedAt, await timeZoneOf(actor));
    const by = error.changedBy;
    if (!by) throw new AppError(409, 'record_changed', 'catalog.record_changed_unknown', [], { when });
    if (by.id === actor.id) throw new AppError(409, 'record_changed', 'catalog.record_changed_by_you', [], { when });
    throw new AppError(409, 'record_changed', 'catalog.record_changed', [], { who: by.name, when });
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
        summary: "Save the form: only the areas that changed are rewritten in the record's MARC; with expectedUpdatedAt, refused (409 record_changed) when the record was saved since (cataloguer, methodologist, director, network admin)",
        params: ZIdParams,
        body: ZRecordUpdate,
        response: { 200: ZRecordOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { actor, record } = await loadRecord(request, request.params.id, RECORD_EDITOR_ROLES);
      const { expectedUpdatedAt, ...input } = request.body;
      const options = { expectedUpdatedAt: expectedUpdatedAt ? new Date(expectedUpdatedAt) : undefined };
      const saved = await updateRecordFromForm(db, auditActor(request, actor), record, input, options).catch((e: unknown) => saveProblem(e, actor));
      return publicRecord(saved);
    },
  );

  api.put(
    '/api/v1/catalog/records/:id/marc',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Replace the whole MARC record, for experts; checked structurally; with expectedUpdatedAt, refused (409 record_changed) when the record was saved since (cataloguer, methodologist, director, network admin)',
        params: ZIdParams,
        body: ZRecordMarcUpdate,
        response: { 200: ZRecordOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { actor, record } = await loadRecord(request, request.params.id, RECORD_EDITOR_ROLES);
      const { marc, expectedUpdatedAt } = request.body;
      const options = { expectedUpdatedAt: expectedUpdatedAt ? new Date(expectedUpdatedAt) : undefined };
      const saved = await updateRecordMarc(db, auditActor(request, actor), record, marc, options).catch((e: unknown) => saveProblem(e, actor));
      return publicRecord(saved);
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

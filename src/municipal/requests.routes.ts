/** Routes: reference requests of municipal officials (ИЦ МСУ) — list, record, ask, assign, answer, ask again, close. */
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import { requireRole, type Actor } from '../app/auth';
import { AppError, forbidden, notFound } from '../app/errors';
import type { App, AppServices } from '../app/http';
import { requestLanguage, t } from '../app/i18n';
import { auditActor, problems, ZIdParams, ZPaged } from '../app/route-helpers';
import { buildXlsx, sendXlsx } from '../app/xlsx';
import { libraries, municipalities, resolveScope } from '../network';
import { findStaff, staffUsers } from '../staff';
import { isoDay, isOverdue } from './deadlines';
import {
  canFollowUp,
  canHandleRequest,
  canReadRequest,
  REQUEST_HANDLER_ROLES,
  REQUEST_READER_ROLES,
  requestVisibility,
} from './municipal.policy';
import { ZAssignee, ZRequestDetail, ZRequestOut, ZRequestRow } from './municipal.route-schemas';
import {
  ZFollowUp,
  ZRequestAnswer,
  ZRequestAssign,
  ZRequestListQuery,
  ZRequestRecord,
  ZRequestSubmit,
} from './municipal.schemas';
import {
  answerRequest,
  assignRequest,
  closeRequest,
  findRequest,
  followUpRequest,
  listMessages,
  recordRequest,
  submitOfficialRequest,
  type MunicipalRequest,
  type OfficialActor,
  type RequestActor,
} from './requests.service';
import { listRequests } from './requests.queries';

export function requestActor(request: FastifyRequest, actor: Actor): RequestActor {
  return { ...auditActor(request, actor), id: actor.id, fullName: actor.fullName };
}

export function officialActor(request: FastifyRequest, actor: Actor): OfficialActor {
  return { ...requestActor(request, actor), scopeKind: actor.scopeKind, scopeId: actor.scopeId };
}

export function registerRequestRoutes(app: App, { database, files }: AppServices) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  async function loadReadable(request: FastifyRequest, actor: Actor, id: string) {
    const r = await findRequest(db, id);
    if (!r) throw notFound();
    const scope = await resolveScope(db, actor);
    if (!canReadRequest(actor.role, scope, r)) throw forbidden();
    return { r, scope };
  }

  async function loadHandled(request: FastifyRequest, actor: Actor, id: string) {
    const { r, scope } = await loadReadable(request, actor, id);
    if (!canHandleRequest(actor.role, scope, r)) throw forbidden();
    return r;
  }

  /** Staff who may be given a request: the network's managers and librarians. */
  async function assigneesOf(networkId: string) {
    const libs = await db.select({ id: libraries.id }).from(libraries).where(eq(libraries.networkId, networkId));
    const scopeIds = [networkId, ...libs.map((l) => l.id)];
    return db
      .select({ id: staffUsers.id, fullName: staffUsers.fullName, position: staffUsers.position, role: staffUsers.role })
      .from(staffUsers)
      .where(
        and(
          eq(staffUsers.isActive, true),
          inArray(staffUsers.role, [...REQUEST_HANDLER_ROLES]),
          or(inArray(staffUsers.scopeId, scopeIds), inArray(staffUsers.libraryId, scopeIds)),
        ),
      )
      .orderBy(staffUsers.fullName);
  }

  async function assertAssignable(networkId: string, assigneeId: string | null | undefined) {
    if (!assigneeId) return;
    if (!(await assigneesOf(networkId)).some((a) => a.id === assigneeId)) {
      throw new AppError(422, 'validation_failed', 'error.validation', [
        { field: 'assigneeId', code: 'invalid_option', key: 'validation.invalid_option' },
      ]);
    }
  }

  async function detail(r: MunicipalRequest, actor: Actor) {
    const scope = await resolveScope(db, actor);
    const [muni] = await db.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.id, r.municipalityId));
    const assignee = r.assigneeId ? await findStaff(db, r.assigneeId) : null;
    return {
      ...r,
      municipalityName: muni?.name ?? '',
      assigneeName: assignee?.fullName ?? null,
      isOverdue: isOverdue(r, isoDay(new Date())),
      messages: await listMessages(db, r.id),
      permissions: {
        canHandle: canHandleRequest(actor.role, scope, r),
        canFollowUp: canFollowUp(actor.role, scope, r) && r.status !== 'closed',
      },
    };
  }

  api.get(
    '/api/v1/municipal/requests',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Reference requests in scope, searchable and paged (network managers and librarians; an official: their municipality only)',
        querystring: ZRequestListQuery,
        response: { 200: ZPaged(ZRequestRow), ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, REQUEST_READER_ROLES);
      const scope = await resolveScope(db, actor);
      const result = await listRequests(db, request.query, requestVisibility(actor.role, scope));
      return { ...result, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  api.get(
    '/api/v1/municipal/requests.xlsx',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Reference requests as XLSX (network managers and librarians; an official: their municipality only)',
        querystring: ZRequestListQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, REQUEST_READER_ROLES);
      const scope = await resolveScope(db, actor);
      const lang = requestLanguage(request);
      const { items } = await listRequests(db, { ...request.query, page: 1, pageSize: 100000 }, requestVisibility(actor.role, scope));
      const body = await buildXlsx(
        t(lang, 'municipal.sheet.requests'),
        [
          { header: '№', value: (r) => r.number, width: 8 },
          { header: t(lang, 'municipal.col.received'), value: (r) => isoDay(r.receivedAt), width: 12 },
          { header: t(lang, 'municipal.col.municipality'), value: (r) => r.municipalityName, width: 26 },
          { header: t(lang, 'municipal.col.requester'), value: (r) => r.requesterName, width: 24 },
          { header: t(lang, 'municipal.col.type'), value: (r) => t(lang, `municipal.type.${r.type}`), width: 16 },
          { header: t(lang, 'municipal.col.topic'), value: (r) => r.topic, width: 40 },
          { header: t(lang, 'municipal.col.status'), value: (r) => t(lang, `municipal.status.${r.status}`), width: 14 },
          { header: t(lang, 'municipal.col.due'), value: (r) => r.dueOn, width: 12 },
          { header: t(lang, 'municipal.col.overdue'), value: (r) => (r.isOverdue ? t(lang, 'municipal.yes') : ''), width: 10 },
          { header: t(lang, 'municipal.col.assignee'), value: (r) => r.assigneeName ?? '', width: 24 },
          { header: t(lang, 'municipal.col.answered'), value: (r) => (r.answeredAt ? isoDay(r.answeredAt) : ''), width: 12 },
        ],
        items,
      );
      return sendXlsx(reply, 'requests.xlsx', body);
    },
  );

  api.post(
    '/api/v1/municipal/requests',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Record a request received by phone, visit or e-mail (network managers and librarians of the municipality’s network)',
        body: ZRequestRecord,
        response: { 201: ZRequestOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, REQUEST_HANDLER_ROLES);
      const [muni] = await db.select().from(municipalities).where(eq(municipalities.id, request.body.municipalityId));
      if (!muni) throw notFound();
      const scope = await resolveScope(db, actor);
      if (!canHandleRequest(actor.role, scope, { networkId: muni.networkId, municipalityId: muni.id })) throw forbidden();
      await assertAssignable(muni.networkId, request.body.assigneeId);
      return reply.code(201).send(await recordRequest(db, requestActor(request, actor), muni, request.body));
    },
  );

  api.post(
    '/api/v1/municipal/requests/ask',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Send a request to the library for own municipality (municipal official)',
        body: ZRequestSubmit,
        response: { 201: ZRequestOut, ...problems(401, 403, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, ['municipal_official']);
      const row = await submitOfficialRequest(db, officialActor(request, actor), request.body);
      return reply.code(201).send(row);
    },
  );


  api.get(
    '/api/v1/municipal/requests/:id',
    {
      schema: {
        tags: ['municipal'],
        summary: 'A request with its thread of questions and answers (staff of its network; the official of its municipality)',
        params: ZIdParams,
        response: { 200: ZRequestDetail, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireRole(request, REQUEST_READER_ROLES);
      const { r } = await loadReadable(request, actor, request.params.id);
      return detail(r, actor);
    },
  );

  api.get(
    '/api/v1/municipal/requests/:id/assignees',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Staff a request may be assigned to (network managers and librarians of its network)',
        params: ZIdParams,
        response: { 200: z.array(ZAssignee), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireRole(request, REQUEST_HANDLER_ROLES);
      const r = await loadHandled(request, actor, request.params.id);
      return assigneesOf(r.networkId);
    },
  );

  api.put(
    '/api/v1/municipal/requests/:id/assignment',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Assign a request to a librarian and/or move its deadline (network managers and librarians of its network)',
        params: ZIdParams,
        body: ZRequestAssign,
        response: { 200: ZRequestOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, REQUEST_HANDLER_ROLES);
      const r = await loadHandled(request, actor, request.params.id);
      await assertAssignable(r.networkId, request.body.assigneeId);
      return assignRequest(db, requestActor(request, actor), r, request.body);
    },
  );

  api.post(
    '/api/v1/municipal/requests/:id/answers',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Answer a request with sources: catalogue records, files, web addresses (network managers and librarians of its network)',
        params: ZIdParams,
        body: ZRequestAnswer,
        response: { 201: ZRequestOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, REQUEST_HANDLER_ROLES);
      const r = await loadHandled(request, actor, request.params.id);
      for (const [i, s] of request.body.sources.entries()) {
        if (s.kind === 'file' && !(await files.exists(s.sha256))) {
          throw new AppError(422, 'validation_failed', 'error.validation', [
            { field: `sources.${i}.sha256`, code: 'not_found', key: 'validation.file_missing' },
          ]);
        }
      }
      return reply.code(201).send(await answerRequest(db, requestActor(request, actor), r, request.body));
    },
  );

  api.post(
    '/api/v1/municipal/requests/:id/follow-ups',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Ask again about a request (the official of its municipality; staff of its network on their behalf)',
        params: ZIdParams,
        body: ZFollowUp,
        response: { 201: ZRequestOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, REQUEST_READER_ROLES);
      const { r, scope } = await loadReadable(request, actor, request.params.id);
      if (!canFollowUp(actor.role, scope, r)) throw forbidden();
      return reply.code(201).send(await followUpRequest(db, requestActor(request, actor), r, request.body));
    },
  );

  api.post(
    '/api/v1/municipal/requests/:id/close',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Close a request as settled (the official of its municipality; staff of its network)',
        params: ZIdParams,
        response: { 200: ZRequestOut, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireRole(request, REQUEST_READER_ROLES);
      const { r, scope } = await loadReadable(request, actor, request.params.id);
      if (!canFollowUp(actor.role, scope, r)) throw forbidden();
      return closeRequest(db, requestActor(request, actor), r);
    },
  );

  api.post(
    '/api/v1/municipal/files',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Upload a file to cite in an answer (raw body; name in ?name=) (network managers and librarians)',
        querystring: z.object({ name: z.string().trim().min(1).max(300) }),
        response: { 201: z.object({ sha256: z.string(), name: z.string(), size: z.number() }), ...problems(401, 403, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, REQUEST_HANDLER_ROLES);
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new AppError(422, 'validation_failed', 'error.validation', [{ field: 'body', code: 'required', key: 'validation.required' }]);
      }
      const { Readable } = await import('node:stream');
      const stored = await files.put(Readable.from([body]), {
        mediaType: request.headers['content-type'] ?? 'application/octet-stream',
        originalName: request.query.name,
        createdBy: actor.id,
      });
      return reply.code(201).send({ ...stored, name: request.query.name });
    },
  );

  api.get(
    '/api/v1/municipal/requests/:id/files/:sha256',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Download a file cited in an answer (whoever may read the request)',
        params: z.object({ id: z.uuid(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, REQUEST_READER_ROLES);
      await loadReadable(request, actor, request.params.id);
      const cited = (await listMessages(db, request.params.id))
        .flatMap((m) => m.sources)
        .find((s) => s.kind === 'file' && s.sha256 === request.params.sha256);
      if (!cited || cited.kind !== 'file' || !(await files.exists(cited.sha256))) throw notFound();
      return reply
        .type('application/octet-stream')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(cited.name)}`)
        .send(files.open(cited.sha256));
    },
  );
}


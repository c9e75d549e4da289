/** Routes: the Federal list of extremist materials, checks of a network's collection, their acts. */
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../../app/auth';
import { forbidden, notFound } from '../../app/errors';
import { requestLanguage, t } from '../../app/i18n';
import type { App, AppServices } from '../../app/http';
import { findJob } from '../../app/jobs';
import { JOB_STATUSES } from '../../app/jobs.tables';
import { auditActor, problems, ZIdParams, ZPageQuery, ZPaged, ZTimestamp } from '../../app/route-helpers';
import { buildXlsx, sendXlsx } from '../../app/xlsx';
import { resolveScope } from '../../network';
import { toProblem } from '../catalog.errors';
import { canCheckNetwork, EXTREMIST_CHECK_ROLES } from '../catalog.policy';
import { renderExtremistAct } from './extremist-act';
import { extremistActData } from './extremist-act-data';
import { closeExtremistCheck, decideMatch } from './extremist-decide';
import { registerExtremistMarkRoutes } from './extremist-marks';
import { runExtremistCheckJob } from './extremist.job';
import { CHECK_STATUSES, MATCH_DECISIONS } from './extremist.tables';
import { ZExtremistCheckInput, ZExtremistListQuery, ZMatchDecision } from './extremist.schemas';
import {
  assertMatched,
  createExtremistCheck,
  EXTREMIST_CHECK_JOB,
  findExtremistCheck,
  findExtremistList,
  importExtremistList,
  countCheckMatches,
  listCheckMatches,
  listExtremistChecks,
  listExtremistLists,
} from './extremist.service';
import { listUploadText } from './extremist-decode';

const ZList = z.object({
  id: z.uuid(),
  sourceName: z.string(),
  publishedOn: z.string().nullable(),
  entryCount: z.number().int(),
  importedBy: z.string(),
  createdAt: ZTimestamp,
});

const ZLine = z.object({ line: z.number().int(), text: z.string() });

/** A version just imported, with what of the file was not read as an entry (at most 50 lines of each kind, named by line). */
const ZListRead = ZList.extend({
  skipped: z.number().int(),
  skippedLines: z.array(ZLine),
  joined: z.array(ZLine.extend({ number: z.number().int(), entry: z.number().int() })),
  duplicates: z.array(ZLine.extend({ number: z.number().int() })),
});

const ZCheck = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  networkName: z.string(),
  listId: z.uuid(),
  checkedOn: z.string(),
  commission: z.array(z.string()),
  recordsChecked: z.number().int(),
  entriesChecked: z.number().int(),
  status: z.enum(CHECK_STATUSES),
  jobId: z.uuid().nullable(),
  createdBy: z.string(),
  createdAt: ZTimestamp,
  closedAt: ZTimestamp.nullable(),
  matchesFound: z.number().int(),
  matchesConfirmed: z.number().int(),
  matchesPending: z.number().int(),
});

const ZMatch = z.object({
  id: z.uuid(),
  score: z.number(),
  decision: z.string(),
  action: z.string().nullable(),
  copiesAffected: z.number().int().nullable(),
  note: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: ZTimestamp.nullable(),
  /** Dismissed because an earlier closed check dismissed the same entry and record (`earlier` says when, who, why). */
  carried: z.boolean(),
  /** What the last earlier closed check of the network decided about the same entry (number and title) and record. */
  earlier: z
    .object({
      decision: z.string(),
      action: z.string().nullable(),
      note: z.string(),
      decidedBy: z.string().nullable(),
      decidedAt: z.string().nullable(),
      checkedOn: z.string(),
    })
    .nullable(),
  entryNumber: z.number().int(),
  entryText: z.string(),
  recordId: z.uuid(),
  recordTitle: z.string(),
  recordDescription: z.string(),
  copies: z.number().int(),
  /** Of those, copies with readers (on loan, in transit, at a service point): a withdrawal waits for them. */
  copiesWithReaders: z.number().int(),
  /** The libraries holding those copies. */
  libraries: z.array(z.string()),
});

const ZCheckParams = z.object({ id: z.uuid(), matchId: z.uuid() });
/** Which matches to list or export: a decision, words or an entry number. */
const ZMatchQuery = z.object({ decision: z.enum(MATCH_DECISIONS).optional(), q: z.string().trim().max(200).optional() });

/** How far the matching has gone, while the check is "matching" (or what stopped it). */
const ZMatching = z.object({
  status: z.enum(JOB_STATUSES),
  done: z.number().int(),
  total: z.number().int().nullable(),
  error: z.string().nullable(),
});

/** The versions of the list: a page, and words of the file name or a date to look for. */
const ZListsQuery = ZPageQuery.extend({ q: z.string().trim().max(100).optional() });

export function registerExtremistRoutes(app: App, ctx: AppServices) {
  ctx.jobs.register(EXTREMIST_CHECK_JOB, runExtremistCheckJob);
  registerExtremistMarkRoutes(app, ctx);
  void app.register(async (scoped) => {
    // The list arrives as the file itself (numbered text or CSV); text/plain is read by Fastify already.
    scoped.addContentTypeParser(['application/octet-stream', 'text/csv'], { parseAs: 'buffer', bodyLimit: 50 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    registerScoped(scoped, ctx);
  });
}

function registerScoped(app: App, { database }: AppServices) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const WHO = 'network admin, director, methodologist, cataloguer';

  /** The check and the actor, when the actor may read the check's network (404 otherwise, not to reveal it). */
  async function loadCheck(request: FastifyRequest, id: string, forChange: boolean) {
    const actor = requireRole(request, EXTREMIST_CHECK_ROLES);
    const check = await findExtremistCheck(db, id);
    if (!check) throw notFound();
    const scope = await resolveScope(db, actor);
    if (!scope.isAll && !scope.readNetworkIds.has(check.networkId)) throw notFound();
    if (forChange && !canCheckNetwork(actor.role, scope, check.networkId)) throw forbidden();
    return { actor, check };
  }

  api.post(
    '/api/v1/catalog/extremist/lists',
    {
      schema: {
        tags: ['catalog'],
        summary: `Import a version of the Federal list of extremist materials: the file as published (numbered text, UTF-8) or CSV "number;text" as the body; refused when an edition of the same date has the very same entries (${WHO})`,
        querystring: ZExtremistListQuery,
        response: { 201: ZListRead, ...problems(401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, EXTREMIST_CHECK_ROLES);
      const body = request.body;
      const text = listUploadText(body);
      const list = await importExtremistList(db, auditActor(request, actor), text, request.query).catch(toProblem);
      return reply.code(201).send(list);
    },
  );

  api.get(
    '/api/v1/catalog/extremist/lists',
    {
      schema: {
        tags: ['catalog'],
        summary: `Imported versions of the Federal list, newest first, paged; q finds them by file name or by the edition's or upload's date (${WHO})`,
        querystring: ZListsQuery,
        response: { 200: ZPaged(ZList), ...problems(401, 403) },
      },
    },
    async (request) => {
      requireRole(request, EXTREMIST_CHECK_ROLES);
      return listExtremistLists(db, request.query.page, request.query.pageSize, request.query.q);
    },
  );

  api.post(
    '/api/v1/catalog/extremist/checks',
    {
      schema: {
        tags: ['catalog'],
        summary: `Check a network's collection against a version of the list: the check is created "matching" and a background job finds its matches; a commission of a chair and at least one member, dated neither in the future nor before the list's edition (${WHO} of that network)`,
        body: ZExtremistCheckInput,
        response: { 201: ZCheck, ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, EXTREMIST_CHECK_ROLES);
      if (!canCheckNetwork(actor.role, await resolveScope(db, actor), request.body.networkId)) throw forbidden();
      const list = await findExtremistList(db, request.body.listId);
      if (!list) throw notFound();
      const check = await createExtremistCheck(db, auditActor(request, actor), request.body, list);
      return reply.code(201).send((await findExtremistCheck(db, check.id))!);
    },
  );

  api.get(
    '/api/v1/catalog/extremist/checks',
    {
      schema: {
        tags: ['catalog'],
        summary: `History of checks of the caller's networks, newest first (${WHO})`,
        querystring: ZPageQuery,
        response: { 200: ZPaged(ZCheck), ...problems(401, 403) },
      },
    },
    async (request) => {
      const actor = requireRole(request, EXTREMIST_CHECK_ROLES);
      const scope = await resolveScope(db, actor);
      return listExtremistChecks(db, scope.isAll ? 'all' : [...scope.readNetworkIds], request.query.page, request.query.pageSize);
    },
  );

  api.get(
    '/api/v1/catalog/extremist/checks/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: `A check: its state, counts and the progress of its matching; its matches are listed apart (${WHO} of that network)`,
        params: ZIdParams,
        response: { 200: ZCheck.extend({ canDecide: z.boolean(), matching: ZMatching.nullable() }), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const { actor, check } = await loadCheck(request, request.params.id, false);
      const scope = await resolveScope(db, actor);
      const job = check.jobId && check.status !== 'open' && check.status !== 'closed' ? await findJob(db, check.jobId) : null;
      const matching = job && { status: job.status, done: job.progress.done, total: job.progress.total, error: job.error };
      return { ...check, canDecide: check.status === 'open' && canCheckNetwork(actor.role, scope, check.networkId), matching };
    },
  );

  api.get(
    '/api/v1/catalog/extremist/checks/:id/matches',
    {
      schema: {
        tags: ['catalog'],
        summary: `A check's matches to review, best first: searchable by words or entry number, by decision, paged (${WHO} of that network)`,
        params: ZIdParams,
        querystring: ZMatchQuery.extend(ZPageQuery.shape),
        response: { 200: ZPaged(ZMatch), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const { check } = await loadCheck(request, request.params.id, false);
      const { page, pageSize, ...filter } = request.query;
      if (check.status === 'matching') return { items: [], total: 0, page, pageSize };
      const [items, total] = await Promise.all([listCheckMatches(db, check, filter, { page, pageSize }), countCheckMatches(db, check, filter)]);
      return { items, total, page, pageSize };
    },
  );

  api.get(
    '/api/v1/catalog/extremist/checks/:id/matches.xlsx',
    {
      schema: {
        tags: ['catalog'],
        summary: `A check's matches as XLSX, with the same filters, for the commission (${WHO} of that network)`,
        params: ZIdParams,
        querystring: ZMatchQuery,
      },
    },
    async (request, reply) => {
      const { check } = await loadCheck(request, request.params.id, false);
      const lang = requestLanguage(request);
      const matches = check.status === 'matching' ? [] : await listCheckMatches(db, check, request.query);
      const body = await buildXlsx(
        t(lang, 'sheet.extremist_matches'),
        [
          { header: t(lang, 'col.entry_number'), value: (m) => m.entryNumber, width: 10 },
          { header: t(lang, 'col.entry_text'), value: (m) => m.entryText, width: 60 },
          { header: t(lang, 'col.description'), value: (m) => m.recordDescription || m.recordTitle, width: 60 },
          { header: t(lang, 'col.similarity'), value: (m) => Math.round(m.score * 100), width: 12 },
          { header: t(lang, 'col.copies'), value: (m) => m.copiesAffected ?? m.copies, width: 12 },
          { header: t(lang, 'col.decision'), value: (m) => t(lang, `extremist.decision.${m.decision as 'pending'}`), width: 16 },
          { header: t(lang, 'col.action'), value: (m) => (m.action ? t(lang, `extremist.action.${m.action as 'flag'}`) : ''), width: 16 },
          { header: t(lang, 'col.note'), value: (m) => m.note, width: 40 },
        ],
        matches,
      );
      return sendXlsx(reply, `fsem-matches-${check.checkedOn}.xlsx`, body);
    },
  );

  api.post(
    '/api/v1/catalog/extremist/checks/:id/matches/:matchId',
    {
      schema: {
        tags: ['catalog'],
        summary: `Decide one match: confirm it — withdraw (write off) the network's copies, or flag them (withheld from readers until written off) —, dismiss it (note: why), or put it back to pending; refused once confirmed, or while copies are with readers (${WHO} of that network)`,
        params: ZCheckParams,
        body: ZMatchDecision,
        response: { 200: z.object({ id: z.uuid(), decision: z.string(), action: z.string().nullable() }), ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { actor, check } = await loadCheck(request, request.params.id, true);
      const match = await decideMatch(db, auditActor(request, actor), check, request.params.matchId, request.body).catch(toProblem);
      if (!match) throw notFound();
      return { id: match.id, decision: match.decision, action: match.action };
    },
  );

  api.post(
    '/api/v1/catalog/extremist/checks/:id/close',
    {
      schema: {
        tags: ['catalog'],
        summary: `Close a check: its decisions are final and its act is issued; refused while a match is undecided (${WHO} of that network)`,
        params: ZIdParams,
        response: { 200: z.object({ id: z.uuid(), status: z.string() }), ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { actor, check } = await loadCheck(request, request.params.id, true);
      const closed = await closeExtremistCheck(db, auditActor(request, actor), check).catch(toProblem);
      return { id: closed.id, status: closed.status };
    },
  );

  api.get(
    '/api/v1/catalog/extremist/checks/:id/act.pdf',
    {
      schema: {
        tags: ['catalog'],
        summary: `The dated check act as PDF: commission, counts, confirmed documents and the copies written off or withheld by inventory number; a draft marked ПРОЕКТ while the check is open; refused while the matching runs (${WHO} of that network)`,
        params: ZIdParams,
      },
    },
    async (request, reply) => {
      const { check } = await loadCheck(request, request.params.id, false);
      try {
        assertMatched(check);
      } catch (error) {
        toProblem(error);
      }
      const pdf = await renderExtremistAct(await extremistActData(db, check));
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="fsem-act-${check.status === 'closed' ? '' : 'draft-'}${check.checkedOn}.pdf"`)
        .send(pdf);
    },
  );
}

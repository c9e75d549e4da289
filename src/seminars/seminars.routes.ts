/** Routes: outreach seminars, the rotation planner, protocols (JSON and PDF). */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireRole } from '../app/auth';
import { forbidden, notFound } from '../app/errors';
import type { App, AppServices } from '../app/http';
import { requestLanguage, t } from '../app/i18n';
import { auditActor, problems, ZIdParams, ZPaged } from '../app/route-helpers';
import { buildXlsx, sendXlsx } from '../app/xlsx';
import { findLibrary, findNetwork, resolveScope } from '../network';
import type { TLanguage } from '../staff/staff.schemas';
import { listDecisions } from './decisions.service';
import { renderProtocolPdf, type ProtocolLabels } from './protocol-pdf';
import { planRotation } from './rotation.service';
import {
  canManageSeminars,
  canReadSeminar,
  canUpdateTask,
  SEMINAR_MANAGER_ROLES,
  SEMINAR_READER_ROLES,
  seminarVisibility,
} from './seminars.policy';
import { ZRotationOut, ZSeminarDetail, ZSeminarOut, ZSeminarQuery, ZSeminarRow } from './seminars.route-schemas';
import { ZProtocolInput, ZRotationQuery, ZSeminarInput } from './seminars.schemas';
import { createSeminar, findSeminar, listParticipants, listSeminars, saveProtocol, updateSeminar } from './seminars.service';

export function protocolLabels(lang: TLanguage): ProtocolLabels {
  return {
    title: (number) => t(lang, 'protocol.title', { number: number || '___' }),
    ofSeminar: t(lang, 'protocol.of_seminar'),
    chair: t(lang, 'protocol.chair'),
    secretary: t(lang, 'protocol.secretary'),
    present: t(lang, 'protocol.present'),
    guests: t(lang, 'protocol.guests'),
    staff: t(lang, 'protocol.staff'),
    total: (count) => t(lang, 'protocol.total', { count }),
    speakers: t(lang, 'protocol.speakers'),
    agenda: t(lang, 'protocol.agenda'),
    heard: t(lang, 'protocol.heard'),
    spoke: t(lang, 'protocol.spoke'),
    questions: t(lang, 'protocol.questions'),
    question: t(lang, 'protocol.question'),
    answer: t(lang, 'protocol.answer'),
    decided: t(lang, 'protocol.decided'),
    responsible: t(lang, 'protocol.responsible'),
    due: t(lang, 'protocol.due'),
    conclusion: t(lang, 'protocol.conclusion'),
  };
}

export function registerSeminarRoutes(app: App, { database }: AppServices) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  const seminarForReading = async (request: Parameters<typeof requireRole>[0], id: string) => {
    const actor = requireRole(request, SEMINAR_READER_ROLES);
    const seminar = await findSeminar(db, id);
    if (!seminar) throw notFound();
    const scope = await resolveScope(db, actor);
    if (!canReadSeminar(actor.role, scope, seminar)) throw forbidden();
    return { actor, scope, seminar };
  };
  const seminarForChange = async (request: Parameters<typeof requireRole>[0], id: string) => {
    const actor = requireRole(request, SEMINAR_MANAGER_ROLES);
    const seminar = await findSeminar(db, id);
    if (!seminar) throw notFound();
    if (!canManageSeminars(actor.role, await resolveScope(db, actor), seminar.networkId)) throw forbidden();
    return { actor, seminar };
  };

  api.get(
    '/api/v1/seminars',
    {
      schema: {
        tags: ['seminars'],
        summary: "Outreach seminars of the person's networks (network staff; a municipal official: those hosted by their libraries)",
        querystring: ZSeminarQuery,
        response: { 200: ZPaged(ZSeminarRow), ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, SEMINAR_READER_ROLES);
      const result = await listSeminars(db, request.query, seminarVisibility(actor.role, await resolveScope(db, actor)));
      return { ...result, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  api.get(
    '/api/v1/seminars.xlsx',
    {
      schema: { tags: ['seminars'], summary: 'Outreach seminars as XLSX (as the list)', querystring: ZSeminarQuery.omit({ page: true, pageSize: true }) },
    },
    async (request, reply) => {
      const actor = requireRole(request, SEMINAR_READER_ROLES);
      const lang = requestLanguage(request);
      const { items } = await listSeminars(db, { ...request.query, page: 1, pageSize: 100000 }, seminarVisibility(actor.role, await resolveScope(db, actor)));
      const body = await buildXlsx(
        t(lang, 'sheet.seminars'),
        [
          { header: t(lang, 'col.date'), value: (r) => r.heldOn, width: 12 },
          { header: t(lang, 'col.number'), value: (r) => r.protocolNumber, width: 6 },
          { header: t(lang, 'col.theme'), value: (r) => r.theme, width: 40 },
          { header: t(lang, 'col.host'), value: (r) => r.hostLibraryName, width: 30 },
          { header: t(lang, 'col.status'), value: (r) => t(lang, `seminar.status.${r.status}`), width: 14 },
          { header: t(lang, 'task.status.open'), value: (r) => r.openTasks, width: 12 },
          { header: t(lang, 'col.overdue'), value: (r) => r.overdueTasks, width: 12 },
        ],
        items,
      );
      return sendXlsx(reply, 'seminars.xlsx', body);
    },
  );

  api.get(
    '/api/v1/networks/:id/seminar-rotation',
    {
      schema: {
        tags: ['seminars'],
        summary: 'Proposed host branches and dates for next seminars, every branch in turn (network admin, director, methodologist of the network)',
        params: ZIdParams,
        querystring: ZRotationQuery,
        response: { 200: ZRotationOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, SEMINAR_MANAGER_ROLES);
      const network = await findNetwork(db, request.params.id);
      if (!network) throw notFound();
      if (!canManageSeminars(actor.role, await resolveScope(db, actor), network.id)) throw forbidden();
      return planRotation(db, network.id, request.query.year, request.query.count);
    },
  );

  api.post(
    '/api/v1/networks/:id/seminars',
    {
      schema: {
        tags: ['seminars'],
        summary: 'Plan a seminar (network admin, director, methodologist of the network)',
        params: ZIdParams,
        body: ZSeminarInput,
        response: { 201: ZSeminarOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, SEMINAR_MANAGER_ROLES);
      const network = await findNetwork(db, request.params.id);
      if (!network) throw notFound();
      if (!canManageSeminars(actor.role, await resolveScope(db, actor), network.id)) throw forbidden();
      return reply.code(201).send(await createSeminar(db, auditActor(request, actor), network.id, request.body));
    },
  );

  api.get(
    '/api/v1/seminars/:id',
    {
      schema: {
        tags: ['seminars'],
        summary: 'A seminar with participants, protocol and decisions (network staff; an official: hosted by their library)',
        params: ZIdParams,
        response: { 200: ZSeminarDetail, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const { actor, scope, seminar } = await seminarForReading(request, request.params.id);
      const host = await findLibrary(db, seminar.hostLibraryId);
      const decisions = await listDecisions(db, seminar.id);
      return {
        ...seminar,
        hostLibraryName: host?.name ?? '',
        participants: await listParticipants(db, seminar.id),
        decisions: decisions.map((d) => ({ ...d, canUpdate: canUpdateTask(actor.role, scope, d) })),
        canManage: canManageSeminars(actor.role, scope, seminar.networkId),
      };
    },
  );

  api.put(
    '/api/v1/seminars/:id',
    {
      schema: {
        tags: ['seminars'],
        summary: 'Change a seminar: theme, agenda, date, host, status (network admin, director, methodologist of the network)',
        params: ZIdParams,
        body: ZSeminarInput,
        response: { 200: ZSeminarOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { actor, seminar } = await seminarForChange(request, request.params.id);
      return updateSeminar(db, auditActor(request, actor), seminar, request.body);
    },
  );

  api.put(
    '/api/v1/seminars/:id/protocol',
    {
      schema: {
        tags: ['seminars'],
        summary: 'Write the protocol and the participants (network admin, director, methodologist of the network)',
        params: ZIdParams,
        body: ZProtocolInput,
        response: { 200: ZSeminarOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { actor, seminar } = await seminarForChange(request, request.params.id);
      return saveProtocol(db, auditActor(request, actor), seminar, request.body);
    },
  );

  api.get(
    '/api/v1/seminars/:id/protocol.pdf',
    {
      schema: {
        tags: ['seminars'],
        summary: 'The protocol as a printable PDF (whoever may read the seminar)',
        params: ZIdParams,
      },
    },
    async (request, reply) => {
      const { seminar } = await seminarForReading(request, request.params.id);
      const [network, host, participants, decisions] = await Promise.all([
        findNetwork(db, seminar.networkId),
        findLibrary(db, seminar.hostLibraryId),
        listParticipants(db, seminar.id),
        listDecisions(db, seminar.id),
      ]);
      const pdf = await renderProtocolPdf(
        {
          organisation: network?.name ?? '',
          protocolNumber: seminar.protocolNumber,
          theme: seminar.theme,
          heldOn: seminar.heldOn,
          place: seminar.place || [host?.name, host?.settlement].filter(Boolean).join(', '),
          agenda: seminar.agenda,
          protocol: seminar.protocol ?? { chair: '', secretary: '', attendeesTotal: null, heard: [], spoke: [], questions: [], conclusion: '' },
          participants,
          decisions,
        },
        protocolLabels(requestLanguage(request)),
      );
      const name = `protocol-${seminar.heldOn}.pdf`;
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}"`).send(pdf);
    },
  );
}

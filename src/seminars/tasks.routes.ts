/** Routes: decisions of seminar protocols, tracked as tasks until done. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireRole } from '../app/auth';
import { forbidden, notFound } from '../app/errors';
import type { App, AppServices } from '../app/http';
import { requestLanguage, t } from '../app/i18n';
import { auditActor, problems, ZIdParams, ZPaged } from '../app/route-helpers';
import { buildXlsx, sendXlsx } from '../app/xlsx';
import { resolveScope } from '../network';
import { addDecision, findDecision, listTasks, recordTaskProgress, updateDecision } from './decisions.service';
import {
  canManageSeminars,
  canUpdateTask,
  SEMINAR_MANAGER_ROLES,
  SEMINAR_READER_ROLES,
  TASK_UPDATER_ROLES,
  taskVisibility,
} from './seminars.policy';
import { ZDecisionOut, ZTaskQuery, ZTaskRow } from './seminars.route-schemas';
import { ZDecisionInput, ZTaskProgress } from './seminars.schemas';
import { findSeminar } from './seminars.service';

export function registerTaskRoutes(app: App, { database }: AppServices) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  const tasksFor = async (request: Parameters<typeof requireRole>[0], query: Parameters<typeof listTasks>[1]) => {
    const actor = requireRole(request, SEMINAR_READER_ROLES);
    const scope = await resolveScope(db, actor);
    const result = await listTasks(db, query, taskVisibility(actor.role, scope));
    return { ...result, items: result.items.map((task) => ({ ...task, canUpdate: canUpdateTask(actor.role, scope, task) })) };
  };

  api.get(
    '/api/v1/seminar-tasks',
    {
      schema: {
        tags: ['seminars'],
        summary: "Decisions of seminars as tasks, soonest due first (managers: their networks'; other staff and officials: their libraries')",
        querystring: ZTaskQuery,
        response: { 200: ZPaged(ZTaskRow), ...problems(401, 403, 422) },
      },
    },
    async (request) => ({ ...(await tasksFor(request, request.query)), page: request.query.page, pageSize: request.query.pageSize }),
  );

  api.get(
    '/api/v1/seminar-tasks.xlsx',
    {
      schema: { tags: ['seminars'], summary: 'Seminar tasks as XLSX (as the list)', querystring: ZTaskQuery.omit({ page: true, pageSize: true }) },
    },
    async (request, reply) => {
      const lang = requestLanguage(request);
      const { items } = await tasksFor(request, { ...request.query, page: 1, pageSize: 100000 });
      const body = await buildXlsx(
        t(lang, 'sheet.tasks'),
        [
          { header: t(lang, 'col.theme'), value: (r) => `${r.seminarHeldOn} ${r.seminarTheme}`, width: 30 },
          { header: t(lang, 'col.library'), value: (r) => r.libraryName, width: 26 },
          { header: t(lang, 'col.decision'), value: (r) => r.text, width: 50 },
          { header: t(lang, 'col.responsible'), value: (r) => r.responsible, width: 24 },
          { header: t(lang, 'col.due'), value: (r) => r.dueOn, width: 12 },
          { header: t(lang, 'col.status'), value: (r) => t(lang, `task.status.${r.status}`), width: 14 },
          { header: t(lang, 'col.done_on'), value: (r) => r.doneOn, width: 12 },
          { header: t(lang, 'col.overdue'), value: (r) => t(lang, r.isOverdue ? 'col.yes' : 'col.no'), width: 10 },
          { header: t(lang, 'col.note'), value: (r) => r.note, width: 30 },
        ],
        items,
      );
      return sendXlsx(reply, 'seminar-tasks.xlsx', body);
    },
  );

  api.post(
    '/api/v1/seminars/:id/decisions',
    {
      schema: {
        tags: ['seminars'],
        summary: 'Add a decision (a task) to the protocol (network admin, director, methodologist of the network)',
        params: ZIdParams,
        body: ZDecisionInput,
        response: { 201: ZDecisionOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, SEMINAR_MANAGER_ROLES);
      const seminar = await findSeminar(db, request.params.id);
      if (!seminar) throw notFound();
      if (!canManageSeminars(actor.role, await resolveScope(db, actor), seminar.networkId)) throw forbidden();
      return reply.code(201).send(await addDecision(db, auditActor(request, actor), seminar, request.body));
    },
  );

  api.put(
    '/api/v1/seminar-decisions/:id',
    {
      schema: {
        tags: ['seminars'],
        summary: 'Change a decision: text, responsible, due date, status (network admin, director, methodologist of the network)',
        params: ZIdParams,
        body: ZDecisionInput,
        response: { 200: ZDecisionOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, SEMINAR_MANAGER_ROLES);
      const found = await findDecision(db, request.params.id);
      if (!found) throw notFound();
      if (!canManageSeminars(actor.role, await resolveScope(db, actor), found.seminar.networkId)) throw forbidden();
      return updateDecision(db, auditActor(request, actor), found.seminar, found.decision, request.body);
    },
  );

  api.post(
    '/api/v1/seminar-decisions/:id/progress',
    {
      schema: {
        tags: ['seminars'],
        summary: "Mark a task done (date, note) or reopen it (network managers; a librarian: tasks of their own library)",
        params: ZIdParams,
        body: ZTaskProgress,
        response: { 200: ZDecisionOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, TASK_UPDATER_ROLES);
      const found = await findDecision(db, request.params.id);
      if (!found) throw notFound();
      const task = { networkId: found.seminar.networkId, libraryId: found.decision.libraryId };
      if (!canUpdateTask(actor.role, await resolveScope(db, actor), task)) throw forbidden();
      return recordTaskProgress(db, auditActor(request, actor), found.seminar, found.decision, request.body);
    },
  );
}

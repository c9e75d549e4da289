/** Routes: monitoring checklists and checks of libraries. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../app/auth';
import { AppError, forbidden, notFound } from '../app/errors';
import type { App, AppContext } from '../app/http';
import { auditActor, problems, ZIdParams } from '../app/route-helpers';
import { findLibrary, findNetwork } from './libraries.service';
import { findCheck, findChecklist, listChecklists, listChecks, saveCheck, saveChecklist } from './monitoring.service';
import { canManageNetwork, canMonitorLibrary, canReadLibrary, canReadNetwork, MANAGER_ROLES, STAFF_ROLES } from './network.policy';
import { ZChecklistOut, ZCheckOut } from './network.route-schemas';
import { ZChecklistInput, ZMonitoringCheckInput, type TMonitoringCheckInput } from './network.schemas';
import { resolveScope } from './network.scope';

export function registerMonitoringRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/networks/:id/checklists',
    {
      schema: {
        tags: ['monitoring'],
        summary: "A network's monitoring checklists (staff of that network)",
        params: ZIdParams,
        response: { 200: z.array(ZChecklistOut), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireRole(request, STAFF_ROLES);
      const network = await findNetwork(db, request.params.id);
      if (!network) throw notFound();
      if (!canReadNetwork(actor.role, await resolveScope(db, actor), network.id)) throw forbidden();
      return listChecklists(db, network.id);
    },
  );

  api.post(
    '/api/v1/networks/:id/checklists',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Define a monitoring checklist (network admin, director, methodologist of that network)',
        params: ZIdParams,
        body: ZChecklistInput,
        response: { 201: ZChecklistOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, MANAGER_ROLES);
      const network = await findNetwork(db, request.params.id);
      if (!network) throw notFound();
      if (!canManageNetwork(actor.role, await resolveScope(db, actor), network.id)) throw forbidden();
      return reply.code(201).send(await saveChecklist(db, auditActor(request, actor), network.id, request.body));
    },
  );

  api.put(
    '/api/v1/checklists/:id',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Change a monitoring checklist (network admin, director, methodologist of its network)',
        params: ZIdParams,
        body: ZChecklistInput,
        response: { 200: ZChecklistOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, MANAGER_ROLES);
      const list = await findChecklist(db, request.params.id);
      if (!list) throw notFound();
      if (!canManageNetwork(actor.role, await resolveScope(db, actor), list.networkId)) throw forbidden();
      return saveChecklist(db, auditActor(request, actor), list.networkId, request.body, list.id);
    },
  );

  api.get(
    '/api/v1/libraries/:id/checks',
    {
      schema: {
        tags: ['monitoring'],
        summary: "A library's monitoring checks, newest first (staff who may read the library)",
        params: ZIdParams,
        response: { 200: z.array(ZCheckOut.extend({ checklistName: z.string() })), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireRole(request, STAFF_ROLES);
      const lib = await findLibrary(db, request.params.id);
      if (!lib) throw notFound();
      if (!canReadLibrary(actor.role, await resolveScope(db, actor), lib)) throw forbidden();
      return listChecks(db, lib.id);
    },
  );

  /** A check must use a checklist of the library's own network and answer only its items. */
  async function assertCheckMatchesChecklist(networkId: string, input: TMonitoringCheckInput) {
    const list = await findChecklist(db, input.checklistId);
    const known = new Set(list?.items.map((i) => i.key));
    const badIndex = input.results.findIndex((r) => !known.has(r.key));
    if (!list || list.networkId !== networkId) {
      throw new AppError(422, 'validation_failed', 'error.validation', [{ field: 'checklistId', code: 'invalid', key: 'validation.invalid' }]);
    }
    if (badIndex >= 0) {
      throw new AppError(422, 'validation_failed', 'error.validation', [{ field: `results.${badIndex}.key`, code: 'invalid', key: 'validation.invalid_option' }]);
    }
  }

  api.post(
    '/api/v1/libraries/:id/checks',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Record a monitoring check of a library (network admin, director, methodologist in scope)',
        params: ZIdParams,
        body: ZMonitoringCheckInput,
        response: { 201: ZCheckOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, MANAGER_ROLES);
      const lib = await findLibrary(db, request.params.id);
      if (!lib) throw notFound();
      if (!canMonitorLibrary(actor.role, await resolveScope(db, actor), lib)) throw forbidden();
      await assertCheckMatchesChecklist(lib.networkId, request.body);
      return reply.code(201).send(await saveCheck(db, auditActor(request, actor), lib, request.body));
    },
  );

  api.put(
    '/api/v1/checks/:id',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Change a monitoring check, e.g. mark the follow-up done (network admin, director, methodologist)',
        params: ZIdParams,
        body: ZMonitoringCheckInput,
        response: { 200: ZCheckOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, MANAGER_ROLES);
      const check = await findCheck(db, request.params.id);
      const lib = check ? await findLibrary(db, check.libraryId) : null;
      if (!check || !lib) throw notFound();
      if (!canMonitorLibrary(actor.role, await resolveScope(db, actor), lib)) throw forbidden();
      await assertCheckMatchesChecklist(lib.networkId, request.body);
      return saveCheck(db, auditActor(request, actor), lib, request.body, check.id);
    },
  );
}

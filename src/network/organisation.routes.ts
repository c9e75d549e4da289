/** Routes: creating regions and networks, and renaming a network. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../app/auth';
import { AppError, forbidden, notFound } from '../app/errors';
import type { App, AppContext } from '../app/http';
import { auditActor, problems, ZIdParams, ZTimestamp } from '../app/route-helpers';
import { findNetwork } from './libraries.service';
import { canManageNetwork, MANAGER_ROLES } from './network.policy';
import { ZNetworkInput, ZRegionInput } from './network.schemas';
import { resolveScope } from './network.scope';
import { createRegion, findRegion, saveNetwork } from './organisation.service';

const ZRegionOut = z.object({ id: z.uuid(), name: z.string(), createdAt: ZTimestamp });
const ZNetworkRecord = z.object({
  id: z.uuid(),
  regionId: z.uuid(),
  name: z.string(),
  shortName: z.string(),
  country: z.string(),
  createdAt: ZTimestamp,
});

export function registerOrganisationRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/v1/regions',
    {
      schema: {
        tags: ['network'],
        summary: 'Add a region (network admin of the whole installation)',
        body: ZRegionInput,
        response: { 201: ZRegionOut, ...problems(401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, ['network_admin']);
      if (actor.scopeKind !== 'installation') throw forbidden();
      return reply.code(201).send(await createRegion(db, auditActor(request, actor), request.body));
    },
  );

  api.post(
    '/api/v1/networks',
    {
      schema: {
        tags: ['network'],
        summary: 'Add a library network (ЦБС) to a region (network admin of the installation or of that region)',
        body: ZNetworkInput,
        response: { 201: ZNetworkRecord, ...problems(401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, ['network_admin']);
      const region = await findRegion(db, request.body.regionId);
      if (!region) {
        throw new AppError(422, 'validation_failed', 'error.validation', [{ field: 'regionId', code: 'invalid', key: 'validation.invalid' }]);
      }
      const scope = await resolveScope(db, actor);
      if (!scope.isAll && !scope.regionIds.has(region.id)) throw forbidden();
      return reply.code(201).send(await saveNetwork(db, auditActor(request, actor), request.body, null));
    },
  );

  api.put(
    '/api/v1/networks/:id',
    {
      schema: {
        tags: ['network'],
        summary: "Rename a network or set its country (network admin, director, methodologist of that network); the region stays",
        params: ZIdParams,
        body: ZNetworkInput,
        response: { 200: ZNetworkRecord, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, MANAGER_ROLES);
      const network = await findNetwork(db, request.params.id);
      if (!network) throw notFound();
      if (!canManageNetwork(actor.role, await resolveScope(db, actor), network.id)) throw forbidden();
      return saveNetwork(db, auditActor(request, actor), { ...request.body, regionId: network.regionId }, network);
    },
  );
}

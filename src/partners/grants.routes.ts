/** Routes: grants and contests (financial: network admin, director, methodologist in scope). */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireRole } from '../app/auth';
import { forbidden, notFound } from '../app/errors';
import type { App, AppServices } from '../app/http';
import { requestLanguage, t } from '../app/i18n';
import { auditActor, problems, ZIdParams, ZPaged } from '../app/route-helpers';
import { buildXlsx, sendXlsx } from '../app/xlsx';
import { findNetwork, resolveScope, type ResolvedScope } from '../network';
import { createGrant, findGrant, listGrants, updateGrant, type GrantVisibility } from './grants.service';
import { canHandleGrant, FINANCE_ROLES } from './partners.policy';
import { ZGrantOut, ZGrantQuery, ZGrantRow } from './partners.route-schemas';
import { ZGrantInput } from './partners.schemas';

function grantVisibility(scope: ResolvedScope): GrantVisibility | null {
  return scope.isAll ? null : { networkIds: [...scope.networkIds], libraryIds: [...scope.libraryIds] };
}

export function registerGrantRoutes(app: App, { database }: AppServices) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/grants',
    {
      schema: {
        tags: ['partners'],
        summary: 'Grants and contests in scope (network admin, director, methodologist)',
        querystring: ZGrantQuery,
        response: { 200: ZPaged(ZGrantRow), ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, FINANCE_ROLES);
      const result = await listGrants(db, request.query, grantVisibility(await resolveScope(db, actor)));
      return { ...result, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  api.get(
    '/api/v1/grants.xlsx',
    {
      schema: { tags: ['partners'], summary: 'Grants as XLSX (network admin, director, methodologist)', querystring: ZGrantQuery.omit({ page: true, pageSize: true }) },
    },
    async (request, reply) => {
      const actor = requireRole(request, FINANCE_ROLES);
      const lang = requestLanguage(request);
      const { items } = await listGrants(db, { ...request.query, page: 1, pageSize: 100000 }, grantVisibility(await resolveScope(db, actor)));
      const body = await buildXlsx(
        t(lang, 'sheet.grants'),
        [
          { header: t(lang, 'col.title'), value: (r) => r.title, width: 36 },
          { header: t(lang, 'col.partner'), value: (r) => r.partnerName, width: 26 },
          { header: t(lang, 'col.library'), value: (r) => r.libraryName, width: 26 },
          { header: t(lang, 'col.status'), value: (r) => t(lang, `grant.status.${r.status}`), width: 14 },
          { header: t(lang, 'col.requested'), value: (r) => r.requestedAmount, width: 14 },
          { header: t(lang, 'col.awarded'), value: (r) => r.awardedAmount, width: 14 },
          { header: t(lang, 'col.currency'), value: (r) => r.currency, width: 8 },
          { header: t(lang, 'col.report_due'), value: (r) => r.reportDue, width: 12 },
        ],
        items,
      );
      return sendXlsx(reply, 'grants.xlsx', body);
    },
  );

  api.post(
    '/api/v1/networks/:id/grants',
    {
      schema: {
        tags: ['partners'],
        summary: 'Record a grant application or contest entry (network admin, director, methodologist; for a library in scope or the whole network)',
        params: ZIdParams,
        body: ZGrantInput,
        response: { 201: ZGrantOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, FINANCE_ROLES);
      const network = await findNetwork(db, request.params.id);
      if (!network) throw notFound();
      const scope = await resolveScope(db, actor);
      if (!canHandleGrant(actor.role, scope, { networkId: network.id, libraryId: request.body.libraryId })) throw forbidden();
      return reply.code(201).send(await createGrant(db, auditActor(request, actor), network.id, request.body));
    },
  );

  api.put(
    '/api/v1/grants/:id',
    {
      schema: {
        tags: ['partners'],
        summary: 'Change a grant: status, amounts, dates (network admin, director, methodologist in scope)',
        params: ZIdParams,
        body: ZGrantInput,
        response: { 200: ZGrantOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, FINANCE_ROLES);
      const grant = await findGrant(db, request.params.id);
      if (!grant) throw notFound();
      const scope = await resolveScope(db, actor);
      if (!canHandleGrant(actor.role, scope, grant) || !canHandleGrant(actor.role, scope, { networkId: grant.networkId, libraryId: request.body.libraryId })) {
        throw forbidden();
      }
      return updateGrant(db, auditActor(request, actor), grant, request.body);
    },
  );
}

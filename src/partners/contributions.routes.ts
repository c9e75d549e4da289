/** Routes: the ledger of contributions and its sums (financial: network admin, director, methodologist in scope). */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../app/auth';
import { forbidden, notFound } from '../app/errors';
import type { App, AppServices } from '../app/http';
import { requestLanguage, t } from '../app/i18n';
import { auditActor, problems, ZIdParams, ZPaged } from '../app/route-helpers';
import { buildXlsx, sendXlsx } from '../app/xlsx';
import { resolveScope } from '../network';
import {
  createContribution,
  deleteContribution,
  findContribution,
  listContributions,
  updateContribution,
} from './contributions.service';
import { sumContributions } from './contributions.sums';
import { canHandleLibraryFinance, FINANCE_ROLES, financeLibraryFilter } from './partners.policy';
import { ZContributionOut, ZContributionQuery, ZContributionRow, ZSumQuery, ZSumRow } from './partners.route-schemas';
import { ZContributionInput } from './partners.schemas';

export function registerContributionRoutes(app: App, { database }: AppServices) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  const visibleLibraries = async (actor: Parameters<typeof resolveScope>[1] & { role: (typeof FINANCE_ROLES)[number] }) =>
    financeLibraryFilter(actor.role, await resolveScope(db, actor));

  api.get(
    '/api/v1/contributions',
    {
      schema: {
        tags: ['partners'],
        summary: 'Contributions received by libraries in scope (network admin, director, methodologist)',
        querystring: ZContributionQuery,
        response: { 200: ZPaged(ZContributionRow), ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, FINANCE_ROLES);
      const result = await listContributions(db, request.query, await visibleLibraries(actor));
      return { ...result, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  api.get(
    '/api/v1/contributions.xlsx',
    {
      schema: {
        tags: ['partners'],
        summary: 'Contributions as XLSX (network admin, director, methodologist)',
        querystring: ZContributionQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, FINANCE_ROLES);
      const lang = requestLanguage(request);
      const { items } = await listContributions(db, { ...request.query, page: 1, pageSize: 100000 }, await visibleLibraries(actor));
      const body = await buildXlsx(
        t(lang, 'sheet.contributions'),
        [
          { header: t(lang, 'col.date'), value: (r) => r.receivedOn, width: 12 },
          { header: t(lang, 'col.library'), value: (r) => r.libraryName, width: 30 },
          { header: t(lang, 'col.partner'), value: (r) => r.partnerName, width: 30 },
          { header: t(lang, 'col.kind'), value: (r) => t(lang, `contribution.kind.${r.kind}`), width: 18 },
          { header: t(lang, 'col.purpose'), value: (r) => r.purpose, width: 36 },
          { header: t(lang, 'col.quantity'), value: (r) => r.quantity, width: 10 },
          { header: t(lang, 'col.value'), value: (r) => r.value, width: 14 },
          { header: t(lang, 'col.currency'), value: (r) => r.currency, width: 8 },
        ],
        items,
      );
      return sendXlsx(reply, 'contributions.xlsx', body);
    },
  );

  api.get(
    '/api/v1/contributions/sums',
    {
      schema: {
        tags: ['partners'],
        summary: 'Sums of contributions per library, partner, year or kind, per currency (network admin, director, methodologist)',
        querystring: ZSumQuery,
        response: { 200: z.array(ZSumRow), ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, FINANCE_ROLES);
      return sumContributions(db, request.query, await visibleLibraries(actor));
    },
  );

  api.post(
    '/api/v1/contributions',
    {
      schema: {
        tags: ['partners'],
        summary: "Record a contribution to a library (network admin, director, methodologist with the library in scope)",
        body: ZContributionInput,
        response: { 201: ZContributionOut, ...problems(401, 403, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, FINANCE_ROLES);
      if (!canHandleLibraryFinance(actor.role, await resolveScope(db, actor), request.body.libraryId)) throw forbidden();
      return reply.code(201).send(await createContribution(db, auditActor(request, actor), request.body));
    },
  );

  const contributionForChange = async (request: Parameters<typeof requireRole>[0], id: string, libraryId?: string) => {
    const actor = requireRole(request, FINANCE_ROLES);
    const before = await findContribution(db, id);
    if (!before) throw notFound();
    const scope = await resolveScope(db, actor);
    if (!canHandleLibraryFinance(actor.role, scope, before.libraryId)) throw forbidden();
    if (libraryId && !canHandleLibraryFinance(actor.role, scope, libraryId)) throw forbidden();
    return { actor, before };
  };

  api.put(
    '/api/v1/contributions/:id',
    {
      schema: {
        tags: ['partners'],
        summary: 'Change a contribution (network admin, director, methodologist with the library in scope)',
        params: ZIdParams,
        body: ZContributionInput,
        response: { 200: ZContributionOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { actor, before } = await contributionForChange(request, request.params.id, request.body.libraryId);
      return updateContribution(db, auditActor(request, actor), before, request.body);
    },
  );

  api.delete(
    '/api/v1/contributions/:id',
    {
      schema: {
        tags: ['partners'],
        summary: 'Delete a contribution recorded by mistake (network admin, director, methodologist with the library in scope)',
        params: ZIdParams,
        response: { 204: z.null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { actor, before } = await contributionForChange(request, request.params.id);
      await deleteContribution(db, auditActor(request, actor), before);
      return reply.code(204).send(null);
    },
  );
}

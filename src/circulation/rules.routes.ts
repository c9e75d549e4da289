/** Routes of the network's loan rules and circulation settings. */
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../app/auth';
import { AppError, forbidden, notFound } from '../app/errors';
import type { App, AppContext } from '../app/http';
import { auditActor, problems, ZIdParams } from '../app/route-helpers';
import { findLibrary, resolveScope } from '../network';
import { readerCategories } from '../readers';
import { eq } from 'drizzle-orm';
import { canEditRules, canReadRules, RULE_EDITOR_ROLES, RULE_READER_ROLES } from './circulation.policy';
import { ZLoanRuleOut, ZSettingsOut } from './circulation.route-schemas';
import { ZLoanRuleInput, ZSettingsInput, type TLoanRuleInput } from './circulation.schemas';
import { BUILT_IN_RULE } from './rules';
import {
  createLoanRule,
  deleteLoanRule,
  findLoanRule,
  getCirculationSettings,
  listLoanRules,
  saveCirculationSettings,
  updateLoanRule,
} from './rules.service';

const ZNetworkQuery = z.object({ networkId: z.uuid() });
const invalid = (field: string) => new AppError(422, 'validation_failed', 'error.validation', [{ field, code: 'invalid', key: 'validation.invalid' }]);

export function registerRuleRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  async function editor(request: FastifyRequest, networkId: string) {
    const actor = requireRole(request, RULE_EDITOR_ROLES);
    if (!canEditRules(actor.role, await resolveScope(db, actor), networkId)) throw forbidden();
    return actor;
  }

  /** The library and category of a rule must belong to the rule's network. */
  async function checkRuleInput(input: TLoanRuleInput) {
    if (input.libraryId) {
      const lib = await findLibrary(db, input.libraryId);
      if (!lib || lib.networkId !== input.networkId) throw invalid('libraryId');
    }
    if (input.readerCategoryId) {
      const [category] = await db.select().from(readerCategories).where(eq(readerCategories.id, input.readerCategoryId));
      if (!category || category.networkId !== input.networkId) throw invalid('readerCategoryId');
    }
  }

  api.get(
    '/api/v1/circulation/rules',
    {
      schema: {
        tags: ['circulation'],
        summary: "A network's loan rules: its default and overrides per library, reader category and item type (network admin, director, methodologist, librarian of the network)",
        querystring: ZNetworkQuery,
        response: { 200: z.object({ builtIn: ZLoanRuleOut.pick({ loanDays: true, maxItems: true, maxRenewals: true, holdsAllowed: true }), rules: z.array(ZLoanRuleOut) }), ...problems(401, 403) },
      },
    },
    async (request) => {
      const actor = requireRole(request, RULE_READER_ROLES);
      if (!canReadRules(actor.role, await resolveScope(db, actor), request.query.networkId)) throw forbidden();
      return { builtIn: BUILT_IN_RULE, rules: await listLoanRules(db, request.query.networkId) };
    },
  );

  api.post(
    '/api/v1/circulation/rules',
    {
      schema: {
        tags: ['circulation'],
        summary: "Add a loan rule to their network (network admin, director of the network)",
        body: ZLoanRuleInput,
        response: { 201: ZLoanRuleOut, ...problems(401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = await editor(request, request.body.networkId);
      await checkRuleInput(request.body);
      return reply.code(201).send(await createLoanRule(db, auditActor(request, actor), request.body));
    },
  );

  api.put(
    '/api/v1/circulation/rules/:id',
    {
      schema: {
        tags: ['circulation'],
        summary: 'Change a loan rule of their network (network admin, director of the network)',
        params: ZIdParams,
        body: ZLoanRuleInput,
        response: { 200: ZLoanRuleOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const rule = await findLoanRule(db, request.params.id);
      if (!rule) {
        requireRole(request, RULE_EDITOR_ROLES);
        throw notFound();
      }
      const actor = await editor(request, rule.networkId);
      const input = { ...request.body, networkId: rule.networkId };
      await checkRuleInput(input);
      return updateLoanRule(db, auditActor(request, actor), rule, input);
    },
  );

  api.delete(
    '/api/v1/circulation/rules/:id',
    {
      schema: {
        tags: ['circulation'],
        summary: 'Delete a loan rule of their network (network admin, director of the network)',
        params: ZIdParams,
        response: { 204: z.null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const rule = await findLoanRule(db, request.params.id);
      if (!rule) {
        requireRole(request, RULE_EDITOR_ROLES);
        throw notFound();
      }
      const actor = await editor(request, rule.networkId);
      await deleteLoanRule(db, auditActor(request, actor), rule);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/api/v1/circulation/settings',
    {
      schema: {
        tags: ['circulation'],
        summary: "A network's circulation settings: hold shelf days, automatic block after overdue days (network admin, director, methodologist, librarian of the network)",
        querystring: ZNetworkQuery,
        response: { 200: ZSettingsOut, ...problems(401, 403) },
      },
    },
    async (request) => {
      const actor = requireRole(request, RULE_READER_ROLES);
      if (!canReadRules(actor.role, await resolveScope(db, actor), request.query.networkId)) throw forbidden();
      return getCirculationSettings(db, request.query.networkId);
    },
  );

  api.put(
    '/api/v1/circulation/settings',
    {
      schema: {
        tags: ['circulation'],
        summary: "Change a network's circulation settings (network admin, director of the network)",
        querystring: ZNetworkQuery,
        body: ZSettingsInput,
        response: { 200: ZSettingsOut, ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const actor = await editor(request, request.query.networkId);
      return saveCirculationSettings(db, auditActor(request, actor), request.query.networkId, request.body);
    },
  );
}

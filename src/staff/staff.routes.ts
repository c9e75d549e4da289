/** Routes: the session (login, logout, password, language) and staff accounts. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearSessionCookie, createSession, requireActor, requireRole, SESSION_COOKIE } from '../app/auth';
import { AppError, forbidden, notFound } from '../app/errors';
import type { App, AppContext } from '../app/http';
import { auditActor, problems, ZIdParams, ZPaged, ZPageQuery, ZTimestamp } from '../app/route-helpers';
import { networkOfScopeNode, resolveScope, scopeContainsNode } from '../network';
import { STAFF_ADMIN_ROLES, STAFF_READER_ROLES } from './staff.policy';
import { ZLanguage, ZLoginRequest, ZPassword, ZRole, ZStaffInput } from './staff.schemas';
import {
  createStaff,
  deleteSession,
  findStaff,
  listStaff,
  setLanguage,
  setPassword,
  updateStaff,
  verifyLogin,
} from './staff.service';

const ZStaffOut = z.object({
  id: z.uuid(),
  login: z.string(),
  fullName: z.string(),
  email: z.string(),
  position: z.string(),
  role: ZRole,
  scopeKind: z.string(),
  scopeId: z.string().nullable(),
  libraryId: z.string().nullable(),
  language: ZLanguage,
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

const ZSessionOut = z.object({
  user: z.object({
    id: z.uuid(),
    login: z.string(),
    fullName: z.string(),
    role: ZRole,
    scopeKind: z.string(),
    scopeId: z.string().nullable(),
    libraryId: z.string().nullable(),
    language: ZLanguage,
    mustChangePassword: z.boolean(),
  }),
  csrfToken: z.string(),
});

export function registerStaffRoutes(app: App, { database, config }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/session',
    {
      schema: {
        tags: ['session'],
        summary: 'The signed-in staff member and the CSRF token (any signed-in staff member)',
        response: { 200: ZSessionOut, ...problems(401) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { csrfToken, tokenHash: _t, ...user } = actor;
      return { user, csrfToken };
    },
  );

  api.post(
    '/api/v1/session',
    {
      config: { rateLimit: { max: config.loginLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['session'],
        summary: 'Log in (anyone; rate-limited)',
        body: ZLoginRequest,
        response: { 200: ZSessionOut, ...problems(401, 422, 429) },
      },
    },
    async (request, reply) => {
      const user = await verifyLogin(db, request.body.login, request.body.password);
      if (!user) throw new AppError(401, 'login_failed', 'error.login_failed');
      const { token, csrfToken } = await createSession(db, user.id, config.sessionDays, request.ip, request.headers['user-agent'] ?? '');
      reply.setCookie(SESSION_COOKIE, token, app.sessionCookieOptions(request));
      return {
        user: {
          id: user.id,
          login: user.login,
          fullName: user.fullName,
          role: user.role,
          scopeKind: user.scopeKind,
          scopeId: user.scopeId,
          libraryId: user.libraryId,
          language: user.language,
          mustChangePassword: user.mustChangePassword,
        },
        csrfToken,
      };
    },
  );

  api.delete(
    '/api/v1/session',
    { schema: { tags: ['session'], summary: 'Log out (signed-in staff)', response: { 204: z.null(), ...problems(401) } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await deleteSession(db, actor.tokenHash);
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/v1/session/password',
    {
      schema: {
        tags: ['session'],
        summary: 'Change own password (signed-in staff); other sessions end',
        body: z.object({ currentPassword: z.string().min(1), newPassword: ZPassword }),
        response: { 204: z.null(), ...problems(401, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const user = await verifyLogin(db, actor.login, request.body.currentPassword);
      if (!user) throw new AppError(422, 'password_wrong', 'error.password_wrong', [{ field: 'currentPassword', code: 'password_wrong', key: 'error.password_wrong' }]);
      await setPassword(db, auditActor(request, actor), user, request.body.newPassword, {
        isReset: false,
        keepSessionHash: actor.tokenHash,
        networkId: await networkOfScopeNode(db, user.scopeKind, user.scopeId),
      });
      return reply.code(204).send(null);
    },
  );

  api.put(
    '/api/v1/session/language',
    {
      schema: {
        tags: ['session'],
        summary: 'Choose the interface language (signed-in staff)',
        body: z.object({ language: ZLanguage }),
        response: { 204: z.null(), ...problems(401, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await setLanguage(db, actor.id, request.body.language);
      return reply.code(204).send(null);
    },
  );

  /** The subtree of people a staff admin/reader may see. */
  async function staffVisibility(actorScope: Awaited<ReturnType<typeof resolveScope>>) {
    if (actorScope.isAll) return null;
    return {
      scopeIds: [...actorScope.regionIds, ...actorScope.networkIds, ...actorScope.libraryIds, ...actorScope.municipalityIds],
      libraryIds: [...actorScope.libraryIds],
    };
  }

  api.get(
    '/api/v1/staff',
    {
      schema: {
        tags: ['staff'],
        summary: 'Staff accounts in scope (network admin, director, methodologist)',
        querystring: ZPageQuery.extend({ q: z.string().max(100).optional(), role: ZRole.optional(), libraryId: z.uuid().optional() }),
        response: { 200: ZPaged(ZStaffOut), ...problems(401, 403) },
      },
    },
    async (request) => {
      const actor = requireRole(request, STAFF_READER_ROLES);
      const scope = await resolveScope(db, actor);
      const result = await listStaff(db, request.query, await staffVisibility(scope));
      return { ...result, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  async function assertGrantable(actorScope: Awaited<ReturnType<typeof resolveScope>>, input: z.infer<typeof ZStaffInput>) {
    const inside = await scopeContainsNode(db, actorScope, input.scopeKind, input.scopeId);
    const libraryInside = !input.libraryId || actorScope.isAll || actorScope.libraryIds.has(input.libraryId);
    if (!inside || !libraryInside) {
      throw new AppError(422, 'scope_invalid', 'error.scope_invalid', [{ field: 'scopeId', code: 'scope_invalid', key: 'error.scope_invalid' }]);
    }
  }

  api.post(
    '/api/v1/staff',
    {
      schema: {
        tags: ['staff'],
        summary: 'Create a staff account inside own scope (network admin)',
        body: ZStaffInput.extend({ password: ZPassword }),
        response: { 201: ZStaffOut, ...problems(401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, STAFF_ADMIN_ROLES);
      const scope = await resolveScope(db, actor);
      const { password, ...input } = request.body;
      await assertGrantable(scope, input);
      const networkId = await networkOfScopeNode(db, input.scopeKind, input.scopeId);
      const created = await createStaff(db, auditActor(request, actor), input, password, { networkId, libraryId: input.libraryId });
      return reply.code(201).send(created);
    },
  );

  async function loadManageable(request: Parameters<typeof requireActor>[0], id: string) {
    const actor = requireRole(request, STAFF_ADMIN_ROLES);
    const scope = await resolveScope(db, actor);
    const user = await findStaff(db, id);
    if (!user) throw notFound();
    if (!(await scopeContainsNode(db, scope, user.scopeKind, user.scopeId))) throw forbidden();
    return { actor, scope, user };
  }

  api.get(
    '/api/v1/staff/:id',
    {
      schema: {
        tags: ['staff'],
        summary: 'One staff account (network admin, director, methodologist; in scope)',
        params: ZIdParams,
        response: { 200: ZStaffOut, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireRole(request, STAFF_READER_ROLES);
      const scope = await resolveScope(db, actor);
      const user = await findStaff(db, request.params.id);
      if (!user) throw notFound();
      const visible = (await scopeContainsNode(db, scope, user.scopeKind, user.scopeId)) || (user.libraryId && scope.libraryIds.has(user.libraryId));
      if (!visible) throw forbidden();
      const { passwordHash: _h, ...rest } = user;
      return rest;
    },
  );

  api.put(
    '/api/v1/staff/:id',
    {
      schema: {
        tags: ['staff'],
        summary: 'Change a staff account (network admin; in scope)',
        params: ZIdParams,
        body: ZStaffInput,
        response: { 200: ZStaffOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { actor, scope, user } = await loadManageable(request, request.params.id);
      await assertGrantable(scope, request.body);
      const networkId = await networkOfScopeNode(db, request.body.scopeKind, request.body.scopeId);
      return updateStaff(db, auditActor(request, actor), user, request.body, { networkId, libraryId: request.body.libraryId });
    },
  );

  api.post(
    '/api/v1/staff/:id/password',
    {
      schema: {
        tags: ['staff'],
        summary: "Reset a staff member's password (network admin; in scope); they must change it at next login",
        params: ZIdParams,
        body: z.object({ newPassword: ZPassword }),
        response: { 204: z.null(), ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { actor, user } = await loadManageable(request, request.params.id);
      await setPassword(db, auditActor(request, actor), user, request.body.newPassword, {
        isReset: true,
        networkId: await networkOfScopeNode(db, user.scopeKind, user.scopeId),
      });
      return reply.code(204).send(null);
    },
  );
}

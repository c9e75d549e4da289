/**
 * Sessions and CSRF. A session is a random token in an HttpOnly cookie; the database keeps only its
 * sha256. Every state-changing request made with a session must carry the session's CSRF token in
 * the `x-csrf-token` header (the staff app reads it from GET /api/v1/session).
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TLanguage, TRole, TScopeKind } from '../staff/staff.schemas';
import { sessions, staffUsers } from '../staff/staff.tables';
import type { AppConfig } from './config';
import type { Db } from './db';
import { AppError, forbidden, sendProblem, unauthorized } from './errors';

export const SESSION_COOKIE = 'kp_session';

export interface Actor {
  id: string;
  login: string;
  fullName: string;
  role: TRole;
  scopeKind: TScopeKind;
  scopeId: string | null;
  libraryId: string | null;
  language: TLanguage;
  mustChangePassword: boolean;
  csrfToken: string;
  tokenHash: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** An officials' portal form acting with the session: its CSRF token is the `_csrf` field of the body. */
    isFormCsrf: boolean;
  }
}

function isFormPost(request: FastifyRequest): boolean {
  return String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

export async function createSession(db: Db, userId: string, days: number, ip: string, userAgent: string) {
  const token = newToken();
  const csrfToken = newToken();
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    csrfToken,
    expiresAt: new Date(Date.now() + days * 86400_000),
    ip,
    userAgent: userAgent.slice(0, 300),
  });
  return { token, csrfToken };
}

/** How long a looked-up session is trusted without reading it again (see recentSessions). */
export const SESSION_CACHE_MS = 2000;

/**
 * Sessions looked up in the last two seconds, by token hash. The loan desk sends several requests a
 * second per session at scanner speed, and each would otherwise read the session and the person.
 * Logging out, deactivation, a password change and any change to the person forget their entries in
 * this process at once (forgetSessions); another process behind the same proxy sees such a change
 * within SESSION_CACHE_MS.
 */
const recentSessions = new Map<string, { actor: Actor; until: number }>();

/** Drops remembered sessions: one by its token hash, or every session of a person. */
export function forgetSessions(which: { tokenHash?: string; userId?: string }) {
  if (which.tokenHash) recentSessions.delete(which.tokenHash);
  if (which.userId) {
    for (const [hash, entry] of recentSessions) if (entry.actor.id === which.userId) recentSessions.delete(hash);
  }
}

export async function findActorBySessionToken(db: Db, token: string): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const now = Date.now();
  const recent = recentSessions.get(tokenHash);
  if (recent && recent.until > now) return { ...recent.actor };
  const rows = await db
    .select({ user: staffUsers, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(staffUsers, eq(staffUsers.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date(now)), eq(staffUsers.isActive, true)))
    .limit(1);
  const row = rows[0];
  if (!row) {
    recentSessions.delete(tokenHash);
    return null;
  }
  const u = row.user;
  const actor: Actor = {
    id: u.id,
    login: u.login,
    fullName: u.fullName,
    role: u.role,
    scopeKind: u.scopeKind,
    scopeId: u.scopeId,
    libraryId: u.libraryId,
    language: u.language,
    mustChangePassword: u.mustChangePassword,
    csrfToken: row.csrfToken,
    tokenHash,
  };
  if (recentSessions.size >= 10_000) recentSessions.clear();
  recentSessions.set(tokenHash, { actor, until: Math.min(now + SESSION_CACHE_MS, row.expiresAt.getTime()) });
  return { ...actor };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes a person may call while a password change is pending. */
const ALLOWED_WITH_PENDING_PASSWORD = new Set(['/api/v1/session', '/api/v1/session/password']);

export function registerAuth(app: FastifyInstance, db: Db, config: AppConfig) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    request.actor = await findActorBySessionToken(db, token);
    if (!request.actor) return;
    const path = request.url.split('?')[0] ?? '';
    // The officials' pages (/msu) act with the session without JavaScript: their forms carry the token
    // as the `_csrf` field, checked once the body is parsed (preValidation below).
    if (!SAFE_METHODS.has(request.method) && path.startsWith('/msu/') && path !== '/msu/login' && isFormPost(request)) {
      request.isFormCsrf = true;
    }
    // Portal forms (outside /api/) never act with the session, so a staff member signed in on the same
    // browser can still use them; everything under /api/ needs the session's CSRF token.
    if (!SAFE_METHODS.has(request.method) && path.startsWith('/api/')) {
      const header = request.headers['x-csrf-token'];
      if (header !== request.actor.csrfToken) {
        return sendProblem(reply, request, new AppError(403, 'csrf', 'error.csrf'));
      }
      if (request.actor.mustChangePassword && path.startsWith('/api/') && !ALLOWED_WITH_PENDING_PASSWORD.has(path)) {
        return sendProblem(reply, request, new AppError(403, 'must_change_password', 'error.must_change_password'));
      }
    }
  });
  app.decorateRequest('isFormCsrf', false);
  app.addHook('preValidation', async (request, reply) => {
    if (!request.isFormCsrf || !request.actor) return;
    const token = (request.body as Record<string, unknown> | undefined)?._csrf;
    if (token !== request.actor.csrfToken) return sendProblem(reply, request, new AppError(403, 'csrf', 'error.csrf'));
  });
  app.decorate('sessionCookieOptions', (request: FastifyRequest) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.secureCookies === 'always' || (config.secureCookies === 'auto' && request.protocol === 'https'),
    maxAge: config.sessionDays * 86400,
  }));
}

declare module 'fastify' {
  interface FastifyInstance {
    sessionCookieOptions(request: FastifyRequest): {
      path: string;
      httpOnly: boolean;
      sameSite: 'lax';
      secure: boolean;
      maxAge: number;
    };
  }
}

/** The signed-in staff member, or 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

/** The signed-in staff member holding one of the roles, or 401/403. */
export function requireRole(request: FastifyRequest, roles: readonly TRole[]): Actor {
  const actor = requireActor(request);
  if (!roles.includes(actor.role)) throw forbidden();
  return actor;
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

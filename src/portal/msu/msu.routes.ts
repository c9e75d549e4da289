/**
 * The municipal information centre on the portal, for officials: they log in with their account, send
 * requests, read answers and ask again, read digests, manage topics and download the report. Plain
 * HTML forms (no JavaScript); every post carries the session's CSRF token as `_csrf`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { clearSessionCookie, createSession, SESSION_COOKIE, type Actor } from '../../app/auth';
import { AppError } from '../../app/errors';
import type { App, AppContext } from '../../app/http';
import { t as translate } from '../../app/i18n';
import {
  closeRequest,
  findRequest,
  followUpRequest,
  isOverdue,
  isoDay,
  listMessages,
  listRequests,
  networkToday,
  submitOfficialRequest,
  ZRequestSubmit,
  ZSubscriptionInput,
} from '../../municipal';
import { createSubscription, deleteSubscription, findSubscription, listDigests, listSubscriptions, markDigestRead } from '../../municipal/subscriptions.service';
import { municipalities, networkOfScopeNode } from '../../network';
import { deleteSession, verifyLogin } from '../../staff';
import type { PageContext } from '../layout';
import { sendHtml } from '../portal-request';
import { msuReturnPath } from './msu-return';
import { homePage, loginPage, newRequestPage, requestPage, type RequestFormValues } from './msu.pages';
import { inboxPage, reportPage, subscriptionsPage } from './msu-inbox.pages';
import { MSU_HOME, type OfficialPage } from './msu.views';

const hidden = { schema: { hide: true } };
const PAGE_SIZE = 20;

interface Deps {
  pageOf: (request: FastifyRequest, reply: FastifyReply) => PageContext;
  siteName: (page: PageContext) => Promise<string>;
  loginLimitPerMinute: number;
  sessionDays: number;
}

/**
 * The needed-by date as YYYY-MM-DD: the date picker sends that; a browser without one sends what was typed,
 * and DD.MM.YYYY (as dates are written in the region) is understood too. Empty means no date.
 */
function isoWantedBy(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const written = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  return written ? `${written[3]}-${written[2]!.padStart(2, '0')}-${written[1]!.padStart(2, '0')}` : value;
}

/** Field errors of a zod failure as field → message in the page's language. */
function formErrors(page: PageContext, error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.');
    const key = field.startsWith('query.') ? field.slice(6) : field;
    if (errors[key]) continue;
    const isMissing = issue.code === 'too_small' || (issue.code === 'invalid_type' && issue.input === undefined);
    errors[key] =
      issue.message === 'date' ? page.t('validation.date')
      : issue.message === 'query_empty' ? page.t('validation.query_empty')
      : isMissing ? page.t('validation.required')
      : page.t('validation.invalid');
  }
  return errors;
}

export function registerMsuPages(app: App, { database, config }: AppContext, deps: Deps) {
  const { db } = database;

  async function officialPage(request: FastifyRequest, reply: FastifyReply): Promise<{ page: OfficialPage; actor: Actor } | null> {
    const base = deps.pageOf(request, reply);
    const siteName = await deps.siteName(base);
    const actor = request.actor;
    if (!actor || actor.role !== 'municipal_official' || !actor.scopeId) {
      // After logging in the official comes back to the page they opened (a form's target is no page to return to).
      const next = request.method === 'GET' ? msuReturnPath(request.url) : null;
      await sendHtml(request, reply, loginPage(base, siteName, { notOfficial: !!actor, next }), actor ? 403 : 200);
      return null;
    }
    return { actor, page: { ...base, csrf: actor.csrfToken, fullName: actor.fullName, siteName } };
  }

  const actorOf = (request: FastifyRequest, actor: Actor) => ({
    id: actor.id,
    login: actor.login,
    ip: request.ip,
    fullName: actor.fullName,
    scopeKind: actor.scopeKind,
    scopeId: actor.scopeId,
  });

  app.get('/msu', hidden, async (request, reply) => {
    const ctx = await officialPage(request, reply);
    if (!ctx) return reply;
    const pageNo = z.coerce.number().int().min(1).max(10000).catch(1).parse((request.query as Record<string, unknown>).page ?? 1);
    const visible = { networkIds: [], municipalityIds: [ctx.actor.scopeId!] };
    const [list, inbox, muni] = await Promise.all([
      listRequests(db, { page: pageNo, pageSize: PAGE_SIZE }, visible),
      listDigests(db, ctx.actor.id, 1, 1),
      db.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.id, ctx.actor.scopeId!)),
    ]);
    return sendHtml(
      request,
      reply,
      homePage(ctx.page, {
        items: list.items,
        total: list.total,
        pageNo,
        pages: Math.max(1, Math.ceil(list.total / PAGE_SIZE)),
        unread: inbox.unread,
        municipalityName: muni[0]?.name ?? '',
      }),
    );
  });

  app.post(
    '/msu/login',
    { ...hidden, config: { rateLimit: { max: deps.loginLimitPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const page = deps.pageOf(request, reply);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const login = typeof body.login === 'string' ? body.login.trim() : '';
      const password = typeof body.password === 'string' ? body.password : '';
      const next = msuReturnPath(body.next);
      const user = login && password ? await verifyLogin(db, login, password) : null;
      if (!user) {
        return sendHtml(request, reply, loginPage(page, await deps.siteName(page), { error: page.t('error.login_failed'), login, next }), 401);
      }
      const { token } = await createSession(db, user.id, deps.sessionDays, request.ip, request.headers['user-agent'] ?? '');
      reply.setCookie(SESSION_COOKIE, token, app.sessionCookieOptions(request));
      return reply.redirect(user.role === 'municipal_official' ? (next ?? MSU_HOME) : '/staff', 303);
    },
  );

  app.post('/msu/logout', hidden, async (request, reply) => {
    if (request.actor) await deleteSession(db, request.actor.tokenHash);
    clearSessionCookie(reply);
    return reply.redirect('/msu', 303);
  });

  /** Today on the calendar of the official's network: the earliest needed-by date. */
  async function officialToday(actor: Actor): Promise<string> {
    return networkToday(db, await networkOfScopeNode(db, actor.scopeKind, actor.scopeId));
  }

  async function showNewRequest(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: { page: OfficialPage; actor: Actor },
    values: RequestFormValues = {},
    errors: Record<string, string> = {},
  ) {
    const page = newRequestPage(ctx.page, values, errors, await officialToday(ctx.actor));
    return sendHtml(request, reply, page, Object.keys(errors).length ? 422 : 200);
  }

  app.get('/msu/requests/new', hidden, async (request, reply) => {
    const ctx = await officialPage(request, reply);
    if (!ctx) return reply;
    return showNewRequest(request, reply, ctx);
  });

  app.post('/msu/requests', hidden, async (request, reply) => {
    const ctx = await officialPage(request, reply);
    if (!ctx) return reply;
    const body = (request.body ?? {}) as Record<string, string>;
    const values: RequestFormValues = { type: body.type, topic: body.topic, text: body.text, wantedBy: body.wantedBy?.trim() };
    const parsed = ZRequestSubmit.safeParse({ type: body.type, topic: body.topic ?? '', text: body.text ?? '', wantedBy: isoWantedBy(values.wantedBy) });
    if (!parsed.success) return showNewRequest(request, reply, ctx, values, formErrors(ctx.page, parsed.error));
    try {
      const created = await submitOfficialRequest(db, actorOf(request, ctx.actor), parsed.data);
      return reply.redirect(`/msu/requests/${created.id}`, 303);
    } catch (error) {
      if (error instanceof AppError && error.fields.length) {
        const errors = Object.fromEntries(error.fields.map((f) => [f.field, ctx.page.t(f.key, f.params)]));
        return showNewRequest(request, reply, ctx, values, errors);
      }
      throw error;
    }
  });

  async function ownRequest(ctx: { actor: Actor }, id: unknown) {
    const parsed = z.uuid().safeParse(id);
    const r = parsed.success ? await findRequest(db, parsed.data) : null;
    if (!r || r.municipalityId !== ctx.actor.scopeId) return null;
    return r;
  }

  async function showRequest(request: FastifyRequest, reply: FastifyReply, ctx: { page: OfficialPage; actor: Actor }, id: string, followUpError?: string) {
    const r = await ownRequest(ctx, id);
    if (!r) return sendHtml(request, reply, loginPage(ctx.page, ctx.page.siteName, { notOfficial: false }), 404);
    const [muni] = await db.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.id, r.municipalityId));
    const messages = (await listMessages(db, r.id)).filter((m) => m.kind !== 'note');
    return sendHtml(
      request,
      reply,
      requestPage(ctx.page, { ...r, isOverdue: isOverdue(r, isoDay(new Date())), municipalityName: muni?.name ?? '' }, messages, followUpError),
      followUpError ? 422 : 200,
    );
  }

  app.get('/msu/requests/:id', hidden, async (request, reply) => {
    const ctx = await officialPage(request, reply);
    if (!ctx) return reply;
    return showRequest(request, reply, ctx, (request.params as { id: string }).id);
  });

  app.post('/msu/requests/:id/follow-up', hidden, async (request, reply) => {
    const ctx = await officialPage(request, reply);
    if (!ctx) return reply;
    const id = (request.params as { id: string }).id;
    const r = await ownRequest(ctx, id);
    if (!r) return showRequest(request, reply, ctx, id);
    const raw = (request.body as Record<string, unknown> | undefined)?.body;
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (!text) return showRequest(request, reply, ctx, id, ctx.page.t('validation.required'));
    try {
      await followUpRequest(db, actorOf(request, ctx.actor), r, { body: text.slice(0, 5000) });
    } catch (error) {
      if (error instanceof AppError) return showRequest(request, reply, ctx, id, ctx.page.t(error.messageKey));
      throw error;
    }
    return reply.redirect(`/msu/requests/${r.id}`, 303);
  });

  app.post('/msu/requests/:id/close', hidden, async (request, reply) => {
    const ctx = await officialPage(request, reply);
    if (!ctx) return reply;
    const id = (request.params as { id: string }).id;
    const r = await ownRequest(ctx, id);
    if (r) await closeRequest(db, actorOf(request, ctx.actor), r);
    return reply.redirect(`/msu/requests/${id}`, 303);
  });

  app.get('/msu/inbox', hidden, async (request, reply) => {
    const ctx = await officialPage(request, reply);
    if (!ctx) return reply;
    const { items } = await listDigests(db, ctx.actor.id, 1, 50);
    const page = inboxPage(ctx.page, items);
    // Opening the inbox is reading it.
    for (const d of items) if (!d.readAt) await markDigestRead(db, d);
    return sendHtml(request, reply, page);
  });

  async function showSubscriptions(request: FastifyRequest, reply: FastifyReply, ctx: { page: OfficialPage; actor: Actor }, form = { values: {}, errors: {} }, status = 200) {
    const rows = await listSubscriptions(db, ctx.actor.id);
    return sendHtml(request, reply, subscriptionsPage(ctx.page, rows, form), status);
  }

  app.get('/msu/subscriptions', hidden, async (request, reply) => {
    const ctx = await officialPage(request, reply);
    if (!ctx) return reply;
    return showSubscriptions(request, reply, ctx);
  });

  app.post('/msu/subscriptions', hidden, async (request, reply) => {
    const ctx = await officialPage(request, reply);
    if (!ctx) return reply;
    const body = (request.body ?? {}) as Record<string, string>;
    const parsed = ZSubscriptionInput.safeParse({
      topic: body.topic ?? '',
      query: { q: body.q || undefined },
      frequency: body.frequency,
      isEmailed: body.isEmailed === '1',
    });
    if (!parsed.success) {
      return showSubscriptions(request, reply, ctx, { values: { topic: body.topic, q: body.q }, errors: formErrors(ctx.page, parsed.error) }, 422);
    }
    const owner = { networkId: await networkOfScopeNode(db, ctx.actor.scopeKind, ctx.actor.scopeId), municipalityId: ctx.actor.scopeId };
    await createSubscription(db, actorOf(request, ctx.actor), owner, parsed.data);
    return reply.redirect('/msu/subscriptions', 303);
  });

  app.post('/msu/subscriptions/:id/delete', hidden, async (request, reply) => {
    const ctx = await officialPage(request, reply);
    if (!ctx) return reply;
    const id = z.uuid().safeParse((request.params as { id: string }).id);
    const s = id.success ? await findSubscription(db, id.data) : null;
    if (s && s.ownerId === ctx.actor.id) await deleteSubscription(db, actorOf(request, ctx.actor), s);
    return reply.redirect('/msu/subscriptions', 303);
  });

  app.get('/msu/report', hidden, async (request, reply) => {
    const ctx = await officialPage(request, reply);
    if (!ctx) return reply;
    return sendHtml(request, reply, reportPage(ctx.page, ctx.actor.scopeId!, new Date().getUTCFullYear()));
  });

  void translate;
  void config;
}

/**
 * The reader's account on the portal (`/account`): log in with the card number and password, see
 * loans with due dates, renew one or all, place holds from a catalogue record and cancel them, see the
 * history when opted in, change the password or set it through an e-mailed link. A reader session
 * (cookie `kp_reader`) is apart from staff sessions and opens only that reader's own account.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppContext } from '../../app/http';
import { AppError } from '../../app/errors';
import type { MessageKey } from '../../app/i18n';
import { cancelHold, findHold, listLoanHistory, listOpenLoans, listReaderHolds, placeHold, renewLoan } from '../../circulation';
import { listLibraries } from '../../network';
import type { PageContext } from '../../portal/layout';
import { notFoundPage } from '../../portal/not-found.page';
import { href, sameOriginPath, sendHtml } from '../../portal/portal-request';
import { ZPassword } from '../../staff/staff.schemas';
import { findReaderByCard } from '../readers.service';
import {
  accountPage,
  changePasswordPage,
  forgotPage,
  holdBox,
  loginPage,
  setPasswordPage,
  type Notice,
  type ReaderPage,
} from './account.pages';
import {
  changeOwnPassword,
  createReaderSession,
  deleteReaderSession,
  findReaderSession,
  historyShownSince,
  readerActor,
  readerOfPasswordToken,
  rememberLanguage,
  sendPasswordLink,
  setHistoryShown,
  usePasswordToken,
  verifyReaderLogin,
  type ReaderSession,
} from './account.service';

export const READER_COOKIE = 'kp_reader';
const HISTORY_PAGE_SIZE = 20;
const hidden = { schema: { hide: true } };

interface Deps {
  pageOf: (request: FastifyRequest, reply: FastifyReply) => PageContext;
  siteName: (page: PageContext) => Promise<string>;
  loginLimitPerMinute: number;
  sessionDays: number;
}

/** The hold box a catalogue record's page shows (see holdBox). */
export type HoldBoxFor = (request: FastifyRequest, page: PageContext, recordId: string) => Promise<ReturnType<typeof holdBox>>;

type Body = Record<string, unknown>;
const field = (body: unknown, name: string) => {
  const value = (body as Body | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

export function registerAccountPages(app: App, { database }: AppContext, deps: Deps): HoldBoxFor {
  const { db } = database;

  async function sessionOf(request: FastifyRequest): Promise<ReaderSession | null> {
    const token = request.cookies[READER_COOKIE];
    return token ? findReaderSession(db, token) : null;
  }

  async function basePage(request: FastifyRequest, reply: FastifyReply, session: ReaderSession | null = null): Promise<ReaderPage> {
    const page = deps.pageOf(request, reply);
    const siteName = await deps.siteName(page);
    if (!session) return { ...page, siteName };
    const r = session.reader;
    return { ...page, siteName, csrf: session.csrfToken, readerName: [r.surname, r.firstName, r.patronymic].filter(Boolean).join(' '), cardNumber: r.cardNumber };
  }

  /** The signed-in reader and their page; otherwise the login page (GET) or back to it (POST) has been sent. */
  async function signedIn(request: FastifyRequest, reply: FastifyReply): Promise<{ session: ReaderSession; page: ReaderPage } | null> {
    const session = await sessionOf(request);
    if (!session) {
      if (request.method === 'GET') await sendHtml(request, reply, loginPage(await basePage(request, reply), { back: request.url === '/account' ? undefined : request.url }));
      else await reply.redirect('/account', 303);
      return null;
    }
    const page = await basePage(request, reply, session);
    if (request.method === 'POST' && field(request.body, '_csrf') !== session.csrfToken) {
      await sendHtml(request, reply, changePasswordPage(page, {}, { text: page.t('account.csrf'), isError: true }), 403);
      return null;
    }
    return { session, page };
  }

  async function notFound(request: FastifyRequest, reply: FastifyReply, page: ReaderPage) {
    return sendHtml(request, reply, notFoundPage(page, page.siteName), 404);
  }

  app.get('/account', hidden, async (request, reply) => {
    const session = await sessionOf(request);
    const query = (request.query ?? {}) as Body;
    if (!session) {
      const back = field(query, 'back');
      return sendHtml(request, reply, loginPage(await basePage(request, reply), { back: back ? sameOriginPath(back) : undefined }));
    }
    const page = await basePage(request, reply, session);
    const reader = session.reader;
    const historyPage = z.coerce.number().int().min(1).max(1000).catch(1).parse(query.history ?? 1);
    const [loans, holds, since] = await Promise.all([listOpenLoans(db, reader.id), listReaderHolds(db, reader.id), historyShownSince(db, reader.id)]);
    const isShown = since !== null;
    const rows = since ? await listLoanHistory(db, reader.id, since, historyPage, HISTORY_PAGE_SIZE + 1) : [];
    const notices: Notice[] = [];
    for (const part of field(query, 'renew').split(',').filter(Boolean)) {
      const [loanId, code] = part.split('~');
      const loan = loans.find((l) => l.loanId === loanId);
      if (!loan) continue;
      if (code === 'ok') notices.push({ text: page.t('account.renewed', { title: loan.title, date: dayOf(loan.dueOn) }) });
      else notices.push({ text: page.t('account.not_renewed', { title: loan.title, reason: refusalOfCode(page, code ?? '', loan.renewals) }), isError: true });
    }
    for (const [param, key] of [['placed', 'account.hold_placed'], ['cancelled', 'account.hold_cancelled']] as const) {
      const id = z.uuid().safeParse(query[param]);
      const hold = id.success ? await findHold(db, id.data) : null;
      if (hold && hold.readerId === reader.id) notices.push({ text: page.t(key, { title: hold.title }) });
    }
    return sendHtml(
      request,
      reply,
      accountPage(page, {
        loans,
        holds,
        history: { isShown, rows: rows.slice(0, HISTORY_PAGE_SIZE), nextPage: rows.length > HISTORY_PAGE_SIZE ? historyPage + 1 : null },
        notices,
      }),
    );
  });

  app.post(
    '/account/login',
    { ...hidden, config: { rateLimit: { max: deps.loginLimitPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const cardNumber = field(request.body, 'card').trim();
      const password = field(request.body, 'password');
      const back = sameOriginPath(field(request.body, 'back') || '/account');
      const reader = cardNumber && password ? await verifyReaderLogin(db, cardNumber, password) : null;
      if (!reader) {
        const page = await basePage(request, reply);
        return sendHtml(request, reply, loginPage(page, { error: page.t('account.login_failed'), cardNumber, back }), 401);
      }
      const { token } = await createReaderSession(db, reader.id, deps.sessionDays, request.ip, request.headers['user-agent'] ?? '');
      await rememberLanguage(db, reader.id, deps.pageOf(request, reply).lang);
      reply.setCookie(READER_COOKIE, token, app.sessionCookieOptions(request));
      return reply.redirect(back, 303);
    },
  );

  app.post('/account/logout', hidden, async (request, reply) => {
    const session = await sessionOf(request);
    if (session && field(request.body, '_csrf') === session.csrfToken) await deleteReaderSession(db, session.tokenHash);
    reply.clearCookie(READER_COOKIE, { path: '/' });
    return reply.redirect('/account', 303);
  });

  app.post('/account/renew', hidden, async (request, reply) => {
    const ctx = await signedIn(request, reply);
    if (!ctx) return reply;
    const { reader } = ctx.session;
    const loans = await listOpenLoans(db, reader.id);
    const loanId = field(request.body, 'loanId');
    const chosen = loanId ? loans.filter((l) => l.loanId === loanId) : loans;
    // Another reader's loan (or one already returned) is not this reader's to renew.
    if (loanId && !chosen.length) return notFound(request, reply, ctx.page);
    const results: string[] = [];
    for (const loan of chosen) {
      try {
        await renewLoan(db, readerActor(reader, request.ip), { loanId: loan.loanId }, { desk: null, readerId: reader.id });
        results.push(`${loan.loanId}~ok`);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        results.push(`${loan.loanId}~${error.code}`);
      }
    }
    return reply.redirect(href('/account', { renew: results.join(',') }), 303);
  });

  app.post('/account/holds', hidden, async (request, reply) => {
    const ctx = await signedIn(request, reply);
    if (!ctx) return reply;
    const { reader } = ctx.session;
    const recordId = z.uuid().safeParse(field(request.body, 'recordId'));
    if (!recordId.success) return notFound(request, reply, ctx.page);
    const back = `/catalog/records/${recordId.data}`;
    const libraries = await pickupLibraries(reader.networkId);
    const pickup = libraries.find((l) => l.id === field(request.body, 'pickupLibraryId'));
    if (!pickup) return reply.redirect(`${href(back, { hold_error: 'other_network' })}#hold`, 303);
    try {
      const hold = await placeHold(db, readerActor(reader, request.ip), { id: pickup.id, networkId: reader.networkId }, { readerId: reader.id, recordId: recordId.data, pickupLibraryId: pickup.id }, null);
      return reply.redirect(href('/account', { placed: hold.id }), 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return reply.redirect(`${href(back, { hold_error: error.code })}#hold`, 303);
    }
  });

  app.post('/account/holds/:id/cancel', hidden, async (request, reply) => {
    const ctx = await signedIn(request, reply);
    if (!ctx) return reply;
    const id = z.uuid().safeParse((request.params as { id: string }).id);
    const hold = id.success ? await findHold(db, id.data) : null;
    if (!hold || hold.readerId !== ctx.session.reader.id) return notFound(request, reply, ctx.page);
    try {
      await cancelHold(db, readerActor(ctx.session.reader, request.ip), hold, ctx.session.reader.networkId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
    return reply.redirect(href('/account', { cancelled: hold.id }), 303);
  });

  app.post('/account/history', hidden, async (request, reply) => {
    const ctx = await signedIn(request, reply);
    if (!ctx) return reply;
    await setHistoryShown(db, ctx.session.reader, field(request.body, 'show') === '1', request.ip);
    return reply.redirect('/account#history', 303);
  });

  app.get('/account/password', hidden, async (request, reply) => {
    const ctx = await signedIn(request, reply);
    if (!ctx) return reply;
    return sendHtml(request, reply, changePasswordPage(ctx.page));
  });

  /** A new password typed twice: field → message, empty when it is fine. */
  function newPasswordErrors(page: PageContext, body: unknown) {
    const errors: { password?: string; repeat?: string } = {};
    const password = field(body, 'password');
    if (!ZPassword.safeParse(password).success) errors.password = page.t('validation.password_short');
    else if (password !== field(body, 'repeat')) errors.repeat = page.t('account.password_mismatch');
    return errors;
  }

  app.post('/account/password', hidden, async (request, reply) => {
    const ctx = await signedIn(request, reply);
    if (!ctx) return reply;
    const errors = newPasswordErrors(ctx.page, request.body);
    if (errors.password || errors.repeat) return sendHtml(request, reply, changePasswordPage(ctx.page, errors), 422);
    const ok = await changeOwnPassword(db, ctx.session, field(request.body, 'current'), field(request.body, 'password'), request.ip);
    if (!ok) return sendHtml(request, reply, changePasswordPage(ctx.page, { current: ctx.page.t('account.password_wrong') }), 422);
    return sendHtml(request, reply, changePasswordPage(ctx.page, {}, { text: ctx.page.t('account.password_changed') }));
  });

  app.get('/account/password/set', hidden, async (request, reply) => {
    const page = await basePage(request, reply);
    const token = field(request.query, 'token');
    const reader = token ? await readerOfPasswordToken(db, token) : null;
    reply.header('referrer-policy', 'no-referrer');
    return sendHtml(request, reply, setPasswordPage(page, reader ? token : null), reader ? 200 : 410);
  });

  app.post('/account/password/set', hidden, async (request, reply) => {
    const page = await basePage(request, reply);
    const token = field(request.body, 'token');
    const errors = newPasswordErrors(page, request.body);
    if (errors.password || errors.repeat) {
      const stillValid = token ? await readerOfPasswordToken(db, token) : null;
      return sendHtml(request, reply, setPasswordPage(page, stillValid ? token : null, errors), stillValid ? 422 : 410);
    }
    const reader = token ? await usePasswordToken(db, token, field(request.body, 'password'), request.ip) : null;
    if (!reader) return sendHtml(request, reply, setPasswordPage(page, null), 410);
    return sendHtml(request, reply, loginPage(page, { cardNumber: reader.cardNumber, notice: { text: page.t('account.password_set') } }));
  });

  app.get('/account/password/forgot', hidden, async (request, reply) => sendHtml(request, reply, forgotPage(await basePage(request, reply), false)));

  app.post(
    '/account/password/forgot',
    { ...hidden, config: { rateLimit: { max: deps.loginLimitPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const page = await basePage(request, reply);
      const cardNumber = field(request.body, 'card').trim();
      const reader = cardNumber ? await findReaderByCard(db, cardNumber) : null;
      // The answer is the same whether the card exists, has an address, or mail works: it reveals nothing.
      if (reader?.email && app.mail.enabled) {
        await rememberLanguage(db, reader.id, page.lang);
        await sendPasswordLink(db, app.mail, readerActor(reader, request.ip), reader, { origin: page.origin, lang: page.lang, isLangChosen: true, libraryId: null }).catch((error: unknown) =>
          request.log.warn({ err: error }, 'password link not sent'),
        );
      }
      return sendHtml(request, reply, forgotPage(page, true));
    },
  );

  async function pickupLibraries(networkId: string) {
    const list = await listLibraries(db, { networkId, isActive: true, page: 1, pageSize: 1000 }, { isAll: true, networkIds: [], libraryIds: [] });
    return list.items.map((l) => ({ id: l.id, name: l.name })).sort((a, b) => a.name.localeCompare(b.name, 'ru', { numeric: true }));
  }

  return async (request, page, recordId) => {
    const session = await sessionOf(request);
    const code = field(request.query, 'hold_error');
    const error = code ? page.t('account.cant_hold', { reason: refusalOfCode(page, code, 0) }) : undefined;
    if (!session) return holdBox(page, { recordId, isSignedIn: false, libraries: [], homeLibraryId: null, existing: null, error });
    const [libraries, holds] = await Promise.all([pickupLibraries(session.reader.networkId), listReaderHolds(db, session.reader.id)]);
    return holdBox(page, {
      recordId,
      isSignedIn: true,
      csrf: session.csrfToken,
      libraries,
      homeLibraryId: session.reader.homeLibraryId,
      existing: holds.find((h) => h.recordId === recordId) ?? null,
      error,
    });
  };
}

const dayOf = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
};

/** A refusal code (from a redirect's query) as the reader reads it. */
function refusalOfCode(page: PageContext, code: string, renewals: number): string {
  const key = `account.refusal.${code}`;
  const text = page.t(key as MessageKey, { max: renewals });
  return text === key ? page.t('account.refusal.other') : text;
}

/** What a portal page needs from the request (language, the visually-impaired version) and how it answers. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLanguage, requestLanguage } from '../app/i18n';
import type { TLanguage } from '../staff/staff.schemas';
import type { SafeHtml } from './html';

export const A11Y_COOKIE = 'a11y';
export const LANG_COOKIE = 'lang';
const YEAR_SECONDS = 365 * 24 * 3600;

export interface PortalRequest {
  lang: TLanguage;
  isA11y: boolean;
  /** The path and query of this page, to return to after a switch. */
  url: string;
  /** scheme://host, for the absolute URLs schema.org wants. */
  origin: string;
}

/** A year-long preference cookie. */
export function cookieOptions(request: FastifyRequest, options: { isReadableByScripts?: boolean } = {}) {
  return {
    path: '/',
    maxAge: YEAR_SECONDS,
    sameSite: 'lax' as const,
    httpOnly: !options.isReadableByScripts,
    secure: request.protocol === 'https',
  };
}

/**
 * A `?lang=` link is the reader's explicit choice: it wins over a staff member's saved language and is
 * remembered in a cookie, so the next pages (whose links carry no `?lang=`) stay in that language.
 */
export function readPortalRequest(request: FastifyRequest, reply: FastifyReply): PortalRequest {
  const query = request.query as Record<string, unknown> | undefined;
  const cookieLang = request.cookies[LANG_COOKIE];
  let lang: TLanguage;
  if (isLanguage(query?.lang)) {
    lang = query.lang;
    // Not HttpOnly: the language is no secret, and the staff app's own switch may set the same cookie.
    if (cookieLang !== lang) reply.setCookie(LANG_COOKIE, lang, cookieOptions(request, { isReadableByScripts: true }));
  } else if (isLanguage(cookieLang)) {
    lang = cookieLang;
  } else {
    lang = requestLanguage(request);
  }
  return {
    lang,
    isA11y: request.cookies[A11Y_COOKIE] === '1',
    url: request.url,
    origin: `${request.protocol}://${request.host}`,
  };
}

/**
 * A path on this site to send the reader back to, or `/`. Resolving against a fixed origin rejects
 * `//evil.example` and `/\evil.example` (which browsers read as another host) and percent-encodes
 * what a Location header may not carry.
 */
export function sameOriginPath(back: unknown): string {
  if (typeof back !== 'string' || !back.startsWith('/') || back.startsWith('//')) return '/';
  try {
    const base = 'http://portal.invalid';
    const url = new URL(back, base);
    return url.origin === base ? `${url.pathname}${url.search}` : '/';
  } catch {
    return '/';
  }
}

/**
 * The catalogue search a page was opened from (its Referer, when that is this site's /catalog with a
 * query), as a path to return to; null otherwise.
 */
export function catalogueSearchOf(referer: unknown, origin: string): string | null {
  if (typeof referer !== 'string') return null;
  try {
    const url = new URL(referer);
    return url.origin === origin && url.pathname === '/catalog' && url.search.length > 1 ? `/catalog${url.search}` : null;
  } catch {
    return null;
  }
}

/** A URL with its query: empty and undefined values are left out so links stay short. */
export function href(path: string, params: Record<string, string | number | undefined | null> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** The same page with one query parameter replaced (the language links). */
export function withParam(url: string, key: string, value: string): string {
  const parsed = new URL(url, 'http://portal.invalid');
  parsed.searchParams.set(key, value);
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * Sends a page (compressed by the app-wide compression). Pages depend on the language and a11y
 * cookies, so shared caches must not mix them up.
 */
export function sendHtml(_request: FastifyRequest, reply: FastifyReply, page: SafeHtml, status = 200) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'private, no-cache')
    .header('vary', 'Accept-Encoding, Accept-Language, Cookie')
    .send(page.value);
}

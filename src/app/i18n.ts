/** Server-side translation: picks the user's language and fills `{name}` placeholders. */
import type { FastifyRequest } from 'fastify';
import { LANGUAGES, type TLanguage } from '../staff/staff.schemas';
import { en } from './messages/en';
import { ky } from './messages/ky';
import { ru, type MessageKey, type Messages } from './messages/ru';

export const serverMessages: Record<TLanguage, Messages> = { ru, ky, en };
export type { MessageKey };

export function t(lang: TLanguage, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = serverMessages[lang][key] ?? ru[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function isLanguage(value: unknown): value is TLanguage {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language of a request: the staff member's choice, then `?lang=`, the `lang` cookie, Accept-Language. */
export function requestLanguage(request: FastifyRequest): TLanguage {
  if (request.actor) return request.actor.language;
  const query = request.query as Record<string, unknown> | undefined;
  if (isLanguage(query?.lang)) return query.lang;
  const cookie = request.cookies?.lang;
  if (isLanguage(cookie)) return cookie;
  const accept = request.headers['accept-language'] ?? '';
  for (const part of accept.split(',')) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if (isLanguage(code)) return code;
  }
  return 'ru';
}

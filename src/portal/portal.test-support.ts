/** Shared pieces of the portal tests: a typical passport and ways to read rendered pages. */
import type { TPassportData } from '../network';
import { passportData } from '../test/factories';

export const WEEKDAY_HOURS = { open: '09:00', close: '18:00', breakFrom: '13:00', breakTo: '14:00' };

/** A passport open on weekdays with a lunch break and on Saturday morning, as most rural branches are. */
export function passport(overrides: Record<string, unknown> = {}): TPassportData {
  return passportData({
    hours: {
      mon: WEEKDAY_HOURS,
      tue: WEEKDAY_HOURS,
      wed: WEEKDAY_HOURS,
      thu: WEEKDAY_HOURS,
      fri: WEEKDAY_HOURS,
      sat: { open: '10:00', close: '15:00' },
      sun: null,
    },
    ...overrides,
  });
}

/** Source whitespace (not the no-break spaces the pages put on purpose) collapsed, and none next to tags. */
export function markup(body: string): string {
  return body
    .replace(/[ \t\r\n]+/g, ' ')
    .replace(/> /g, '>')
    .replace(/ </g, '<')
    .replace(/ (\/?>)/g, '$1')
    .replace(/<\/(\w+) >/g, '</$1>');
}

/** What a reader sees: the text without tags. */
export function visibleText(body: string): string {
  return body.replace(/<[^>]+>/g, '').replace(/[ \t\r\n]+/g, ' ');
}

/** Every <script> on a page, to check that only schema.org data is there. */
export function scripts(body: string): string[] {
  return body.match(/<script\b[^>]*>/gi) ?? [];
}

export function jsonLdOf(body: string): { '@graph': Record<string, unknown>[] } {
  const match = body.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/);
  if (!match?.[1]) throw new Error('no JSON-LD');
  return JSON.parse(match[1]) as { '@graph': Record<string, unknown>[] };
}

/** How dates and numbers look everywhere in the staff app: dates as DD.MM.YYYY. */
import dayjs from 'dayjs';
import { currentLanguage } from '../i18n/setup';

export const DATE_FORMAT = 'DD.MM.YYYY';

/** A date (YYYY-MM-DD) or timestamp as DD.MM.YYYY; an em dash when there is none. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = dayjs(value);
  return date.isValid() ? date.format(DATE_FORMAT) : value;
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = dayjs(value);
  return date.isValid() ? date.format(`${DATE_FORMAT} HH:mm`) : value;
}

/**
 * Today on this computer's calendar as YYYY-MM-DD. Not `toISOString()`, which is the UTC date: in
 * Bishkek (UTC+6) that is still yesterday until six in the morning.
 */
export const todayIso = () => dayjs().format('YYYY-MM-DD');

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(currentLanguage()).format(value);
}

/** A price with its kopecks or tyiyns always shown ("350,50 KGS"); an em dash when there is none. */
export function formatMoney(value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined) return '—';
  return `${new Intl.NumberFormat(currentLanguage(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)} ${currency}`;
}

const DOTTED_DATE = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Accepts what people type into a date field: DD.MM.YYYY, D.M.YYYY or ISO; null for anything else and for
 * a day the calendar has not got (30.02.2026, 31.04.2026), which is never rolled over to the next month.
 * Strict parsing needs dayjs's customParseFormat (loaded in i18n/setup.ts); the date is also checked to
 * read back as typed, so an unloaded plugin could never let 30.02 through as 02.03.
 */
export function parseDateInput(text: string): string | null {
  const trimmed = text.trim();
  const dotted = DOTTED_DATE.exec(trimmed);
  const iso = dotted ? `${dotted[3]}-${dotted[2]!.padStart(2, '0')}-${dotted[1]!.padStart(2, '0')}` : trimmed;
  if (!ISO_DATE.test(iso)) return null;
  const date = dayjs(iso, 'YYYY-MM-DD', true);
  return date.isValid() && date.format('YYYY-MM-DD') === iso ? iso : null;
}

/**
 * What is wrong with a typed date, for the field's message: nothing (a date, or empty), `impossible` (written
 * as a date, but no such day: 30.02.2026) or `format` (not written as DD.MM.YYYY, or not finished).
 */
export function dateInputProblem(text: string): 'impossible' | 'format' | null {
  const trimmed = text.trim();
  if (!trimmed || parseDateInput(trimmed)) return null;
  return DOTTED_DATE.test(trimmed) || ISO_DATE.test(trimmed) ? 'impossible' : 'format';
}

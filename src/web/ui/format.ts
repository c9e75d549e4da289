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

/** Accepts what people type into a date field: DD.MM.YYYY, D.M.YYYY or ISO. */
export function parseDateInput(text: string): string | null {
  const trimmed = text.trim();
  const dotted = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(trimmed);
  const iso = dotted ? `${dotted[3]}-${dotted[2]!.padStart(2, '0')}-${dotted[1]!.padStart(2, '0')}` : trimmed;
  const date = dayjs(iso, 'YYYY-MM-DD', true);
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && date.isValid() ? iso : null;
}

/** Opening hours from a library passport, as people read them and as schema.org wants them. */
import { WEEKDAYS, type TPassportData, type TWeekday } from '../network';
import type { Translate } from './portal-i18n';

export type WeekHours = TPassportData['hours'];
export type DayHours = WeekHours[TWeekday];

const SCHEMA_DAYS: Record<TWeekday, string> = {
  mon: 'https://schema.org/Monday',
  tue: 'https://schema.org/Tuesday',
  wed: 'https://schema.org/Wednesday',
  thu: 'https://schema.org/Thursday',
  fri: 'https://schema.org/Friday',
  sat: 'https://schema.org/Saturday',
  sun: 'https://schema.org/Sunday',
};

/** "09:00" → "9:00": signs on library doors write hours without the leading zero. */
export function formatTime(time: string): string {
  return time.replace(/^0(\d)/, '$1');
}

export function formatRange(from: string, to: string): string {
  return `${formatTime(from)}–${formatTime(to)}`;
}

/**
 * An empty passport has every day closed, which means "not filled in" rather than "never open",
 * so a week without a single open day is shown as unknown.
 */
export function hasKnownHours(hours: WeekHours): boolean {
  return WEEKDAYS.some((day) => hours[day] !== null);
}

function sameHours(a: DayHours, b: DayHours): boolean {
  if (a === null || b === null) return a === b;
  return a.open === b.open && a.close === b.close && a.breakFrom === b.breakFrom && a.breakTo === b.breakTo;
}

export function describeDay(t: Translate, day: DayHours): string {
  if (day === null) return t('portal.closed');
  const base = formatRange(day.open, day.close);
  return day.breakFrom && day.breakTo
    ? `${base}, ${t('portal.break')} ${formatRange(day.breakFrom, day.breakTo)}`
    : base;
}

export interface HoursGroup {
  /** "Пн–Пт", "Сб, Вс" or "Вс". */
  days: string;
  hours: DayHours;
}

/** Consecutive days with the same hours, merged; null when the passport has no hours. */
export function groupHours(t: Translate, hours: WeekHours): HoursGroup[] | null {
  if (!hasKnownHours(hours)) return null;
  const runs: TWeekday[][] = [];
  for (const day of WEEKDAYS) {
    const last = runs.at(-1);
    const first = last?.[0];
    if (last && first && sameHours(hours[first], hours[day])) last.push(day);
    else runs.push([day]);
  }
  return runs.map((days) => {
    const first = days[0]!;
    const last = days.at(-1)!;
    const label =
      days.length === 1
        ? t(`weekday.${first}`)
        : days.length === 2
          ? `${t(`weekday.${first}`)}, ${t(`weekday.${last}`)}`
          : `${t(`weekday.${first}`)}–${t(`weekday.${last}`)}`;
    return { days: label, hours: hours[first] };
  });
}

/** One line for a list: "Пн–Пт 9:00–18:00, перерыв 13:00–14:00; Сб 10:00–15:00; Вс выходной". */
export function compactHours(t: Translate, hours: WeekHours): string | null {
  return (
    groupHours(t, hours)
      ?.map((g) => `${g.days} ${describeDay(t, g.hours)}`)
      .join('; ') ?? null
  );
}

export interface OpeningHoursSpecification {
  '@type': 'OpeningHoursSpecification';
  dayOfWeek: string[];
  opens: string;
  closes: string;
}

/** schema.org hours: a break splits a day into two intervals; days with the same interval share one entry. */
export function openingHoursSpecification(hours: WeekHours): OpeningHoursSpecification[] {
  const byInterval = new Map<string, OpeningHoursSpecification>();
  for (const day of WEEKDAYS) {
    const h = hours[day];
    if (!h) continue;
    const intervals: [string, string][] =
      h.breakFrom && h.breakTo
        ? [
            [h.open, h.breakFrom],
            [h.breakTo, h.close],
          ]
        : [[h.open, h.close]];
    for (const [opens, closes] of intervals) {
      const key = `${opens}-${closes}`;
      const spec = byInterval.get(key) ?? { '@type': 'OpeningHoursSpecification', dayOfWeek: [], opens, closes };
      spec.dayOfWeek.push(SCHEMA_DAYS[day]);
      byInterval.set(key, spec);
    }
  }
  return [...byInterval.values()];
}

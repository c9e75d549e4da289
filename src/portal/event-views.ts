/** Pieces shared by the portal's event pages: how a date, a time and an event's labels are written. */
import { formName, type EventListItem } from '../events';
import type { TLanguage } from '../staff/staff.schemas';
import { html, type SafeHtml } from './html';
import type { PageContext } from './layout';

const LOCALES: Record<TLanguage, string> = { ru: 'ru-RU', ky: 'ky-KG', en: 'en-GB' };

/** "21 марта 2026, суббота" */
export function longDate(lang: TLanguage, day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric', weekday: 'long' }).format(date);
}

/** "март 2026" */
export function monthTitle(lang: TLanguage, month: string): string {
  const date = new Date(`${month}-15T12:00:00Z`);
  const text = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(date);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function timeRange(page: PageContext, start: string | null, end: string | null): string {
  if (!start) return page.t('events.all_day');
  return end ? `${start}–${end}` : start;
}

export type PublicEventSummary = Pick<
  EventListItem,
  'id' | 'title' | 'plannedOn' | 'heldOn' | 'startTime' | 'endTime' | 'status' | 'libraryName' | 'libraryId' | 'audience' | 'place' | 'formName' | 'formNameKy' | 'formNameEn' | 'attendanceTotal'
>;

export function eventDayOf(e: { heldOn: string | null; plannedOn: string }): string {
  return e.heldOn ?? e.plannedOn;
}

export function eventCard(page: PageContext, e: PublicEventSummary): SafeHtml {
  const { t } = page;
  const day = eventDayOf(e);
  return html`<li class="event ${e.status === 'cancelled' ? 'is-cancelled' : ''}">
    <p class="event-when">
      <time datetime="${day}">${longDate(page.lang, day)}</time>
      <span class="nowrap">${timeRange(page, e.startTime, e.endTime)}</span>
    </p>
    <h3 class="event-title"><a href="/events/${e.id}">${e.title}</a></h3>
    <p class="event-meta">
      <span class="badge">${formName(e, page.lang)}</span>
      ${e.status === 'cancelled' ? html`<span class="badge cancelled">${t('events.cancelled')}</span>` : ''}
      <a href="/libraries/${e.libraryId}">${e.libraryName}</a> · ${t(`event.place.${e.place}`)} ·
      ${t(`event.audience.${e.audience}`)}
      ${e.status === 'held' && e.attendanceTotal !== null ? html` · ${t('events.attendance', { count: e.attendanceTotal })}` : ''}
    </p>
  </li>`;
}

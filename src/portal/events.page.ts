/** `/events`: the public calendar of the libraries' events — upcoming or past, by library and by month. */
import { html, type SafeHtml } from './html';
import { layout, type PageContext } from './layout';
import { eventCard, eventDayOf, monthTitle, type PublicEventSummary } from './event-views';
import { href } from './portal-request';

export interface EventsPageData {
  siteName: string;
  when: 'upcoming' | 'past';
  networkId: string | undefined;
  libraryId: string | undefined;
  month: string | undefined;
  libraries: { id: string; name: string }[];
  items: PublicEventSummary[];
  total: number;
  page: number;
  pageSize: number;
  icalHref: string;
}

function linkTo(data: EventsPageData, params: Record<string, string | number | undefined>): string {
  return href('/events', { network: data.networkId, library: data.libraryId, month: data.month, ...params });
}

function filters(page: PageContext, data: EventsPageData): SafeHtml {
  const { t } = page;
  return html`<form class="search event-filters" method="get" action="/events">
    ${data.networkId ? html`<input type="hidden" name="network" value="${data.networkId}" />` : ''}
    <div class="search-row">
      <label class="filter-library"
        >${t('events.library')}
        <select name="library">
          <option value="">${t('events.all_libraries')}</option>
          ${data.libraries.map((l) =>
            l.id === data.libraryId
              ? html`<option value="${l.id}" selected>${l.name}</option>`
              : html`<option value="${l.id}">${l.name}</option>`,
          )}
        </select>
      </label>
      <label class="filter-month">${t('events.month')} <input type="month" name="month" value="${data.month ?? ''}" placeholder="2026-05" /></label>
      <button type="submit">${t('events.show')}</button>
    </div>
  </form>`;
}

function tabs(page: PageContext, data: EventsPageData): SafeHtml | null {
  if (data.month) return null;
  const tab = (when: 'upcoming' | 'past', label: string) => {
    const target = linkTo(data, { month: undefined, when: when === 'upcoming' ? undefined : when });
    return when === data.when
      ? html`<li><a href="${target}" aria-current="page">${label}</a></li>`
      : html`<li><a href="${target}">${label}</a></li>`;
  };
  return html`<nav class="tabs" aria-label="${page.t('events.title')}">
    <ul>
      ${tab('upcoming', page.t('events.upcoming'))} ${tab('past', page.t('events.past'))}
    </ul>
  </nav>`;
}

/** Events under a heading per month. */
function byMonth(page: PageContext, items: PublicEventSummary[]): SafeHtml {
  const groups = new Map<string, PublicEventSummary[]>();
  for (const e of items) {
    const month = eventDayOf(e).slice(0, 7);
    groups.set(month, [...(groups.get(month) ?? []), e]);
  }
  return html`${[...groups].map(
    ([month, list]) => html`<section class="event-month">
      <h2>${monthTitle(page.lang, month)}</h2>
      <ul class="events">
        ${list.map((e) => eventCard(page, e))}
      </ul>
    </section>`,
  )}`;
}

function pagination(page: PageContext, data: EventsPageData): SafeHtml | null {
  const pages = Math.ceil(data.total / data.pageSize);
  if (pages <= 1) return null;
  const when = data.when === 'upcoming' ? undefined : data.when;
  const at = (n: number) => linkTo(data, { when, page: n === 1 ? undefined : n });
  return html`<nav class="pages" aria-label="${page.t('events.page', { page: data.page })}">
    ${data.page > 1 ? html`<a href="${at(data.page - 1)}" rel="prev">← ${page.t('events.prev')}</a>` : ''}
    <span>${page.t('events.page', { page: data.page })}</span>
    ${data.page < pages ? html`<a href="${at(data.page + 1)}" rel="next">${page.t('events.next')} →</a>` : ''}
  </nav>`;
}

export function eventsPage(page: PageContext, data: EventsPageData): SafeHtml {
  const { t } = page;
  const heading = data.month ? `${t('events.title')}: ${monthTitle(page.lang, data.month)}` : t('events.title');
  return layout(
    page,
    {
      title: heading,
      siteName: data.siteName,
      librariesHref: href('/libraries', { network: data.networkId }),
      section: 'events',
      description: t('events.description'),
      head: html`<link rel="alternate" type="text/calendar" href="${data.icalHref}" title="${t('events.ical')}" />`,
    },
    html`<h1>${heading}</h1>
      ${filters(page, data)} ${tabs(page, data)}
      ${data.items.length ? byMonth(page, data.items) : html`<p class="empty">${t('events.none')}</p>`}
      ${pagination(page, data)}
      <p class="ical"><a href="${data.icalHref}">${t('events.ical')}</a> <span class="muted">${t('events.ical_hint')}</span></p>`,
  );
}

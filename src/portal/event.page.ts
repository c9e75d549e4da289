/** `/events/:id`: one public event — when, where, for whom — with schema.org Event data and registration. */
import { formName, zoneOffsetAt, type EventDetail } from '../events';
import { html, jsonLd, type SafeHtml } from './html';
import { layout, type PageContext } from './layout';
import { eventDayOf, longDate, timeRange } from './event-views';

export type RegistrationNotice = 'done' | 'full' | 'closed' | null;

export interface EventPageData {
  siteName: string;
  event: EventDetail;
  /** The visitor may register now (open, planned, not past, places left). */
  canRegister: boolean;
  notice: RegistrationNotice;
  /** After a refused form: what was typed, what is wrong by field, or why the form as a whole was refused. */
  form?: { name: string; phone: string; email: string; errors: Record<string, string>; refusal?: string };
}

const STATUS_URL = { planned: 'https://schema.org/EventScheduled', held: 'https://schema.org/EventScheduled', cancelled: 'https://schema.org/EventCancelled' } as const;
const MODE_URL = {
  in_library: 'https://schema.org/OfflineEventAttendanceMode',
  outside: 'https://schema.org/OfflineEventAttendanceMode',
  online: 'https://schema.org/OnlineEventAttendanceMode',
} as const;

function isoAt(e: EventDetail, time: string | null): string {
  const day = eventDayOf(e);
  return time ? `${day}T${time}:00${zoneOffsetAt(day, time, e.timeZone)}` : day;
}

function compact(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length)));
}

export function eventJsonLd(origin: string, e: EventDetail, lang: string) {
  const url = `${origin}/events/${e.id}`;
  const library = compact({
    '@type': 'Library',
    name: e.libraryName,
    url: `${origin}/libraries/${e.libraryId}`,
    address: compact({ '@type': 'PostalAddress', addressLocality: e.librarySettlement }),
  });
  return compact({
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': url,
    url,
    name: e.title,
    description: e.description,
    startDate: isoAt(e, e.startTime),
    endDate: e.endTime ? isoAt(e, e.endTime) : undefined,
    eventStatus: STATUS_URL[e.status],
    eventAttendanceMode: MODE_URL[e.place],
    location:
      e.place === 'online'
        ? compact({ '@type': 'VirtualLocation', url: /^https?:\/\//.test(e.placeNote) ? e.placeNote : url })
        : e.place === 'outside' && e.placeNote
          ? compact({ '@type': 'Place', name: e.placeNote, address: compact({ '@type': 'PostalAddress', addressLocality: e.librarySettlement }) })
          : library,
    organizer: [library, ...e.partners.map((p) => ({ '@type': 'Organization', name: p.name }))],
    image: e.photos.map((p) => `${origin}/events/${e.id}/photos/${p.sha256}`),
    isAccessibleForFree: true,
    inLanguage: lang,
    maximumAttendeeCapacity: e.isRegistrationOpen ? (e.capacity ?? undefined) : undefined,
    remainingAttendeeCapacity: e.isRegistrationOpen && e.capacity !== null ? Math.max(0, e.capacity - e.registeredCount) : undefined,
  });
}

function fact(label: string, value: SafeHtml | string): SafeHtml {
  return html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
}

/**
 * The id of the registration block. The form posts to a URL ending in `#register`, so the answer (the
 * form with its errors, or the confirmation) opens scrolled to it rather than at the top of the page.
 */
export const REGISTER_ANCHOR = 'register';

const REGISTER_FIELDS = ['name', 'phone', 'email'] as const;

function registration(page: PageContext, data: EventPageData): SafeHtml | null {
  const { t } = page;
  const e = data.event;
  const notice = (text: string, className = 'notice') => html`<p class="${className}" role="status" id="${REGISTER_ANCHOR}">${text}</p>`;
  if (data.notice === 'done') return notice(t('events.register_done'), 'notice ok');
  if (data.notice === 'full') return notice(t('events.register_full'));
  if (data.notice === 'closed') return notice(t('events.register_closed'));
  if (!e.isRegistrationOpen || e.status !== 'planned') return null;
  if (!data.canRegister) return notice(t('events.register_full'));
  const form = data.form ?? { name: '', phone: '', email: '', errors: {} };
  const labels = { name: t('events.register_name'), phone: t('events.register_phone'), email: t('events.register_email') };
  const failed = REGISTER_FIELDS.filter((field) => form.errors[field]);
  const error = (field: string) => (form.errors[field] ? html`<span class="field-error" id="err-${field}">${form.errors[field]}</span>` : '');
  const invalid = (field: string) => (form.errors[field] ? html` aria-invalid="true" aria-describedby="err-${field}"` : '');
  // Each error in the summary links to its field, so a reader (or a screen reader) goes straight to it.
  const summary =
    failed.length || form.refusal
      ? html`<div class="error-summary" role="alert" aria-labelledby="register-errors-title">
          <p id="register-errors-title"><strong>${form.refusal ?? t('error.validation')}</strong></p>
          ${failed.length
            ? html`<ul>
                ${failed.map((field) => html`<li><a href="#register-${field}">${labels[field]}: ${form.errors[field]}</a></li>`)}
              </ul>`
            : ''}
        </div>`
      : '';
  return html`<section class="card register" id="${REGISTER_ANCHOR}" aria-labelledby="register-title">
    <h2 id="register-title">${t('events.register_title')}</h2>
    ${e.capacity !== null ? html`<p class="muted">${t('events.seats_left', { count: Math.max(0, e.capacity - e.registeredCount) })}</p>` : ''}
    <form method="post" action="/events/${e.id}/register#${REGISTER_ANCHOR}" class="register-form">
      ${summary}
      <label
        >${labels.name}
        <input id="register-name" name="name" required maxlength="200" autocomplete="name" value="${form.name}"${invalid('name')} />
        ${error('name')}
      </label>
      <label
        >${labels.phone}
        <input id="register-phone" name="phone" type="tel" maxlength="40" autocomplete="tel" value="${form.phone}"${invalid('phone')} />
        ${error('phone')}
      </label>
      <label
        >${labels.email}
        <input id="register-email" name="email" type="email" maxlength="200" autocomplete="email" value="${form.email}"${invalid('email')} />
        ${error('email')}
      </label>
      <p class="muted">${t('events.register_contact_hint')}</p>
      <button type="submit">${t('events.register')}</button>
    </form>
  </section>`;
}

export function eventPage(page: PageContext, data: EventPageData): SafeHtml {
  const { t } = page;
  const e = data.event;
  const day = eventDayOf(e);
  const where = [e.libraryName, e.librarySettlement, e.placeNote].filter(Boolean).join(', ');
  return layout(
    page,
    {
      title: e.title,
      siteName: data.siteName,
      librariesHref: '/libraries',
      section: 'events',
      description: e.description.slice(0, 300) || `${longDate(page.lang, day)} — ${e.libraryName}`,
      head: html`${jsonLd(eventJsonLd(page.origin, e, page.lang))}
        <link rel="alternate" type="text/calendar" href="/events/${e.id}.ics" title="${t('events.ical')}" />`,
    },
    html`<p class="crumbs"><a href="/events">← ${t('events.back')}</a></p>
      <h1>${e.title}</h1>
      ${e.status === 'cancelled' ? html`<p class="notice"><strong>${t('events.cancelled')}</strong>${e.cancelReason ? html`: ${e.cancelReason}` : ''}</p>` : ''}
      <dl class="facts">
        ${fact(t('events.when'), html`<time datetime="${isoAt(e, e.startTime)}">${longDate(page.lang, day)}, ${timeRange(page, e.startTime, e.endTime)}</time>`)}
        ${fact(t('events.where'), html`<a href="/libraries/${e.libraryId}">${where}</a> (${t(`event.place.${e.place}`)})`)}
        ${fact(t('events.form'), formName(e, page.lang))} ${fact(t('events.for_whom'), t(`event.audience.${e.audience}`))}
        ${e.theme ? fact(t('events.theme'), e.theme) : ''}
        ${e.partners.length ? fact(t('events.partners'), e.partners.map((p) => p.name).join(', ')) : ''}
        ${e.status === 'held' && e.attendanceTotal !== null ? fact(t('col.attendance_total'), String(e.attendanceTotal)) : ''}
      </dl>
      ${e.description ? html`<div class="event-description">${e.description.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}</div>` : ''}
      ${e.status === 'held' && e.resultNote ? html`<p>${e.resultNote}</p>` : ''} ${registration(page, data)}
      ${e.photos.length
        ? html`<section>
            <h2>${t('events.photos')}</h2>
            <ul class="photos">
              ${e.photos.map(
                (p) => html`<li>
                  <figure>
                    <img src="/events/${e.id}/photos/${p.sha256}" alt="${p.caption || e.title}" loading="lazy" width="320" />
                    ${p.caption ? html`<figcaption>${p.caption}</figcaption>` : ''}
                  </figure>
                </li>`,
              )}
            </ul>
          </section>`
        : ''}
      ${e.records.length
        ? html`<section>
            <h2>${t('events.books')}</h2>
            <ul>
              ${e.records.map((r) => html`<li><a href="/catalog/records/${r.id}">${r.description || r.title}</a></li>`)}
            </ul>
          </section>`
        : ''}
      ${e.exhibitions.some((x) => x.isPublic)
        ? html`<section>
            <h2>${t('events.exhibitions')}</h2>
            <ul>
              ${e.exhibitions.filter((x) => x.isPublic).map((x) => html`<li><a href="/events/${x.id}">${x.title}</a></li>`)}
            </ul>
          </section>`
        : ''}
      ${e.pressLinks.length
        ? html`<section>
            <h2>${t('events.press')}</h2>
            <ul>
              ${e.pressLinks.map((l) => html`<li><a href="${l.url}" rel="noopener nofollow">${l.title || l.url}</a></li>`)}
            </ul>
          </section>`
        : ''}
      <p class="ical"><a href="/events/${e.id}.ics">${t('events.ical')}</a></p>`,
  );
}

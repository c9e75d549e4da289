/** `/libraries/:id`: everything a reader needs to get to one library, and what it brings to the villages. */
import { WEEKDAYS, type Library, type servicePoints as servicePointsTable, type TPassportData } from '../network';
import { eventCard, type PublicEventSummary } from './event-views';
import { compactHours, formatRange, hasKnownHours } from './hours';
import { html, jsonLd, type SafeHtml } from './html';
import { jsonLdGraph, libraryJsonLd } from './json-ld';
import { layout, type PageContext } from './layout';
import { libraryMeta, librariesHref, noData, phoneLinks } from './library-views';
import type { PortalNetwork } from './portal.data';
import { href } from './portal-request';

export interface ServicePointView {
  kind: (typeof servicePointsTable.$inferSelect)['kind'];
  name: string;
  address: string;
  isSeasonal: boolean;
}

export interface LibraryData {
  library: Library;
  network: PortalNetwork;
  /** Whether the installation has other networks, so links must name this one. */
  hasManyNetworks: boolean;
  passport: TPassportData;
  municipalities: { name: string }[];
  servicePoints: ServicePointView[];
  /** The library's next public events (a few; the events page lists them all). */
  upcomingEvents: PublicEventSummary[];
}

function openStreetMapUrl(lat: number, lon: number): string {
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
}

function contacts(page: PageContext, data: LibraryData): SafeHtml {
  const { t } = page;
  const { passport } = data;
  const phones = phoneLinks(passport.phone);
  const map =
    passport.lat !== null && passport.lon !== null
      ? html` <a class="nowrap" href="${openStreetMapUrl(passport.lat, passport.lon)}">${t('portal.map')}</a>`
      : '';
  return html`<section class="card">
    <h2>${t('portal.contacts')}</h2>
    <dl class="facts">
      <div>
        <dt>${t('portal.address')}</dt>
        <dd>${passport.address || noData(page)}${map}</dd>
      </div>
      ${
        phones &&
        html`<div>
          <dt>${t('portal.phone')}</dt>
          <dd>${phones}</dd>
        </div>`
      }
      ${
        passport.email &&
        html`<div>
          <dt>${t('portal.email')}</dt>
          <dd><a href="mailto:${passport.email}">${passport.email}</a></dd>
        </div>`
      }
      ${
        data.municipalities.length > 0 &&
        html`<div>
          <dt>${t('portal.municipality')}</dt>
          <dd>${data.municipalities.map((m) => m.name).join(', ')}</dd>
        </div>`
      }
    </dl>
  </section>`;
}

function hoursTable(page: PageContext, passport: TPassportData): SafeHtml {
  const { t } = page;
  if (!hasKnownHours(passport.hours)) {
    return html`<section class="card">
      <h2>${t('portal.hours')}</h2>
      <p>${noData(page)}</p>
    </section>`;
  }
  const rows = WEEKDAYS.map((day) => {
    const h = passport.hours[day];
    return html`<tr${h ? '' : html` class="closed"`}><th scope="row">${t(`weekday_long.${day}`)}</th>${
      h
        ? html`<td>${formatRange(h.open, h.close)}</td>
            ${
              h.breakFrom && h.breakTo
                ? html`<td data-label="${t('portal.break_col')}">${formatRange(h.breakFrom, h.breakTo)}</td>`
                : html`<td>—</td>`
            }`
        : html`<td colspan="2">${t('portal.closed')}</td>`
    }</tr>`;
  });
  return html`<section class="card">
    <table class="hours">
      <caption>
        ${t('portal.hours')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t('portal.day')}</th>
          <th scope="col">${t('portal.hours')}</th>
          <th scope="col">${t('portal.break_col')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
    ${passport.hoursNote && html`<p class="note">${passport.hoursNote}</p>`}
  </section>`;
}

/** What is on at the library, and where to find its events and its books. */
function atTheLibrary(page: PageContext, data: LibraryData): SafeHtml {
  const { t } = page;
  const id = data.library.id;
  return html`<section class="card wide">
    <h2>${t('portal.library_upcoming')}</h2>
    ${
      data.upcomingEvents.length
        ? html`<ul class="events">
            ${data.upcomingEvents.map((e) => eventCard(page, e))}
          </ul>`
        : html`<p>${t('portal.library_no_upcoming')}</p>`
    }
    <p>
      <a href="${href('/events', { library: id })}">${t('portal.library_all_events')}</a> ·
      <a href="${href('/catalog', { library: id })}">${t('portal.library_books')}</a>
    </p>
  </section>`;
}

function accessibility(page: PageContext, passport: TPassportData): SafeHtml | null {
  const features = (['vision', 'hearing', 'mobility'] as const).filter((f) => passport.accessibility[f]);
  if (!features.length) return null;
  return html`<section class="card">
    <h2>${page.t('portal.accessibility')}</h2>
    <ul class="ticks">
      ${features.map((f) => html`<li>${page.t(`access.${f}`)}</li>`)}
    </ul>
  </section>`;
}

function servicePoints(page: PageContext, points: ServicePointView[]): SafeHtml | null {
  if (!points.length) return null;
  const { t } = page;
  return html`<section class="card wide">
    <h2>${t('portal.service_points')}</h2>
    <ul class="points">
      ${points.map(
        (p) =>
          html`<li>
            <strong>${p.name}</strong><br /><span class="muted"
              >${t(`service_point.${p.kind}`)}${p.isSeasonal ? `, ${t('portal.seasonal')}` : ''}</span
            >${p.address && html`<br />${p.address}`}
          </li>`,
      )}
    </ul>
  </section>`;
}

export function libraryPage(page: PageContext, data: LibraryData): SafeHtml {
  const { library, network, passport } = data;
  const networkParam = data.hasManyNetworks ? network.id : undefined;
  const backHref = librariesHref(networkParam, { kind: library.kind === 'branch' ? undefined : library.kind });
  const structuredData = libraryJsonLd({
    origin: page.origin,
    library,
    passport,
    networkName: network.name,
    country: network.country,
  });
  const content = html`<p class="crumbs"><a href="${backHref}">← ${page.t('portal.back')}</a></p>
    <h1>${library.name}</h1>
    ${libraryMeta(page, library)}
    <div class="grid halves">
      ${contacts(page, data)} ${hoursTable(page, passport)} ${accessibility(page, passport)}
      ${servicePoints(page, data.servicePoints)} ${atTheLibrary(page, data)}
    </div>`;
  return layout(
    page,
    {
      // "Филиал № 21" alone says little in a list of browser tabs or search results.
      title:
        library.settlement && !library.name.includes(library.settlement)
          ? `${library.name}, ${library.settlement}`
          : library.name,
      siteName: network.name,
      librariesHref: librariesHref(networkParam),
      section: 'libraries',
      description: [passport.address, compactHours(page.t, passport.hours)].filter(Boolean).join('. '),
      head: jsonLd(jsonLdGraph([structuredData])),
    },
    content,
  );
}

/** Pieces of a library shown on several pages: its label, phone links, a summary card, the search form. */
import type { TPassportData } from '../network';
import { formatRange, groupHours } from './hours';
import { html, joinHtml, type SafeHtml } from './html';
import type { PageContext } from './layout';
import type { LibraryKind } from './portal.data';
import { href } from './portal-request';

export interface LibrarySummary {
  id: string;
  kind: LibraryKind;
  number: number | null;
  name: string;
  settlement: string;
}

/** "Филиал № 21" for a numbered branch, the kind in words otherwise. */
export function kindLabel(page: PageContext, library: Pick<LibrarySummary, 'kind' | 'number'>): string {
  if (library.kind === 'branch' && library.number !== null)
    return page.t('portal.branch_number', { number: library.number });
  return page.t(`kind.${library.kind}`);
}

/** "с. Подгорное" keeps its abbreviation on the same line as the name, as Russian typesetting does. */
function bindAbbreviation(settlement: string): string {
  return settlement.replace(/^([^\s.]{1,4}\.) /u, '$1\u00a0');
}

/**
 * The kind label, unless the name already says it: networks name their branches "Филиал № 21" and
 * often their central library just "Центральная библиотека".
 */
function kindBadge(page: PageContext, library: LibrarySummary): string | null {
  const label = kindLabel(page, library);
  if (library.name.toLocaleLowerCase().includes(label.toLocaleLowerCase())) return null;
  if (library.number !== null && new RegExp(`№\\s*${library.number}(?!\\d)`).test(library.name)) return null;
  return label;
}

/** The kind and the village under a library's name; null when the name already says both. */
export function libraryMeta(page: PageContext, library: LibrarySummary): SafeHtml | null {
  const badge = kindBadge(page, library);
  if (!badge && !library.settlement) return null;
  return html`<p class="lib-meta">
    ${badge && html`<span class="badge">${badge}</span>`}
    ${library.settlement && html`<span class="place">${bindAbbreviation(library.settlement)}</span>`}
  </p>`;
}

/** A passport may list several numbers ("0 3135 5 12 34, 0555 12 34 56"); each becomes its own tel: link. */
export function phoneLinks(phone: string): SafeHtml | null {
  const numbers = phone
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter((p) => /\d/.test(p));
  if (!numbers.length) return null;
  return joinHtml(
    numbers.map((n) => html`<a href="tel:${n.replace(/[^\d+]/g, '')}" class="nowrap">${n}</a>`),
    ', ',
  );
}

export function noData(page: PageContext): SafeHtml {
  return html`<span class="muted">${page.t('portal.no_data')}</span>`;
}

function fact(label: string, value: SafeHtml | string): SafeHtml {
  return html`<div>
    <dt>${label}</dt>
    <dd>${value}</dd>
  </div>`;
}

/**
 * The compact hours line as markup: a time range never breaks at its dash, so a narrow card shows
 * "13:00–14:00" whole rather than "13:00–" on one line and "14:00" on the next.
 */
export function compactHoursHtml(page: PageContext, passport: TPassportData): SafeHtml | null {
  const groups = groupHours(page.t, passport.hours);
  if (!groups) return null;
  const nowrap = (text: string) => html`<span class="nowrap">${text}</span>`;
  return joinHtml(
    groups.map(({ days, hours: h }) => {
      if (!h) return html`${nowrap(days)} ${page.t('portal.closed')}`;
      const open = nowrap(formatRange(h.open, h.close));
      return h.breakFrom && h.breakTo
        ? html`${nowrap(days)} ${open}, ${page.t('portal.break')} ${nowrap(formatRange(h.breakFrom, h.breakTo))}`
        : html`${nowrap(days)} ${open}`;
    }),
    '; ',
  );
}

/** Where a library is, when it is open, how to call it. */
export function libraryFacts(page: PageContext, passport: TPassportData | undefined): SafeHtml {
  const { t } = page;
  const hours = passport ? compactHoursHtml(page, passport) : null;
  const phones = passport ? phoneLinks(passport.phone) : null;
  return html`<dl class="facts">
    ${fact(t('portal.address'), passport?.address || noData(page))} ${fact(t('portal.hours'), hours ?? noData(page))}
    ${phones && fact(t('portal.phone'), phones)}
  </dl>`;
}

/** The card of one library in a list. */
export function libraryCard(
  page: PageContext,
  library: LibrarySummary,
  passport: TPassportData | undefined,
  heading: 'h2' | 'h3',
): SafeHtml {
  const link = html`<a href="/libraries/${library.id}">${library.name}</a>`;
  return html`<article class="card lib">
    ${heading === 'h2' ? html`<h2 class="lib-title">${link}</h2>` : html`<h3 class="lib-title">${link}</h3>`}
    ${libraryMeta(page, library)} ${libraryFacts(page, passport)}
  </article>`;
}

/** A plain GET form: works on any phone without JavaScript. */
export function searchForm(
  page: PageContext,
  options: { q?: string | undefined; networkId?: string | undefined },
): SafeHtml {
  const { t } = page;
  return html`<form class="search" method="get" action="/libraries" role="search">
    ${options.networkId ? html`<input type="hidden" name="network" value="${options.networkId}" />` : ''}
    <label for="q">${t('portal.search_label')}</label>
    <div class="search-row">
      <input
        id="q"
        name="q"
        type="search"
        value="${options.q ?? ''}"
        placeholder="${t('portal.search_hint')}"
        maxlength="100"
      />
      <button type="submit">${t('portal.search_button')}</button>
    </div>
  </form>`;
}

export function librariesHref(
  networkId: string | undefined,
  params: Record<string, string | number | undefined> = {},
): string {
  return href('/libraries', { network: networkId, ...params });
}

/** A library as the portal's library lists name it (libraryChoices) and the network it belongs to. */
export interface LibraryChoice {
  id: string;
  label: string;
  networkName: string;
}

/**
 * The libraries a reader can choose, named as search results name them: a branch whose name another
 * library also has ("Филиал № 5") with its village. Sorted by network, then by name, numbers in order.
 */
export function libraryChoices(
  libraries: readonly { id: string; name: string; settlement: string; networkName: string }[],
): LibraryChoice[] {
  const villagesByName = new Map<string, Set<string>>();
  for (const l of libraries) villagesByName.set(l.name, (villagesByName.get(l.name) ?? new Set()).add(l.settlement));
  const byName = (a: string, b: string) => a.localeCompare(b, 'ru', { numeric: true });
  return libraries
    .map((l) => ({
      id: l.id,
      networkName: l.networkName,
      label:
        l.settlement && !l.name.includes(l.settlement) && villagesByName.get(l.name)!.size > 1
          ? `${l.name}, ${l.settlement}`
          : l.name,
    }))
    .sort((a, b) => byName(a.networkName, b.networkName) || byName(a.label, b.label));
}

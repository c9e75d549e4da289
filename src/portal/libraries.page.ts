/** `/libraries`: the libraries of a network by kind (rural branches first), with a search form. */
import type { TPassportData } from '../network';
import { html, type SafeHtml } from './html';
import { layout, type PageContext } from './layout';
import { libraryCard, librariesHref, searchForm, type LibrarySummary } from './library-views';
import type { LibraryKind, PortalNetwork } from './portal.data';

export const LIBRARY_TABS = ['branch', 'central', 'children', 'other', 'all'] as const;
export type LibraryTab = (typeof LIBRARY_TABS)[number];

export interface LibraryListItem extends LibrarySummary {
  networkId: string;
}

export interface LibrariesData {
  networks: PortalNetwork[];
  /** The network chosen with `?network=`, or the only one. */
  network: PortalNetwork | undefined;
  tab: LibraryTab;
  q: string | undefined;
  page: number;
  pageSize: number;
  items: LibraryListItem[];
  total: number;
  counts: Partial<Record<LibraryKind, number>>;
  passports: Map<string, TPassportData>;
}

function tabLabel(page: PageContext, tab: LibraryTab): string {
  switch (tab) {
    case 'branch':
      return page.t('portal.libraries');
    case 'central':
      return page.t('kind.central');
    case 'children':
      return page.t('kind.children');
    case 'other':
      return page.t('portal.tab_other');
    case 'all':
      return page.t('portal.tab_all');
  }
}

function tabCount(data: LibrariesData, tab: LibraryTab): number {
  return tab === 'all' ? Object.values(data.counts).reduce((sum, n) => sum + n, 0) : (data.counts[tab] ?? 0);
}

/** Only kinds the network has get a tab, so a network without a children's library shows no empty tab. */
function tabs(page: PageContext, data: LibrariesData, networkParam: string | undefined): SafeHtml {
  const shown = LIBRARY_TABS.filter(
    (tab) => tab === data.tab || tab === 'branch' || tab === 'all' || tabCount(data, tab) > 0,
  );
  return html`<nav class="tabs" aria-label="${page.t('portal.tabs_label')}">
    <ul>
      ${shown.map((tab) => {
        const target = librariesHref(networkParam, { kind: tab === 'branch' ? undefined : tab });
        const label = html`${tabLabel(page, tab)} <span class="count">${tabCount(data, tab)}</span>`;
        return tab === data.tab
          ? html`<li><a href="${target}" aria-current="page">${label}</a></li>`
          : html`<li><a href="${target}">${label}</a></li>`;
      })}
    </ul>
  </nav>`;
}

function pagination(page: PageContext, data: LibrariesData, networkParam: string | undefined): SafeHtml | null {
  const pages = Math.ceil(data.total / data.pageSize);
  if (pages <= 1) return null;
  const kind = data.tab === 'branch' ? undefined : data.tab;
  const at = (n: number) => librariesHref(networkParam, { kind, q: data.q, page: n === 1 ? undefined : n });
  return html`<nav class="pages" aria-label="${page.t('portal.page_of', { page: data.page, pages })}">
    ${data.page > 1 ? html`<a href="${at(data.page - 1)}" rel="prev">← ${page.t('portal.page_prev')}</a>` : ''}
    <span>${page.t('portal.page_of', { page: data.page, pages })}</span>
    ${data.page < pages ? html`<a href="${at(data.page + 1)}" rel="next">${page.t('portal.page_next')} →</a>` : ''}
  </nav>`;
}

/** Cards, under a heading per network when the list spans several. */
function cards(page: PageContext, data: LibrariesData): SafeHtml {
  const byNetwork = new Map<string, LibraryListItem[]>();
  for (const item of data.items) byNetwork.set(item.networkId, [...(byNetwork.get(item.networkId) ?? []), item]);
  const grid = (items: LibraryListItem[], heading: 'h2' | 'h3') =>
    html`<div class="grid">${items.map((item) => libraryCard(page, item, data.passports.get(item.id), heading))}</div>`;
  if (byNetwork.size <= 1) return grid(data.items, 'h2');
  const names = new Map(data.networks.map((n) => [n.id, n.name]));
  return html`${[...byNetwork].map(
    ([networkId, items]) =>
      html`<section>
        <h2>${names.get(networkId) ?? ''}</h2>
        ${grid(items, 'h3')}
      </section>`,
  )}`;
}

export function librariesPage(page: PageContext, data: LibrariesData): SafeHtml {
  const { t } = page;
  // The network stays in links only when there is a choice of networks.
  const networkParam = data.networks.length > 1 ? data.network?.id : undefined;
  const siteName = data.network?.name ?? t('portal.title');
  const title = tabLabel(page, data.tab);
  const result = data.q
    ? html`<p class="result" role="status">
        ${t('portal.found', { count: data.total })} ·
        <a href="${librariesHref(networkParam)}">${t('portal.reset_search')}</a>
      </p>`
    : null;
  const content = html`<h1>${title}</h1>
    ${data.network && data.networks.length > 1 ? html`<p class="muted">${data.network.name}</p>` : ''}
    ${tabs(page, data, networkParam)} ${searchForm(page, { q: data.q, networkId: networkParam })} ${result}
    ${data.items.length ? cards(page, data) : html`<p class="empty">${data.q ? t('portal.nothing_found') : t('portal.no_libraries')}</p>`}
    ${pagination(page, data, networkParam)}`;
  return layout(page, { title, siteName, librariesHref: librariesHref(networkParam), section: 'libraries' }, content);
}

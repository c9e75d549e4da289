/** Pieces shared by the OPAC's pages: words for statuses and languages, availability lines, the search box. */
import { serverMessages, type MessageKey } from '../app/i18n';
import type { TItemStatus } from '../catalog';
import { html, type SafeHtml } from './html';
import type { PageContext } from './layout';

export interface LibraryAvailability {
  libraryId: string;
  libraryName: string;
  total: number;
  available: number;
}

function hasKey(key: string): key is MessageKey {
  return key in serverMessages.ru;
}

/** "русский" for `rus`; a code without a name is shown as is. */
export function languageName(page: PageContext, code: string): string {
  const key = `lang.${code}`;
  return hasKey(key) ? page.t(key) : code;
}

export function statusName(page: PageContext, status: TItemStatus): string {
  return page.t(`item_status.${status}`);
}

/** "Филиал № 21 — 2 на полке", or that every copy there is out. */
export function availabilityLine(page: PageContext, a: LibraryAvailability): string {
  return a.available > 0
    ? page.t('opac.on_shelf', { library: a.libraryName, count: a.available })
    : page.t('opac.all_out', { library: a.libraryName });
}

export function availabilityList(page: PageContext, list: readonly LibraryAvailability[]): SafeHtml {
  if (!list.length) return html`<p class="availability muted">${page.t('opac.no_copies')}</p>`;
  return html`<ul class="availability">
    ${list.map((a) => html`<li class="${a.available > 0 ? 'on-shelf' : 'out'}">${availabilityLine(page, a)}</li>`)}
  </ul>`;
}

/** The one search box; the same on the catalogue's search and record pages. */
export function catalogSearchBox(page: PageContext, q: string | undefined): SafeHtml {
  const { t } = page;
  return html`<form class="search" method="get" action="/catalog" role="search">
    <label for="catalog-q">${t('opac.search_label')}</label>
    <div class="search-row">
      <input
        id="catalog-q"
        name="q"
        type="search"
        value="${q ?? ''}"
        placeholder="${t('opac.search_hint')}"
        maxlength="300"
      />
      <button type="submit">${t('portal.search_button')}</button>
    </div>
  </form>`;
}

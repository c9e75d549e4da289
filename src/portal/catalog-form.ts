/** The OPAC's search form: one box, and the advanced fields folded under it (a native <details>, no JavaScript). */
import { AGE_LABELS, MATERIAL_TYPES, SEARCH_SORTS } from '../catalog';
import type { CatalogPageData } from './catalog.page';
import { FILTER_KEYS } from './catalog-query';
import { languageName } from './catalog-views';
import type { LibraryChoice } from './library-views';
import { html, type SafeHtml } from './html';
import type { PageContext } from './layout';

export const SORT_LABELS = {
  relevance: 'opac.sort_relevance',
  year_desc: 'opac.sort_year_desc',
  year_asc: 'opac.sort_year_asc',
  title: 'opac.sort_title',
} as const;

function input(
  id: string,
  label: string,
  value: string | number | undefined,
  attrs: { type?: string; max?: number } = {},
) {
  return html`<p class="field">
    <label for="${id}">${label}</label>
    <input
      id="${id}"
      name="${id}"
      type="${attrs.type ?? 'text'}"
      value="${value ?? ''}"
      maxlength="${attrs.max ?? 300}"
    />
  </p>`;
}

function select(id: string, label: string, anyLabel: string, value: string | undefined, options: [string, string][]) {
  return html`<p class="field">
    <label for="${id}">${label}</label>
    <select id="${id}" name="${id}">
      <option value="">${anyLabel}</option>
      ${options.map(([v, l]) =>
        v === value ? html`<option value="${v}" selected>${l}</option>` : html`<option value="${v}">${l}</option>`,
      )}
    </select>
  </p>`;
}

/** The library list: grouped by network when the portal serves several. */
function librarySelect(page: PageContext, value: string | undefined, libraries: readonly LibraryChoice[]) {
  const option = (l: LibraryChoice) =>
    l.id === value ? html`<option value="${l.id}" selected>${l.label}</option>` : html`<option value="${l.id}">${l.label}</option>`;
  const networks = [...new Set(libraries.map((l) => l.networkName))];
  return html`<p class="field">
    <label for="library">${page.t('opac.library')}</label>
    <select id="library" name="library">
      <option value="">${page.t('opac.any_feminine')}</option>
      ${
        networks.length > 1
          ? networks.map(
              (n) => html`<optgroup label="${n}">${libraries.filter((l) => l.networkName === n).map(option)}</optgroup>`,
            )
          : libraries.map(option)
      }
    </select>
  </p>`;
}

export function advancedForm(page: PageContext, data: Pick<CatalogPageData, 'query' | 'libraries'>): SafeHtml {
  const { t } = page;
  const q = data.query;
  const isOpen = FILTER_KEYS.some((key) => q[key] !== undefined);
  const languages = ['rus', 'kir', 'eng', 'kaz', 'uzb', 'ger', 'fre'];
  if (q.language && !languages.includes(q.language)) languages.push(q.language);
  const fields = html`<fieldset class="advanced-fields">
    <legend class="visually-hidden">${t('opac.advanced')}</legend>
    ${input('title', t('opac.title_field'), q.title)} ${input('author', t('opac.author'), q.author)}
    ${input('subject', t('opac.subject'), q.subject)} ${input('isbn', t('opac.isbn'), q.isbn, { max: 40 })}
    ${input('bbk', t('opac.bbk'), q.bbk, { max: 100 })}
    <div class="field-pair">
      ${input('from', t('opac.year_from'), q.from, { type: 'number', max: 4 })}
      ${input('to', t('opac.year_to'), q.to, { type: 'number', max: 4 })}
    </div>
    ${select(
      'language',
      t('opac.language'),
      t('opac.any'),
      q.language,
      languages.map((code) => [code, languageName(page, code)]),
    )}
    ${librarySelect(page, q.library, data.libraries)}
    ${select(
      'type',
      t('opac.type'),
      t('opac.any'),
      q.type,
      MATERIAL_TYPES.map((m) => [m, t(`material.${m}`)]),
    )}
    ${select(
      'age',
      t('opac.age_label'),
      t('opac.any_feminine'),
      q.age,
      AGE_LABELS.map((a) => [a, a]),
    )}
    ${select(
      'sort',
      t('opac.sort'),
      t('opac.sort_relevance'),
      q.sort === 'relevance' ? undefined : q.sort,
      SEARCH_SORTS.filter((s) => s !== 'relevance').map((s) => [s, t(SORT_LABELS[s])]),
    )}
    <p class="field check">
      <input id="available" name="available" type="checkbox" value="1" ${q.available ? html`checked` : ''} />
      <label for="available">${t('opac.only_available')}</label>
    </p>
    <p><button type="submit">${t('opac.apply')}</button></p>
  </fieldset>`;
  return html`<form class="search catalog-search" method="get" action="/catalog" role="search">
    <label for="catalog-q">${t('opac.search_label')}</label>
    <div class="search-row">
      <input
        id="catalog-q"
        name="q"
        type="search"
        value="${q.q ?? ''}"
        placeholder="${t('opac.search_hint')}"
        maxlength="300"
      />
      <button type="submit">${t('portal.search_button')}</button>
    </div>
    ${
      isOpen
        ? html`<details class="advanced" open>
            <summary>${t('opac.advanced')}</summary>
            ${fields}
          </details>`
        : html`<details class="advanced">
            <summary>${t('opac.advanced')}</summary>
            ${fields}
          </details>`
    }
  </form>`;
}

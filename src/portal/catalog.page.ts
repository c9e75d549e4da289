/** `/catalog`: the public catalogue's search — one box, advanced fields, results with availability, facets. */
import { MATERIAL_TYPES, SEARCH_SORTS, type Facet, type SearchFacets } from '../catalog';
import {
  catalogHref,
  FILTER_KEYS,
  pageHref,
  withoutFilter,
  yearFilterHref,
  type FilterKey,
  type OpacProblem,
  type OpacQuery,
} from './catalog-query';
import { advancedForm, FIELD_LABELS, SORT_LABELS } from './catalog-form';
import type { LibraryChoice } from './library-views';
import { availabilityList, languageName, type LibraryAvailability } from './catalog-views';
import { html, type SafeHtml } from './html';
import { layout, type PageContext } from './layout';

export interface CatalogHit {
  id: string;
  title: string;
  otherTitle: string;
  authors: string[];
  year: number | null;
  description: string;
  availability: LibraryAvailability[];
}

export interface CatalogPageData {
  siteName: string;
  librariesHref: string;
  query: OpacQuery;
  /** What in the query string the search could not use (shown next to the form); none when omitted. */
  problems?: OpacProblem[];
  /** Null when nothing was asked yet. */
  result: { items: CatalogHit[]; total: number; totalIsEstimate: boolean; isFuzzy: boolean; facets: SearchFacets | null } | null;
  libraries: LibraryChoice[];
  pageSize: number;
}

/** What a chip says about a filter: the library's name rather than its id, words rather than codes. */
function filterValue(page: PageContext, data: CatalogPageData, key: FilterKey): string {
  const q = data.query;
  switch (key) {
    case 'library':
      return (
        data.libraries.find((l) => l.id === q.library)?.label ??
        data.result?.facets?.libraries.find((f) => f.value === q.library)?.label ??
        ''
      );
    case 'language':
      return languageName(page, q.language ?? '');
    case 'type':
      return q.type ? page.t(`material.${q.type}`) : '';
    case 'available':
      return page.t('opac.only_available');
    default:
      return String(q[key] ?? '');
  }
}

function chips(page: PageContext, data: CatalogPageData): SafeHtml | null {
  const active = FILTER_KEYS.filter((key) => data.query[key] !== undefined);
  if (!active.length) return null;
  return html`<nav class="chips" aria-label="${page.t('opac.active_filters')}">
    <ul>
      ${active.map((key) => {
        const label =
          key === 'available'
            ? filterValue(page, data, key)
            : `${page.t(FIELD_LABELS[key])}: ${filterValue(page, data, key)}`;
        return html`<li>
          <a href="${withoutFilter(data.query, key)}" title="${page.t('opac.remove_filter', { filter: label })}"
            ><span>${label}</span> <span aria-hidden="true">×</span
            ><span class="visually-hidden"> (${page.t('opac.remove_filter', { filter: label })})</span></a
          >
        </li>`;
      })}
      <li>
        <a class="clear" href="${catalogHref(data.query, Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])))}"
          >${page.t('opac.clear_filters')}</a
        >
      </li>
    </ul>
  </nav>`;
}

function facetsAside(page: PageContext, data: CatalogPageData): SafeHtml | null {
  const facets = data.result?.facets;
  if (!facets || !data.result?.total) return null;
  const { t } = page;
  const q = data.query;
  // When the total is an estimate ("about N"), so are the counts: each is marked as one.
  const approximate = data.result.totalIsEstimate;
  const count = (n: number) =>
    approximate
      ? html`<span class="count" title="${t('opac.count_about', { count: n })}">≈ ${n}</span>`
      : html`<span class="count">${n}</span>`;
  const facetGroup = (title: string, list: Facet[], link: (f: Facet) => string, label: (f: Facet) => string) =>
    list.length
      ? html`<section class="facet">
          <h3>${title}</h3>
          <ul>
            ${list.map((f) => html`<li><a href="${link(f)}">${label(f)}</a> ${count(f.count)}</li>`)}
          </ul>
        </section>`
      : null;
  return html`<aside class="facets" aria-labelledby="facets-title">
    <h2 id="facets-title">${t('opac.filters')}</h2>
    ${
      q.library
        ? null
        : facetGroup(
            t('opac.library'),
            facets.libraries,
            (f) => catalogHref(q, { library: f.value }),
            (f) => f.label ?? f.value,
          )
    }
    ${
      q.from !== undefined && q.from === q.to
        ? null
        : facetGroup(
            t('opac.year'),
            facets.years,
            (f) => yearFilterHref(q, f.value),
            (f) => f.value,
          )
    }
    ${
      q.language
        ? null
        : facetGroup(
            t('opac.language'),
            facets.languages,
            (f) => catalogHref(q, { language: f.value }),
            (f) => languageName(page, f.value),
          )
    }
    ${
      q.type
        ? null
        : facetGroup(
            t('opac.type'),
            facets.materialTypes,
            (f) => catalogHref(q, { type: f.value }),
            (f) =>
              (MATERIAL_TYPES as readonly string[]).includes(f.value)
                ? t(`material.${f.value as (typeof MATERIAL_TYPES)[number]}`)
                : f.value,
          )
    }
    ${facetGroup(
      t('opac.subject'),
      facets.subjects,
      (f) => catalogHref(q, { subject: f.value }),
      (f) => f.value,
    )}
  </aside>`;
}

function sortLinks(page: PageContext, query: OpacQuery): SafeHtml {
  return html`<nav class="sort" aria-label="${page.t('opac.sort')}">
    <span>${page.t('opac.sort')}:</span>
    ${SEARCH_SORTS.map((s) =>
      s === query.sort
        ? html`<a href="${catalogHref(query, { sort: s === 'relevance' ? undefined : s })}" aria-current="true"
            >${page.t(SORT_LABELS[s])}</a
          >`
        : html`<a href="${catalogHref(query, { sort: s === 'relevance' ? undefined : s })}"
            >${page.t(SORT_LABELS[s])}</a
          >`,
    )}
  </nav>`;
}

function hit(page: PageContext, item: CatalogHit): SafeHtml {
  return html`<li class="hit">
    <h3>
      <a href="/catalog/records/${item.id}">${item.title}</a
      >${item.otherTitle ? html` <span class="muted">: ${item.otherTitle}</span>` : ''}
    </h3>
    ${item.authors.length || item.year ? html`<p class="byline">${item.authors.join('; ')}${item.authors.length && item.year ? ', ' : ''}${item.year ?? ''}</p>` : ''}
    ${item.description ? html`<p class="gost">${item.description}</p>` : ''}
    ${availabilityList(page, item.availability)}
  </li>`;
}

/** The last page there is (at most 500: nobody pages further, and links stop there). */
const lastPage = (data: CatalogPageData, total: number) => Math.max(1, Math.min(500, Math.ceil(total / data.pageSize)));

function pagination(page: PageContext, data: CatalogPageData, total: number): SafeHtml | null {
  const pages = lastPage(data, total);
  const at = data.query.page;
  if (pages <= 1 || at > pages) return null;
  return html`<nav class="pages" aria-label="${page.t('portal.page_of', { page: at, pages })}">
    ${at > 1 ? html`<a href="${pageHref(data.query, at - 1)}" rel="prev">← ${page.t('portal.page_prev')}</a>` : ''}
    <span>${page.t('portal.page_of', { page: at, pages })}</span>
    ${at < pages ? html`<a href="${pageHref(data.query, at + 1)}" rel="next">${page.t('portal.page_next')} →</a>` : ''}
  </nav>`;
}

function results(page: PageContext, data: CatalogPageData): SafeHtml {
  const { t } = page;
  const result = data.result;
  if (!result) return html`<p class="empty">${t('opac.empty_query')}</p>`;
  const start = (data.query.page - 1) * data.pageSize + 1;
  return html`${chips(page, data)}
    <div class="catalog-results">
      <section class="hits-section" aria-labelledby="results-title">
        <h2 id="results-title">${t('opac.results')}</h2>
        <p class="result" role="status">${t(result.totalIsEstimate ? 'opac.found_about' : 'opac.found', { count: result.total })}</p>
        ${
          // Where the filters come after the results (a phone, the large-type version), a link leads to them.
          result.total && result.facets
            ? html`<p class="to-facets"><a href="#facets-title">${t('opac.to_filters')} ↓</a></p>`
            : ''
        }
        ${result.isFuzzy && result.total ? html`<p class="notice">${t('opac.fuzzy')}</p>` : ''}
        ${
          result.items.length
            ? html`${sortLinks(page, data.query)}
                <ol class="hits" start="${start}">
                  ${result.items.map((item) => hit(page, item))}
                </ol>`
            : result.total
              ? html`<p class="empty">
                  ${t('opac.page_beyond', { page: data.query.page })}
                  <a href="${pageHref(data.query, lastPage(data, result.total))}">${t('opac.page_last', { page: lastPage(data, result.total) })}</a>
                </p>`
              : html`<p class="empty">${t('opac.nothing_found')}</p>`
        }
        ${pagination(page, data, result.total)}
      </section>
      ${facetsAside(page, data)}
    </div>`;
}

export function catalogPage(page: PageContext, data: CatalogPageData): SafeHtml {
  const { t } = page;
  const title = data.query.q ? `${data.query.q} — ${t('opac.title')}` : t('opac.title');
  const content = html`<h1>${t('opac.title')}</h1>
    ${advancedForm(page, data)} ${results(page, data)}`;
  return layout(
    page,
    {
      title,
      siteName: data.siteName,
      librariesHref: data.librariesHref,
      section: 'catalog',
      description: t('opac.description'),
    },
    content,
  );
}

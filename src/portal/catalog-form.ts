/** The OPAC's search form: one box, and the advanced fields folded under it (a native <details>, no JavaScript). */
import { AGE_LABELS, MATERIAL_TYPES, SEARCH_SORTS } from '../catalog';
import type { CatalogPageData } from './catalog.page';
import { FILTER_KEYS, OPAC_LAST_PAGE, YEAR_MAX, YEAR_MIN, type FilterKey, type OpacProblem } from './catalog-query';
import { languageName } from './catalog-views';
import type { LibraryChoice } from './library-views';
import { html, type SafeHtml } from './html';
import type { PageContext } from './layout';
import type { MessageKey } from '../app/i18n';

export const SORT_LABELS = {
  relevance: 'opac.sort_relevance',
  year_desc: 'opac.sort_year_desc',
  year_asc: 'opac.sort_year_asc',
  title: 'opac.sort_title',
} as const;

/** What each field is called, in chips and in the messages about a value the search could not use. */
export const FIELD_LABELS: Record<FilterKey | 'sort', MessageKey> = {
  title: 'opac.title_field',
  author: 'opac.author',
  subject: 'opac.subject',
  isbn: 'opac.isbn',
  bbk: 'opac.bbk',
  from: 'opac.year_from',
  to: 'opac.year_to',
  language: 'opac.language',
  library: 'opac.library',
  available: 'opac.only_available',
  age: 'opac.age_label',
  type: 'opac.type',
  sort: 'opac.sort',
};

/** The id of the message about a field, which the field points to (aria-describedby). */
const problemId = (field: string) => `problem-${field}`;

/** Marks a field the search could not use: screen readers announce it as invalid with the message. */
const invalid = (problem: boolean, id: string) =>
  problem ? html`aria-invalid="true" aria-describedby="${problemId(id)}"` : '';

function input(
  id: string,
  label: string,
  value: string | number | undefined,
  attrs: { max?: number; numeric?: boolean; problem?: boolean } = {},
) {
  // Years are text with a numeric keyboard, not type="number": a browser empties a number field that
  // holds "abc" before sending it, and the reader would never learn what was wrong.
  return html`<p class="field">
    <label for="${id}">${label}</label>
    <input
      id="${id}"
      name="${id}"
      type="text"
      ${attrs.numeric ? html`inputmode="numeric"` : ''}
      value="${value ?? ''}"
      maxlength="${attrs.max ?? 300}"
      ${invalid(attrs.problem ?? false, id)}
    />
  </p>`;
}

function select(
  id: string,
  label: string,
  anyLabel: string,
  value: string | undefined,
  options: [string, string][],
  problem = false,
) {
  return html`<p class="field">
    <label for="${id}">${label}</label>
    <select id="${id}" name="${id}" ${invalid(problem, id)}>
      <option value="">${anyLabel}</option>
      ${options.map(([v, l]) =>
        v === value ? html`<option value="${v}" selected>${l}</option>` : html`<option value="${v}">${l}</option>`,
      )}
    </select>
  </p>`;
}

/** The library list: grouped by network when the portal serves several. */
function librarySelect(page: PageContext, value: string | undefined, libraries: readonly LibraryChoice[], problem: boolean) {
  const option = (l: LibraryChoice) =>
    l.id === value ? html`<option value="${l.id}" selected>${l.label}</option>` : html`<option value="${l.id}">${l.label}</option>`;
  const networks = [...new Set(libraries.map((l) => l.networkName))];
  return html`<p class="field">
    <label for="library">${page.t('opac.library')}</label>
    <select id="library" name="library" ${invalid(problem, 'library')}>
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

/** The field a problem is about, if it is one of the form's. */
function fieldOf(problem: OpacProblem): string | null {
  if (problem.kind === 'year' || problem.kind === 'choice') return problem.field;
  return problem.kind === 'years_reversed' ? 'from' : null;
}

function problemText(page: PageContext, problem: OpacProblem): string {
  const { t } = page;
  switch (problem.kind) {
    case 'year':
      return t('opac.problem_year', { field: t(FIELD_LABELS[problem.field]), value: problem.value, min: YEAR_MIN, max: YEAR_MAX });
    case 'years_reversed':
      return t('opac.problem_years_reversed', { from: problem.from, to: problem.to });
    case 'choice':
      return t('opac.problem_choice', { field: t(FIELD_LABELS[problem.field]), value: problem.value });
    case 'page':
      return t('opac.problem_page', { value: problem.value, last: OPAC_LAST_PAGE });
  }
}

/** What in the query the search could not use, said next to the form in the page's language. */
function problemsNotice(page: PageContext, problems: readonly OpacProblem[]): SafeHtml | null {
  if (!problems.length) return null;
  return html`<div class="notice search-problems">
    ${problems.map((p) => {
      const field = fieldOf(p);
      return field ? html`<p id="${problemId(field)}">${problemText(page, p)}</p>` : html`<p>${problemText(page, p)}</p>`;
    })}
  </div>`;
}

export function advancedForm(
  page: PageContext,
  data: Pick<CatalogPageData, 'query' | 'libraries' | 'problems'>,
): SafeHtml {
  const { t } = page;
  const q = data.query;
  const problems = data.problems ?? [];
  const problemFor = (field: string) => problems.find((p) => fieldOf(p) === field && p.kind !== 'years_reversed');
  // A year the search could not use stays in its field as the reader typed it, to be corrected.
  const typedYear = (field: 'from' | 'to') => {
    const problem = problemFor(field);
    return problem?.kind === 'year' ? problem.value : q[field];
  };
  const isOpen = FILTER_KEYS.some((key) => q[key] !== undefined) || problems.some((p) => fieldOf(p) !== null);
  const languages = ['rus', 'kir', 'eng', 'kaz', 'uzb', 'ger', 'fre'];
  if (q.language && !languages.includes(q.language)) languages.push(q.language);
  const fields = html`<fieldset class="advanced-fields">
    <legend class="visually-hidden">${t('opac.advanced')}</legend>
    ${input('title', t('opac.title_field'), q.title)} ${input('author', t('opac.author'), q.author)}
    ${input('subject', t('opac.subject'), q.subject)} ${input('isbn', t('opac.isbn'), q.isbn, { max: 40 })}
    ${input('bbk', t('opac.bbk'), q.bbk, { max: 100 })}
    <div class="field-pair">
      ${input('from', t('opac.year_from'), typedYear('from'), { numeric: true, max: 12, problem: !!problemFor('from') })}
      ${input('to', t('opac.year_to'), typedYear('to'), { numeric: true, max: 12, problem: !!problemFor('to') })}
    </div>
    ${select(
      'language',
      t('opac.language'),
      t('opac.any'),
      q.language,
      languages.map((code) => [code, languageName(page, code)]),
      !!problemFor('language'),
    )}
    ${librarySelect(page, q.library, data.libraries, !!problemFor('library'))}
    ${select(
      'type',
      t('opac.type'),
      t('opac.any'),
      q.type,
      MATERIAL_TYPES.map((m) => [m, t(`material.${m}`)]),
      !!problemFor('type'),
    )}
    ${select(
      'age',
      t('opac.age_label'),
      t('opac.any_feminine'),
      q.age,
      AGE_LABELS.map((a) => [a, a]),
      !!problemFor('age'),
    )}
    ${select(
      'sort',
      t('opac.sort'),
      t('opac.sort_relevance'),
      q.sort === 'relevance' ? undefined : q.sort,
      SEARCH_SORTS.filter((s) => s !== 'relevance').map((s) => [s, t(SORT_LABELS[s])]),
      !!problemFor('sort'),
    )}
    <p class="field check">
      <input
        id="available"
        name="available"
        type="checkbox"
        value="1"
        ${q.available ? html`checked` : ''}
        ${invalid(!!problemFor('available'), 'available')}
      />
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
    ${problemsNotice(page, problems)}
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

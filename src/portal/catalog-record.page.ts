/** `/catalog/records/:id`: one edition — its ГОСТ description, subjects, classes, and the copies per library. */
import type { CatalogRecord, TItemStatus } from '../catalog';
import { catalogSearchBox, languageName, statusName } from './catalog-views';
import { html, jsonLd, joinHtml, type HtmlValue, type SafeHtml } from './html';
import { layout, type PageContext } from './layout';
import { bookJsonLd } from './record-json-ld';

export interface RecordCopy {
  libraryId: string;
  libraryName: string;
  callNumber: string;
  location: string;
  status: TItemStatus;
  /** Withheld from readers by a check against the list of extremist materials: never lent, never held. */
  isWithheld?: boolean;
}

export interface RecordPageData {
  siteName: string;
  librariesHref: string;
  record: CatalogRecord;
  /** Written-off copies are already left out. */
  copies: RecordCopy[];
  /** Reserving the record from a reader's account, or why it cannot be reserved (withheldNotice). */
  holdBox?: SafeHtml | null;
  /** The search the reader came from (catalogueSearchOf), to return to; the catalogue when none. */
  backHref?: string | null;
}

function fact(label: string, value: HtmlValue): SafeHtml | null {
  if (value === '' || value === null || value === undefined || (Array.isArray(value) && !value.length)) return null;
  return html`<div>
    <dt>${label}</dt>
    <dd>${value}</dd>
  </div>`;
}

function subjectLinks(record: CatalogRecord): SafeHtml | null {
  if (!record.subjects.length) return null;
  return joinHtml(
    record.subjects.map((s) => html`<a href="/catalog?subject=${encodeURIComponent(s)}">${s}</a>`),
    '; ',
  );
}

/** Copies grouped by library, each with its call number and status in words. */
function copiesSection(page: PageContext, copies: RecordCopy[]): SafeHtml {
  const { t } = page;
  if (!copies.length)
    return html`<section class="card copies">
      <h2>${t('opac.copies')}</h2>
      <p class="muted">${t('opac.no_copies')}</p>
    </section>`;
  const byLibrary = new Map<string, RecordCopy[]>();
  for (const copy of copies) byLibrary.set(copy.libraryId, [...(byLibrary.get(copy.libraryId) ?? []), copy]);
  return html`<section class="card copies">
    <h2>${t('opac.copies')}</h2>
    <table class="copies-table">
      <thead>
        <tr>
          <th scope="col">${t('opac.library')}</th>
          <th scope="col">${t('opac.call_number')}</th>
          <th scope="col">${t('opac.status')}</th>
        </tr>
      </thead>
      <tbody>
        ${[...byLibrary.values()].map((list) =>
          list.map(
            (copy, i) =>
              html`<tr>
                ${i === 0 ? html`<th scope="rowgroup" rowspan="${list.length}"><a href="/libraries/${copy.libraryId}">${copy.libraryName}</a></th>` : ''}
                <td>
                  ${copy.callNumber || '—'}${copy.location ? html`<br /><span class="muted">${copy.location}</span>` : ''}
                </td>
                <td class="${copy.status === 'available' && !copy.isWithheld ? 'on-shelf' : 'out'}">
                  ${copy.isWithheld ? t('opac.copy_withheld') : statusName(page, copy.status)}
                </td>
              </tr>`,
          ),
        )}
      </tbody>
    </table>
  </section>`;
}

/** Whether no copy a reader could ever have is left: every copy not lost is withheld by law. */
export const isWithheldRecord = (copies: readonly RecordCopy[]) => {
  const kept = copies.filter((c) => c.status !== 'lost');
  return kept.length > 0 && kept.every((c) => c.isWithheld);
};

/** In place of the hold box: why the record cannot be reserved, in plain words. */
export function withheldNotice(page: PageContext): SafeHtml {
  return html`<section class="card" id="hold" data-withheld>
    <p>${page.t('opac.record_withheld')}</p>
  </section>`;
}

export function recordPage(page: PageContext, data: RecordPageData): SafeHtml {
  const { t } = page;
  const r = data.record;
  const publication = [r.place, r.publisher].filter(Boolean).join(' : ') + (r.year !== null ? `, ${r.year}` : '');
  const content = html`<p class="crumbs">
      ${data.backHref ? html`<a href="${data.backHref}">← ${t('opac.back_to_results')}</a>` : html`<a href="/catalog">← ${t('opac.back')}</a>`}
    </p>
    ${catalogSearchBox(page, undefined)}
    <article class="record">
      <h1>${r.title}${r.otherTitle ? html`<span class="subtitle"> : ${r.otherTitle}</span>` : ''}</h1>
      ${r.authors.length ? html`<p class="byline">${r.authors.join('; ')}</p>` : ''}
      <section class="card">
        <h2>${t('opac.gost')}</h2>
        <p class="gost">${r.description}</p>
        <dl class="facts">
          ${fact(t('opac.publisher'), publication.replace(/^, /, ''))} ${fact(t('opac.extent'), r.extent)}
          ${fact(t('opac.series'), r.series)} ${fact(t('opac.isbn'), r.isbns.join(', '))} ${fact('ISSN', r.issn)}
          ${fact(t('opac.language'), r.language ? languageName(page, r.language) : '')}
          ${fact(t('opac.subject'), subjectLinks(r))} ${fact(t('opac.bbk'), r.bbk.join('; '))}
          ${fact(t('opac.udc'), r.udc.join('; '))} ${fact(t('opac.type'), t(`material.${r.materialType}`))}
          ${fact(t('opac.age_label'), r.ageLabel ?? '')}
        </dl>
      </section>
      ${
        r.summary
          ? html`<section class="card">
              <h2>${t('opac.summary')}</h2>
              <p>${r.summary}</p>
            </section>`
          : ''
      }
      ${copiesSection(page, data.copies)} ${data.holdBox}
    </article>`;
  return layout(
    page,
    {
      title: r.title,
      siteName: data.siteName,
      librariesHref: data.librariesHref,
      section: 'catalog',
      description: r.description.slice(0, 300) || undefined,
      head: jsonLd(bookJsonLd(page.origin, r)),
    },
    content,
  );
}

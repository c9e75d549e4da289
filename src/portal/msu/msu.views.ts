/** Pieces of the officials' pages (ИЦ МСУ on the portal): the frame, forms, the request thread. */
import type { MunicipalRequest, TAnswerSource } from '../../municipal';
import { html, type HtmlValue, type SafeHtml } from '../html';
import { layout, type PageContext } from '../layout';

export interface OfficialPage extends PageContext {
  csrf: string;
  fullName: string;
  siteName: string;
}

export const MSU_HOME = '/msu';

/** Date as DD.MM.YYYY, the way it is written on paper in the region. */
export function day(value: Date | string | null): string {
  if (!value) return '';
  const iso = typeof value === 'string' ? value : value.toISOString();
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

export function msuLayout(page: OfficialPage, title: string, content: HtmlValue): SafeHtml {
  const { t } = page;
  return layout(
    page,
    { title, siteName: page.siteName, librariesHref: '/libraries' },
    html`<nav class="msu-nav" aria-label="${t('msu.title')}">
        <a href="${MSU_HOME}">${t('msu.my_requests')}</a>
        <a href="/msu/requests/new">${t('msu.new_request')}</a>
        <a href="/msu/inbox">${t('msu.inbox')}</a>
        <a href="/msu/subscriptions">${t('msu.subscriptions')}</a>
        <a href="/msu/report">${t('msu.report')}</a>
        <form method="post" action="/msu/logout" class="inline">
          <input type="hidden" name="_csrf" value="${page.csrf}" />
          <button type="submit" class="button secondary">${t('msu.logout')} (${page.fullName})</button>
        </form>
      </nav>
      ${content}`,
  );
}

export function csrfField(page: OfficialPage): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${page.csrf}" />`;
}

/** One field's error, tied to its input by aria-describedby. */
export function fieldError(id: string, message: string | undefined): SafeHtml | null {
  return message ? html`<span class="field-error" id="${id}-error" role="alert">${message}</span>` : null;
}

export function statusBadge(page: PageContext, r: Pick<MunicipalRequest, 'status'> & { isOverdue: boolean }): SafeHtml {
  const { t } = page;
  return html`<span class="badge status-${r.status}">${t(`municipal.status.${r.status}`)}</span>${r.isOverdue
      ? html` <span class="badge overdue">${t('msu.overdue')}</span>`
      : null}`;
}

function sourceLink(page: PageContext, requestId: string, s: TAnswerSource): SafeHtml {
  if (s.kind === 'record') return html`<a href="/catalog/records/${s.recordId}">${s.title || page.t('msu.source_record')}</a>`;
  if (s.kind === 'file') return html`<a href="/api/v1/municipal/requests/${requestId}/files/${s.sha256}">${s.name}</a>`;
  return html`<a href="${s.url}" rel="noopener noreferrer">${s.title || s.url}</a>`;
}

export interface ThreadMessage {
  kind: string;
  authorName: string;
  body: string;
  sources: TAnswerSource[];
  createdAt: Date;
}

export function thread(page: PageContext, requestId: string, messages: ThreadMessage[]): SafeHtml {
  const { t } = page;
  return html`<ol class="thread">
    ${messages.map(
      (m) => html`<li class="message ${m.kind}">
        <p class="muted">${t(`msu.kind.${m.kind as 'question' | 'answer' | 'follow_up' | 'note'}`)} · ${m.authorName} · ${day(m.createdAt)}</p>
        ${m.body.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}
        ${m.sources.length
          ? html`<p><strong>${t('msu.sources')}:</strong></p>
              <ul class="sources">
                ${m.sources.map((s) => html`<li>${sourceLink(page, requestId, s)}</li>`)}
              </ul>`
          : null}
      </li>`,
    )}
  </ol>`;
}

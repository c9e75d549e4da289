/** The pages municipal officials use on the portal: log in, their requests, a request, new request, inbox, topics. */
import type { MunicipalRequest, TRequestType } from '../../municipal';
import { REQUEST_TYPES } from '../../municipal';
import { html, type SafeHtml } from '../html';
import { layout, type PageContext } from '../layout';
import { href } from '../portal-request';
import { csrfField, day, fieldError, msuLayout, statusBadge, thread, type OfficialPage, type ThreadMessage } from './msu.views';

/** The login form; `next` is the officials' page to open once logged in. */
export function loginPage(page: PageContext, siteName: string, options: { error?: string; login?: string; notOfficial?: boolean; next?: string | null }): SafeHtml {
  const { t } = page;
  return layout(
    page,
    { title: t('msu.title'), siteName, librariesHref: '/libraries' },
    html`<h1>${t('msu.title')}</h1>
      <p class="lead">${t('msu.intro')}</p>
      ${options.notOfficial ? html`<p class="note" role="alert">${t('msu.not_official')} <a href="/staff">${t('portal.staff_login')}</a></p>` : null}
      <form class="msu-form" method="post" action="/msu/login">
        ${options.error ? html`<p class="field-error" role="alert">${options.error}</p>` : null}
        ${options.next ? html`<input type="hidden" name="next" value="${options.next}" />` : null}
        <p class="field">
          <label for="login">${t('msu.login')}</label>
          <input id="login" name="login" autocomplete="username" required value="${options.login ?? ''}" />
        </p>
        <p class="field">
          <label for="password">${t('msu.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </p>
        <p><button type="submit">${t('msu.sign_in')}</button></p>
      </form>`,
  );
}

export interface RequestListItem {
  id: string;
  number: number;
  type: TRequestType;
  topic: string;
  status: MunicipalRequest['status'];
  receivedAt: Date;
  dueOn: string;
  isOverdue: boolean;
}

export function homePage(page: OfficialPage, data: { items: RequestListItem[]; total: number; pageNo: number; pages: number; unread: number; municipalityName: string }): SafeHtml {
  const { t } = page;
  return msuLayout(
    page,
    t('msu.my_requests'),
    html`<h1>${t('msu.my_requests')}</h1>
      <p class="lead">${data.municipalityName}</p>
      ${data.unread ? html`<p class="note"><a href="/msu/inbox">${t('msu.unread', { count: data.unread })}</a></p>` : null}
      <p><a class="button" href="/msu/requests/new">${t('msu.new_request')}</a></p>
      ${data.items.length
        ? html`<div class="msu-table-scroll" role="region" aria-label="${t('msu.my_requests')}" tabindex="0">
            <table class="msu-table msu-requests">
              <thead>
                <tr><th>№</th><th>${t('municipal.col.topic')}</th><th>${t('municipal.col.type')}</th><th>${t('municipal.col.received')}</th><th>${t('municipal.col.due')}</th><th>${t('municipal.col.status')}</th></tr>
              </thead>
              <tbody>
                ${data.items.map(
                  (r) => html`<tr>
                    <td class="msu-number">${r.number}</td>
                    <td class="msu-topic"><a href="/msu/requests/${r.id}">${r.topic}</a></td>
                    <td data-label="${t('municipal.col.type')}">${t(`municipal.type.${r.type}`)}</td>
                    <td class="nowrap" data-label="${t('municipal.col.received')}">${day(r.receivedAt)}</td>
                    <td class="nowrap" data-label="${t('municipal.col.due')}">${day(r.dueOn)}</td>
                    <td data-label="${t('municipal.col.status')}">${statusBadge(page, r)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p class="empty">${t('msu.no_requests')}</p>`}
      ${data.pages > 1
        ? html`<p class="pages">
            ${data.pageNo > 1 ? html`<a href="${href('/msu', { page: data.pageNo - 1 })}">${t('portal.page_prev')}</a>` : null}
            <span>${t('portal.page_of', { page: data.pageNo, pages: data.pages })}</span>
            ${data.pageNo < data.pages ? html`<a href="${href('/msu', { page: data.pageNo + 1 })}">${t('portal.page_next')}</a>` : null}
          </p>`
        : null}`,
  );
}

export interface RequestFormValues {
  type?: string;
  topic?: string;
  text?: string;
  wantedBy?: string;
}

/** The new-request form; `today` (YYYY-MM-DD, the network's calendar) is the earliest needed-by date the date picker offers. */
export function newRequestPage(page: OfficialPage, values: RequestFormValues, errors: Record<string, string>, today: string): SafeHtml {
  const { t } = page;
  const described = (id: string) => (errors[id] ? `${id}-error` : undefined);
  return msuLayout(
    page,
    t('msu.new_request'),
    html`<h1>${t('msu.new_request')}</h1>
      <p>${t('msu.new_request_hint')}</p>
      <form class="msu-form" method="post" action="/msu/requests" novalidate>
        ${csrfField(page)}
        ${Object.keys(errors).length ? html`<p class="field-error" role="alert">${t('error.validation')}</p>` : null}
        <p class="field">
          <label for="type">${t('municipal.col.type')}</label>
          <select id="type" name="type">
            ${REQUEST_TYPES.map((v) =>
              v === (values.type ?? 'factual')
                ? html`<option value="${v}" selected>${t(`municipal.type.${v}`)}</option>`
                : html`<option value="${v}">${t(`municipal.type.${v}`)}</option>`,
            )}
          </select>
          <span class="muted">${t('msu.type_hint')}</span>
        </p>
        <p class="field">
          <label for="topic">${t('municipal.col.topic')} *</label>
          <input id="topic" name="topic" maxlength="300" value="${values.topic ?? ''}" aria-invalid="${errors.topic ? 'true' : 'false'}" aria-describedby="${described('topic')}" />
          ${fieldError('topic', errors.topic)}
        </p>
        <p class="field">
          <label for="text">${t('msu.question')}</label>
          <textarea id="text" name="text" rows="6" maxlength="5000" aria-describedby="${described('text')}">${values.text ?? ''}</textarea>
          ${fieldError('text', errors.text)}
        </p>
        <p class="field">
          <label for="wantedBy">${t('msu.wanted_by')}</label>
          <input
            id="wantedBy"
            name="wantedBy"
            type="date"
            min="${today}"
            value="${values.wantedBy ?? ''}"
            aria-invalid="${errors.wantedBy ? 'true' : 'false'}"
            aria-describedby="${described('wantedBy')}"
          />
          ${fieldError('wantedBy', errors.wantedBy)}
          <span class="muted">${t('msu.wanted_by_hint')}</span>
        </p>
        <p><button type="submit">${t('msu.send')}</button></p>
      </form>`,
  );
}

export function requestPage(
  page: OfficialPage,
  r: MunicipalRequest & { isOverdue: boolean; municipalityName: string },
  messages: ThreadMessage[],
  followUpError?: string,
): SafeHtml {
  const { t } = page;
  const isOpen = r.status !== 'closed';
  return msuLayout(
    page,
    `№ ${r.number}. ${r.topic}`,
    html`<p class="crumbs"><a href="/msu">${t('msu.my_requests')}</a></p>
      <h1>№ ${r.number}. ${r.topic}</h1>
      <dl class="facts">
        <dt>${t('municipal.col.type')}</dt><dd>${t(`municipal.type.${r.type}`)}</dd>
        <dt>${t('municipal.col.received')}</dt><dd>${day(r.receivedAt)}</dd>
        <dt>${t('municipal.col.due')}</dt><dd>${day(r.dueOn)}</dd>
        <dt>${t('municipal.col.status')}</dt><dd>${statusBadge(page, r)}</dd>
      </dl>
      ${thread(page, r.id, messages)}
      ${isOpen
        ? html`<form class="msu-form" method="post" action="/msu/requests/${r.id}/follow-up">
              ${csrfField(page)}
              <p class="field">
                <label for="body">${t('msu.ask_again')}</label>
                <textarea id="body" name="body" rows="4" maxlength="5000" aria-describedby="${followUpError ? 'body-error' : undefined}"></textarea>
                ${fieldError('body', followUpError)}
              </p>
              <p><button type="submit">${t('msu.send')}</button></p>
            </form>
            ${r.status === 'answered'
              ? html`<form method="post" action="/msu/requests/${r.id}/close">
                  ${csrfField(page)}
                  <button type="submit" class="button secondary">${t('msu.close')}</button>
                </form>`
              : null}`
        : html`<p class="note">${t('msu.closed_note')}</p>`}`,
  );
}

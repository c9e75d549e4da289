/**
 * The reader's account pages on the portal: log in, the account (loans, holds, history), passwords.
 * Plain HTML forms that work without JavaScript; every form of a signed-in reader carries `_csrf`.
 */
import type { HoldView, OpenLoanView } from '../../circulation';
import { html, type HtmlValue, type SafeHtml } from '../../portal/html';
import { layout, type PageContext } from '../../portal/layout';
import { day } from '../../portal/msu/msu.views';
import { href } from '../../portal/portal-request';

export interface ReaderPage extends PageContext {
  siteName: string;
  /** Set when a reader is signed in. */
  csrf?: string;
  readerName?: string;
  cardNumber?: string;
}

/** A message shown at the top of a page: what just happened, or why it did not. */
export interface Notice {
  text: string;
  isError?: boolean;
}

const csrfField = (page: ReaderPage) => html`<input type="hidden" name="_csrf" value="${page.csrf ?? ''}" />`;

function frame(page: ReaderPage, title: string, content: HtmlValue): SafeHtml {
  const { t } = page;
  const nav = page.csrf
    ? html`<nav class="msu-nav" aria-label="${t('account.title')}">
        <a href="/account">${t('account.nav')}</a>
        <a href="/account/password">${t('account.change_password')}</a>
        <form method="post" action="/account/logout" class="inline">
          ${csrfField(page)}
          <button type="submit" class="button secondary">${t('account.logout')} (${page.readerName})</button>
        </form>
      </nav>`
    : null;
  return layout(page, { title, siteName: page.siteName, librariesHref: '/libraries', section: 'account' }, html`${nav}${content}`);
}

function notices(list: Notice[]): SafeHtml | null {
  if (!list.length) return null;
  return html`<div role="status">
    ${list.map((n) => html`<p class="${n.isError ? 'note field-error' : 'note'}">${n.text}</p>`)}
  </div>`;
}

function passwordField(id: string, label: string, autocomplete: string, error?: string): SafeHtml {
  return html`<p class="field">
    <label for="${id}">${label}</label>
    <input id="${id}" name="${id}" type="password" autocomplete="${autocomplete}" required minlength="8"
      ${error ? html`aria-invalid="true" aria-describedby="${id}-error"` : null} />
    ${error ? html`<span class="field-error" id="${id}-error">${error}</span>` : null}
  </p>`;
}

export function loginPage(page: ReaderPage, options: { error?: string; cardNumber?: string; back?: string; notice?: Notice }): SafeHtml {
  const { t } = page;
  return frame(
    page,
    t('account.title'),
    html`<h1>${t('account.title')}</h1>
      <p class="lead">${t('account.intro')}</p>
      ${notices(options.notice ? [options.notice] : [])}
      <form class="msu-form" method="post" action="/account/login">
        ${options.error ? html`<p class="field-error" role="alert">${options.error}</p>` : null}
        ${options.back ? html`<input type="hidden" name="back" value="${options.back}" />` : null}
        <p class="field">
          <label for="card">${t('account.card_number')}</label>
          <input id="card" name="card" autocomplete="username" inputmode="text" required value="${options.cardNumber ?? ''}" />
        </p>
        <p class="field">
          <label for="password">${t('account.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </p>
        <p><button type="submit">${t('account.sign_in')}</button></p>
      </form>
      <p class="muted">${t('account.no_password_hint')} <a href="/account/password/forgot">${t('account.forgot')}</a></p>`,
  );
}

function loansSection(page: ReaderPage, loans: OpenLoanView[]): SafeHtml {
  const { t } = page;
  if (!loans.length) return html`<h2>${t('account.loans')}</h2><p class="muted">${t('account.no_loans')}</p>`;
  return html`<h2>${t('account.loans')}</h2>
    <table class="msu-table" data-testid="account-loans">
      <thead>
        <tr><th>${t('account.col_title')}</th><th>${t('account.col_library')}</th><th>${t('account.col_due')}</th><th>${t('account.col_renewals')}</th><th></th></tr>
      </thead>
      <tbody>
        ${loans.map(
          (l) => html`<tr>
            <td>${l.title}</td>
            <td>${l.libraryName}</td>
            <td class="due">${day(l.dueOn)}${l.isOverdue ? html` <span class="badge overdue">${t('account.overdue')}</span>` : null}</td>
            <td>${l.renewals}</td>
            <td>
              <form method="post" action="/account/renew" class="inline">
                ${csrfField(page)}<input type="hidden" name="loanId" value="${l.loanId}" />
                <button type="submit" class="button secondary">${t('account.renew')}</button>
              </form>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${loans.length > 1
      ? html`<form method="post" action="/account/renew">${csrfField(page)}<p><button type="submit">${t('account.renew_all')}</button></p></form>`
      : null}`;
}

export function holdState(page: PageContext, h: HoldView): string {
  const { t } = page;
  if (h.status === 'ready') return t('account.hold_ready', { library: h.pickupLibraryName, date: day(h.expiresOn) });
  if (h.status === 'in_transit') return t('account.hold_in_transit', { library: h.pickupLibraryName });
  return `${t('account.hold_waiting', { position: h.position ?? 1 })} · ${t('account.pickup')}: ${h.pickupLibraryName}`;
}

function holdsSection(page: ReaderPage, holds: HoldView[]): SafeHtml {
  const { t } = page;
  return html`<h2>${t('account.holds')}</h2>
    ${holds.length
      ? html`<table class="msu-table" data-testid="account-holds">
          <tbody>
            ${holds.map(
              (h) => html`<tr>
                <td><a href="/catalog/records/${h.recordId}">${h.title}</a></td>
                <td>${h.status === 'ready' ? html`<strong>${holdState(page, h)}</strong>` : holdState(page, h)}</td>
                <td>
                  <form method="post" action="/account/holds/${h.id}/cancel" class="inline">
                    ${csrfField(page)}<button type="submit" class="button secondary">${t('account.cancel_hold')}</button>
                  </form>
                </td>
              </tr>`,
            )}
          </tbody>
        </table>`
      : html`<p class="muted">${t('account.no_holds')}</p>`}`;
}

export interface HistoryRow {
  title: string;
  libraryName: string;
  loanedAt: string;
  returnedAt: string;
}

function historySection(page: ReaderPage, history: { isShown: boolean; rows: HistoryRow[]; nextPage: number | null }): SafeHtml {
  const { t } = page;
  const toggle = html`<form method="post" action="/account/history">
    ${csrfField(page)}<input type="hidden" name="show" value="${history.isShown ? '0' : '1'}" />
    <p><button type="submit" class="button secondary">${t(history.isShown ? 'account.history_off_button' : 'account.history_on_button')}</button></p>
  </form>`;
  if (!history.isShown) return html`<h2>${t('account.history')}</h2><p class="muted">${t('account.history_off')}</p>${toggle}`;
  return html`<h2>${t('account.history')}</h2>
    ${history.rows.length
      ? html`<table class="msu-table" data-testid="account-history">
          <thead><tr><th>${t('account.col_title')}</th><th>${t('account.col_library')}</th><th>${t('account.col_loaned')}</th><th>${t('account.col_returned')}</th></tr></thead>
          <tbody>
            ${history.rows.map((r) => html`<tr><td>${r.title}</td><td>${r.libraryName}</td><td>${day(r.loanedAt)}</td><td>${day(r.returnedAt)}</td></tr>`)}
          </tbody>
        </table>
        ${history.nextPage ? html`<p><a href="${href('/account', { history: history.nextPage })}#history">${t('account.more')}</a></p>` : null}`
      : html`<p class="muted">${t('account.history_empty')}</p>`}
    ${toggle}`;
}

export interface AccountData {
  loans: OpenLoanView[];
  holds: HoldView[];
  history: { isShown: boolean; rows: HistoryRow[]; nextPage: number | null };
  notices: Notice[];
}

export function accountPage(page: ReaderPage, data: AccountData): SafeHtml {
  const { t } = page;
  return frame(
    page,
    t('account.title'),
    html`<h1>${page.readerName}</h1>
      <p class="lead">${t('account.card', { card: page.cardNumber ?? '' })}</p>
      ${notices(data.notices)}
      <section>${loansSection(page, data.loans)}</section>
      <section>${holdsSection(page, data.holds)}</section>
      <section id="history">${historySection(page, data.history)}</section>`,
  );
}

export function changePasswordPage(page: ReaderPage, errors: { current?: string; password?: string; repeat?: string } = {}, notice?: Notice): SafeHtml {
  const { t } = page;
  return frame(
    page,
    t('account.password_title'),
    html`<h1>${t('account.password_title')}</h1>
      ${notices(notice ? [notice] : [])}
      <form class="msu-form" method="post" action="/account/password">
        ${csrfField(page)}
        ${passwordField('current', t('account.current_password'), 'current-password', errors.current)}
        ${passwordField('password', t('account.new_password'), 'new-password', errors.password)}
        ${passwordField('repeat', t('account.repeat_password'), 'new-password', errors.repeat)}
        <p><button type="submit">${t('account.save_password')}</button></p>
      </form>`,
  );
}

/** The page an e-mailed link opens: choose a password (or: the link no longer works). */
export function setPasswordPage(page: ReaderPage, token: string | null, errors: { password?: string; repeat?: string } = {}): SafeHtml {
  const { t } = page;
  const body = token
    ? html`<p class="lead">${t('account.set_intro')}</p>
        <form class="msu-form" method="post" action="/account/password/set">
          <input type="hidden" name="token" value="${token}" />
          ${passwordField('password', t('account.new_password'), 'new-password', errors.password)}
          ${passwordField('repeat', t('account.repeat_password'), 'new-password', errors.repeat)}
          <p><button type="submit">${t('account.save_password')}</button></p>
        </form>`
    : html`<p class="note field-error" role="alert">${t('account.link_dead')}<a href="/account/password/forgot">${t('account.forgot_title')}</a></p>`;
  return frame(page, t('account.set_title'), html`<h1>${t('account.set_title')}</h1>${body}`);
}

export function forgotPage(page: ReaderPage, isSent: boolean): SafeHtml {
  const { t } = page;
  return frame(
    page,
    t('account.forgot_title'),
    html`<h1>${t('account.forgot_title')}</h1>
      ${isSent
        ? html`<p class="note" role="status">${t('account.forgot_sent')}</p>`
        : html`<p class="lead">${t('account.forgot_intro')}</p>
            <form class="msu-form" method="post" action="/account/password/forgot">
              <p class="field">
                <label for="card">${t('account.card_number')}</label>
                <input id="card" name="card" autocomplete="username" required />
              </p>
              <p><button type="submit">${t('account.forgot_send')}</button></p>
            </form>`}
      <p><a href="/account">${t('account.sign_in')}</a></p>`,
  );
}

export interface PickupLibrary {
  id: string;
  name: string;
}

/** The box on a catalogue record's page: reserve it with a pickup library, or log in first. */
export function holdBox(
  page: PageContext,
  data: { recordId: string; isSignedIn: boolean; csrf?: string; libraries: PickupLibrary[]; homeLibraryId: string | null; existing: HoldView | null; error?: string },
): SafeHtml {
  const { t } = page;
  const back = `/catalog/records/${data.recordId}`;
  let body: SafeHtml;
  if (!data.isSignedIn) {
    body = html`<p><a class="button" href="${href('/account', { back })}">${t('account.hold_login')}</a></p>`;
  } else if (data.existing) {
    body = html`<p>${t('account.hold_already')} ${holdState(page, data.existing)}. <a href="/account">${t('account.nav')}</a></p>`;
  } else {
    body = html`<form class="msu-form" method="post" action="/account/holds">
      <input type="hidden" name="_csrf" value="${data.csrf ?? ''}" />
      <input type="hidden" name="recordId" value="${data.recordId}" />
      <p class="field">
        <label for="pickup">${t('account.pickup')}</label>
        <select id="pickup" name="pickupLibraryId">
          ${data.libraries.map((l) =>
            l.id === data.homeLibraryId ? html`<option value="${l.id}" selected>${l.name}</option>` : html`<option value="${l.id}">${l.name}</option>`,
          )}
        </select>
      </p>
      <p><button type="submit">${t('account.place_hold')}</button></p>
    </form>`;
  }
  return html`<section class="card" id="hold">
    <h2>${t('account.hold_title')}</h2>
    ${data.error ? html`<p class="field-error" role="alert">${data.error}</p>` : null}
    ${body}
  </section>`;
}

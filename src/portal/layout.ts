/** The frame of every portal page: head, switches, header with navigation, footer. */
import { LANGUAGES } from '../staff/staff.schemas';
import { favicon, stylesheet } from './assets';
import { html, type HtmlValue, type SafeHtml } from './html';
import { LANGUAGE_NAMES, type Translate } from './portal-i18n';
import { href, withParam, type PortalRequest } from './portal-request';

export interface PageContext extends PortalRequest {
  t: Translate;
}

export interface PageFrame {
  /** The page's own title; the site name is appended in <title>. */
  title: string;
  /** The network's name, or the installation's when the page belongs to none. */
  siteName: string;
  /** Where "Сельские библиотеки" leads: the current network's list. */
  librariesHref: string;
  section?: 'home' | 'libraries' | 'catalog' | 'events' | 'account';
  /** For search engines' snippets; the portal's general description when absent. */
  description?: string | undefined;
  /** Extra head elements: schema.org JSON-LD. */
  head?: HtmlValue;
}

const bookIcon = html`<svg
  class="brand-icon"
  viewBox="0 0 24 24"
  width="32"
  height="32"
  aria-hidden="true"
  focusable="false"
>
  <path
    d="M12 6.5C10 5 7 4.4 3.5 4.5v13c3.5-.1 6.5.5 8.5 2 2-1.5 5-2.1 8.5-2v-13C17 4.4 14 5 12 6.5zm0 0v13"
    fill="none"
    stroke="currentColor"
    stroke-width="1.8"
    stroke-linejoin="round"
  />
</svg>`;

const eyeIcon = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
  <path
    d="M2 12s3.6-6.5 10-6.5S22 12 22 12s-3.6 6.5-10 6.5S2 12 2 12z"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
  />
  <circle cx="12" cy="12" r="3" fill="currentColor" />
</svg>`;

function switches(page: PageContext): SafeHtml {
  const { t } = page;
  const a11yLink = page.isA11y
    ? html`<a class="a11y-switch" href="${href('/a11y', { on: 0, back: page.url })}">${t('portal.regular_version')}</a>`
    : html`<a class="a11y-switch" href="${href('/a11y', { on: 1, back: page.url })}"
        >${eyeIcon}<span>${t('portal.accessibility_version')}</span></a
      >`;
  const languages = LANGUAGES.map((code) =>
    code === page.lang
      ? html`<li>
          <a href="${withParam(page.url, 'lang', code)}" lang="${code}" hreflang="${code}" aria-current="true"
            >${LANGUAGE_NAMES[code]}</a
          >
        </li>`
      : html`<li>
          <a href="${withParam(page.url, 'lang', code)}" lang="${code}" hreflang="${code}">${LANGUAGE_NAMES[code]}</a>
        </li>`,
  );
  return html`<div class="topbar">
    <div class="wrap topbar-row">
      ${a11yLink}
      <nav aria-label="${t('portal.language')}">
        <ul class="langs">
          ${languages}
        </ul>
      </nav>
    </div>
  </div>`;
}

function navLink(label: string, target: string, isCurrent: boolean): SafeHtml {
  return isCurrent
    ? html`<li><a href="${target}" aria-current="page">${label}</a></li>`
    : html`<li><a href="${target}">${label}</a></li>`;
}

export function layout(page: PageContext, frame: PageFrame, content: HtmlValue): SafeHtml {
  const { t } = page;
  const fullTitle = frame.title === frame.siteName ? frame.title : `${frame.title} — ${frame.siteName}`;
  return html`<!doctype html>
    <html lang="${page.lang}" class="${page.isA11y ? 'a11y' : 'regular'}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${fullTitle}</title>
        <meta name="description" content="${frame.description || t('portal.description')}" />
        <meta name="theme-color" content="#0d5c63" />
        <link rel="stylesheet" href="${stylesheet.href}" />
        <link rel="icon" href="${favicon.href}" type="image/svg+xml" />
        <link
          rel="search"
          type="application/opensearchdescription+xml"
          href="/opensearch.xml"
          title="${t('opac.title')}"
        />
        ${frame.head}
      </head>
      <body>
        <a class="skip" href="#main">${t('portal.skip')}</a>
        ${switches(page)}
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="/">${bookIcon}<span>${frame.siteName}</span></a>
            <nav aria-label="${t('portal.nav_label')}">
              <ul class="nav">
                ${navLink(t('portal.home'), '/', frame.section === 'home')}
                ${navLink(t('portal.libraries'), frame.librariesHref, frame.section === 'libraries')}
                ${navLink(t('opac.nav'), '/catalog', frame.section === 'catalog')}
                ${navLink(t('events.nav'), '/events', frame.section === 'events')}
                ${navLink(t('account.nav'), '/account', frame.section === 'account')}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabindex="-1" class="wrap">${content}</main>
        <footer class="site-footer">
          <div class="wrap footer-row">
            <p>${t('portal.footer')}</p>
            <p><a href="/msu">${t('msu.footer_link')}</a> · <a href="/staff">${t('portal.staff_login')}</a></p>
          </div>
        </footer>
      </body>
    </html> `;
}

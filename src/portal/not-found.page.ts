/** The page for a wrong address or a library that is unknown or closed: a way back rather than a dead end. */
import { html, type SafeHtml } from './html';
import { layout, type PageContext } from './layout';

export function notFoundPage(page: PageContext, siteName: string, text?: string): SafeHtml {
  const { t } = page;
  return layout(
    page,
    { title: t('portal.not_found'), siteName, librariesHref: '/libraries' },
    html`<h1>${t('portal.not_found')}</h1>
      <p>${text ?? t('portal.not_found_text')}</p>
      <p class="actions">
        <a class="button" href="/">${t('portal.to_home')}</a>
        <a class="button secondary" href="/libraries">${t('portal.libraries')}</a>
      </p>`,
  );
}

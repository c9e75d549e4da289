/** Officials' ИРИ pages on the portal: the digest inbox, topics, and the report to their municipality. */
import type { TSubscriptionQuery } from '../../municipal';
import { html, type SafeHtml } from '../html';
import { csrfField, day, fieldError, msuLayout, type OfficialPage } from './msu.views';

export interface InboxDigest {
  id: string;
  topic: string;
  items: { recordId: string; title: string; description: string }[];
  readAt: Date | null;
  createdAt: Date;
}

export function inboxPage(page: OfficialPage, digests: InboxDigest[]): SafeHtml {
  const { t } = page;
  return msuLayout(
    page,
    t('msu.inbox'),
    html`<h1>${t('msu.inbox')}</h1>
      ${digests.length
        ? digests.map(
            (d) => html`<article class="card digest ${d.readAt ? 'read' : 'unread'}">
              <h2>${d.topic} <span class="muted">${day(d.createdAt)}</span></h2>
              <ol>
                ${d.items.map((i) => html`<li><a href="/catalog/records/${i.recordId}">${i.description || i.title}</a></li>`)}
              </ol>
            </article>`,
          )
        : html`<p class="empty">${t('msu.inbox_empty')}</p>`}`,
  );
}

export interface TopicRow {
  id: string;
  topic: string;
  query: TSubscriptionQuery;
  frequency: string;
  isEmailed: boolean;
}

export function subscriptionsPage(
  page: OfficialPage,
  rows: TopicRow[],
  form: { values: { topic?: string; q?: string }; errors: Record<string, string> },
): SafeHtml {
  const { t } = page;
  return msuLayout(
    page,
    t('msu.subscriptions'),
    html`<h1>${t('msu.subscriptions')}</h1>
      <p>${t('msu.subscriptions_intro')}</p>
      ${rows.length
        ? html`<ul class="topics">
            ${rows.map(
              (s) => html`<li>
                <strong>${s.topic}</strong> — <a href="/catalog?q=${encodeURIComponent(s.query.q ?? s.query.subject ?? '')}">${s.query.q ?? s.query.subject ?? s.query.author}</a>
                <span class="muted">(${t(`msu.frequency.${s.frequency as 'daily' | 'weekly' | 'monthly'}`)}${s.isEmailed ? ', e-mail' : ''})</span>
                <form method="post" action="/msu/subscriptions/${s.id}/delete" class="inline">
                  ${csrfField(page)}
                  <button type="submit" class="button secondary">${t('msu.unsubscribe')}</button>
                </form>
              </li>`,
            )}
          </ul>`
        : html`<p class="empty">${t('msu.no_subscriptions')}</p>`}
      <h2>${t('msu.subscribe')}</h2>
      <form class="msu-form" method="post" action="/msu/subscriptions" novalidate>
        ${csrfField(page)}
        <p class="field">
          <label for="topic">${t('msu.topic_name')} *</label>
          <input id="topic" name="topic" maxlength="200" value="${form.values.topic ?? ''}" aria-describedby="${form.errors.topic ? 'topic-error' : undefined}" />
          ${fieldError('topic', form.errors.topic)}
        </p>
        <p class="field">
          <label for="q">${t('msu.topic_words')} *</label>
          <input id="q" name="q" maxlength="300" value="${form.values.q ?? ''}" aria-describedby="${form.errors.q ? 'q-error' : undefined}" />
          ${fieldError('q', form.errors.q)}
        </p>
        <p class="field">
          <label for="frequency">${t('msu.frequency_label')}</label>
          <select id="frequency" name="frequency">
            <option value="weekly">${t('msu.frequency.weekly')}</option>
            <option value="daily">${t('msu.frequency.daily')}</option>
            <option value="monthly">${t('msu.frequency.monthly')}</option>
          </select>
        </p>
        <p class="field check"><label><input type="checkbox" name="isEmailed" value="1" checked /> ${t('msu.by_email')}</label></p>
        <p><button type="submit">${t('msu.subscribe')}</button></p>
      </form>`,
  );
}

export function reportPage(page: OfficialPage, municipalityId: string, year: number): SafeHtml {
  const { t } = page;
  return msuLayout(
    page,
    t('msu.report'),
    html`<h1>${t('msu.report')}</h1>
      <p>${t('msu.report_intro')}</p>
      <form class="msu-form" method="get" action="/api/v1/municipal/report.pdf">
        <input type="hidden" name="municipalityId" value="${municipalityId}" />
        <p class="field"><label for="from">${t('msu.period_from')}</label><input id="from" name="from" type="date" value="${year}-01-01" /></p>
        <p class="field"><label for="to">${t('msu.period_to')}</label><input id="to" name="to" type="date" value="${year}-12-31" /></p>
        <p class="field">
          <label for="lang">${t('portal.language')}</label>
          <select id="lang" name="lang"><option value="ru">Русский</option><option value="ky" ${page.lang === 'ky' ? 'selected' : ''}>Кыргызча</option></select>
        </p>
        <p class="actions">
          <button type="submit">PDF</button>
          <button type="submit" formaction="/api/v1/municipal/report.xlsx" class="button secondary">XLSX</button>
        </p>
      </form>`,
  );
}

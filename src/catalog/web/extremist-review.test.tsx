/**
 * What the commission reads on the check's page: versions of the list told apart by edition, entry
 * count, file and upload day; a match dismissed in an earlier check with who, when and why; an open
 * check's act offered as a draft and its closing held back while matches wait; the form's date and
 * commission problems in the page's words.
 */
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createInstance, type TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { ZExtremistCheckInput } from '../extremist/extremist.schemas';
import { webMessages } from '../../web/i18n';

vi.mock('../../web/i18n/setup', () => ({ i18n: { t: (key: string) => key }, currentLanguage: () => 'ru' }));
const { versionLabel } = await import('./extremist-versions');
const { ExtremistMatches } = await import('./extremist-matches');
const { CheckReview } = await import('./extremist-check-review');
const { checkFormErrors } = await import('./extremist-page');

const i18n = createInstance();
await i18n.init({ lng: 'ru', resources: { ru: { translation: webMessages.ru } }, interpolation: { escapeValue: false } });
const t = i18n.t.bind(i18n) as TFunction;

/** Renders with the given answers of the API already in the query cache. */
function render(node: ReactNode, cached: [unknown[], unknown][]) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  for (const [key, data] of cached) client.setQueryData(key, data);
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <MantineProvider>
          <MemoryRouter>{node}</MemoryRouter>
        </MantineProvider>
      </QueryClientProvider>
    </I18nextProvider>,
  ).replace(/\u00a0/g, ' ');
}

const match = {
  id: '00000000-0000-4000-8000-000000000001',
  score: 0.9,
  decision: 'dismissed',
  action: null,
  copiesAffected: null,
  note: 'Другой автор: Иванов Пётр',
  decidedBy: 'smirnova',
  decidedAt: '2026-11-02T10:00:00Z',
  carried: true,
  earlier: { decision: 'dismissed', action: null, note: 'Другой автор: Иванов Пётр', decidedBy: 'smirnova', decidedAt: '2026-11-02T10:00:00Z', checkedOn: '2026-11-02' },
  entryNumber: 1,
  entryText: 'Книга Иванова И.И. «Путь воина света»',
  recordId: '00000000-0000-4000-8000-000000000002',
  recordTitle: 'Путь воина света',
  recordDescription: '',
  copies: 1,
  copiesWithReaders: 0,
  libraries: ['ЦБ'],
};

describe('the check against the Federal list on the staff page', () => {
  it('names a version of the list by edition, entries, file and upload day', () => {
    const label = versionLabel(t, { id: 'x', sourceName: 'exportfsm.txt', publishedOn: '2026-11-30', entryCount: 5520, createdAt: '2026-12-07T10:00:00Z' });
    expect(label).toBe('30.11.2026 (5520) · exportfsm.txt · загружена 07.12.2026');
    expect(versionLabel(t, { id: 'y', sourceName: '', publishedOn: null, entryCount: 3, createdAt: '2026-12-07T10:00:00Z' })).toBe('без даты (3) · — · загружена 07.12.2026');
  });

  it('shows a match dismissed in an earlier check with who, when and why', () => {
    const html = render(<ExtremistMatches checkId="c" canDecide onDecided={() => {}} />, [
      [['extremist-check', 'c', 'matches', { q: undefined, decision: undefined }, 1], { items: [match], total: 1, page: 1, pageSize: 25 }],
    ]);
    expect(html).toContain('Отклонено ранее: 02.11.2026, smirnova, в сверке от 02.11.2026');
    const confirmedBefore = { ...match, decision: 'pending', note: '', carried: false, earlier: { ...match.earlier, decision: 'confirmed', action: 'flag', note: '' } };
    const again = render(<ExtremistMatches checkId="c" canDecide onDecided={() => {}} />, [
      [['extremist-check', 'c', 'matches', { q: undefined, decision: undefined }, 1], { items: [confirmedBefore], total: 1, page: 1, pageSize: 25 }],
    ]);
    expect(again).toContain('В сверке от 02.11.2026 подтверждено: снято с выдачи');
    expect(again).toContain('Снять с выдачи');
  });

  it('offers an open check’s act as a draft and holds its closing back while matches wait', () => {
    const check = { id: 'c', networkName: 'Кеминская ЦБС', checkedOn: '2026-12-01', status: 'open', recordsChecked: 10, entriesChecked: 4, matchesFound: 2, matchesConfirmed: 0, matchesPending: 2, canDecide: true, matching: null };
    const html = render(<CheckReview id="c" />, [[['extremist-check', 'c'], check]]);
    expect(html).toContain('Проект акта (PDF)');
    expect(html).toContain('Не рассмотрено: 2');
    expect(html).toMatch(/<button[^>]*disabled[^>]*data-testid="extremist-close"|<button[^>]*data-testid="extremist-close"[^>]*disabled/);
    const closed = render(<CheckReview id="c" />, [[['extremist-check', 'c'], { ...check, status: 'closed', matchesPending: 0, canDecide: false }]]);
    expect(closed).toContain('Акт (PDF)');
    expect(closed).not.toContain('Проект акта');
  });

  it('words the form’s date and commission problems', () => {
    const parsed = ZExtremistCheckInput.safeParse({ networkId: crypto.randomUUID(), listId: crypto.randomUUID(), checkedOn: '1999-05-01', commission: ['Председатель — Смирнова А. А.'] });
    expect(parsed.success).toBe(false);
    expect(checkFormErrors(t, parsed.error!)).toEqual({
      checkedOn: 'Дата раньше 2000 года: проверьте год.',
      commission: 'Нужны председатель и хотя бы один член комиссии, по одному на строку.',
    });
  });
});

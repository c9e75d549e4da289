/** The cataloguing form: every problem shown at once on submit, and a save refused for a newer version said plainly. */
import { MantineProvider } from '@mantine/core';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';

// The staff app's i18n setup reads the browser's storage; these need only the keys.
vi.mock('../../web/i18n/setup', () => ({
  i18n: { t: (key: string, params?: Record<string, string>) => (params ? `${key} ${JSON.stringify(params)}` : key) },
  currentLanguage: () => 'ru',
}));
const { ApiError } = await import('../../web/api/client');
const { ZRecordCreate, ZRecordInput } = await import('../catalog.schemas');
const { recordFormErrors } = await import('./record-form');
const { isRecordChanged, RecordChangedAlert } = await import('./record-changed');

const jamilya = { ...ZRecordInput.parse({ title: 'Джамиля' }), isbns: ['5-655-00012-1'] };

describe('recordFormErrors', () => {
  it('names an empty title, an impossible year and a wrong ISBN check digit together', () => {
    const errors = recordFormErrors(ZRecordInput, { ...jamilya, title: '', year: 3000, isbns: ['5-655-00012-3'] });
    expect(Object.keys(errors).sort()).toEqual(['isbns', 'title', 'year']);
    expect(errors.isbns).toContain('recordPage.isbnChecksum');
    expect(errors.isbns).toContain('5-655-00012-3');
  });

  it('names the ISBN alone when it is the only problem, and nothing for a good record (new or edited)', () => {
    const alone = recordFormErrors(ZRecordInput, { ...jamilya, isbns: ['12-34'] });
    expect(Object.keys(alone)).toEqual(['isbns']);
    expect(alone.isbns).toContain('recordPage.isbnFormat');
    expect(recordFormErrors(ZRecordInput, jamilya)).toEqual({});
    expect(recordFormErrors(ZRecordCreate, { ...jamilya, format: 'marc21' })).toEqual({});
  });

  it('keeps the schema’s own message for an ISBN it refuses', () => {
    const errors = recordFormErrors(ZRecordInput, { ...jamilya, isbns: ['9'.repeat(41)] });
    expect(Object.keys(errors)).toEqual(['isbns.0']);
  });
});

describe('a save refused because the record changed', () => {
  const refused = new ApiError(409, {
    code: 'record_changed',
    title:
      'Запись изменил другой пользователь (Бермет Асанова, 14:05). Ваши правки не сохранены: откройте запись заново и внесите их ещё раз.',
  });

  it('is told apart from other refusals', () => {
    expect(isRecordChanged(refused)).toBe(true);
    expect(isRecordChanged(new ApiError(409, { code: 'conflict', title: 'Этот штрихкод уже присвоен' }))).toBe(false);
    expect(isRecordChanged(new Error('record_changed'))).toBe(false);
  });

  it('shows who changed it and when, and opens the current version in a new tab', () => {
    const html = renderToStaticMarkup(
      <MantineProvider>
        <MemoryRouter>
          <RecordChangedAlert recordId="0b6f7e2a-3c1d-4e5f-8a9b-0c1d2e3f4a5b" error={refused} />
        </MemoryRouter>
      </MantineProvider>,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain('recordPage.changedTitle');
    expect(html).toContain('Бермет Асанова, 14:05');
    expect(html).toContain('recordPage.changedKept');
    const link = /<a[^>]*data-testid="record-changed-open"[^>]*>/.exec(html)?.[0] ?? '';
    expect(link).toContain('href="/catalog/records/0b6f7e2a-3c1d-4e5f-8a9b-0c1d2e3f4a5b"');
    expect(link).toContain('target="_blank"');
  });
});

/** The import result names the schema and encoding the file was read in: garbled text has a visible cause. */
import { MantineProvider } from '@mantine/core';
import { createInstance } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { webMessages } from '../../web/i18n';

// The staff app's i18n setup reads the browser's storage; numbers are formatted in Russian here.
vi.mock('../../web/i18n/setup', () => ({ i18n: { t: (key: string) => key }, currentLanguage: () => 'ru' }));
const { ImportResult } = await import('./import-result');

const summary = { read: 81, created: 80, matched: 1, rejected: 0, items: { created: 0 }, errors: [] };

async function render(language: 'ru' | 'en', readAs: { schema: 'rusmarc' | 'marc21' | null; encoding: string | null }) {
  const i18n = createInstance();
  await i18n.init({ lng: language, resources: { [language]: { translation: webMessages[language] } }, interpolation: { escapeValue: false } });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <MantineProvider>
        <ImportResult jobId="job" summary={{ ...summary, ...readAs }} />
      </MantineProvider>
    </I18nextProvider>,
  );
}

describe('ImportResult', () => {
  it('says which schema and encoding the records were read in', async () => {
    expect(await render('ru', { schema: 'rusmarc', encoding: 'cp1251' })).toContain('Прочитано как: схема — RUSMARC, кодировка — CP1251.');
    expect(await render('en', { schema: 'marc21', encoding: 'marc-8' })).toContain('Read as: schema MARC 21, encoding MARC-8.');
    // Nothing read: neither was found.
    expect(await render('ru', { schema: null, encoding: null })).toContain('схема — не определена, кодировка — не определена');
  });
});

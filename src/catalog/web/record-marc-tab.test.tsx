/** The MARC table shows values as stored: the spaces of positional data are kept. */
import { MantineProvider } from '@mantine/core';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { controlField, dataField } from '../marc/record';

// The staff app's i18n setup reads the browser's storage; the table needs only the keys.
vi.mock('../../web/i18n/setup', () => ({ i18n: { t: (key: string) => key }, currentLanguage: () => 'ru' }));
const { MarcTable } = await import('./record-marc-tab');

describe('MarcTable', () => {
  it('keeps runs of spaces in subfields and control fields', () => {
    const coded = '20261207d2023    u  y0rusy50      ca';
    const html = renderToStaticMarkup(
      <MantineProvider>
        <MarcTable marc={{ leader: '00000nam  2200000   450 ', fields: [controlField('008', '880101s1988    ky'), dataField('100', ' ', ' ', [['a', coded]])] }} />
      </MantineProvider>,
    );
    expect(html).toContain(coded);
    const cells = [...html.matchAll(/<td[^>]*style="([^"]*)"[^>]*>([^]*?)<\/td>/g)];
    const cellOf = (text: string) => cells.find(([, , inner]) => inner!.includes(text));
    expect(cellOf(coded)?.[1]).toContain('white-space:pre-wrap');
    expect(cellOf('880101s1988    ky')?.[1]).toContain('white-space:pre-wrap');
  });
});

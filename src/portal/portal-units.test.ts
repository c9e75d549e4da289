/** The portal's pure helpers: compact opening hours, plurals, the safe return path of the switches, the catalogue page's parts. */
import { describe, expect, it } from 'vitest';
import { libraryChoices } from './library-views';
import { catalogPage } from './catalog.page';
import { parseOpacQuery } from './catalog-query';
import { compactHours } from './hours';
import { plural, translator } from './portal-i18n';
import { sameOriginPath } from './portal-request';
import { passport } from './portal.test-support';
import { bcp47, numberOfPages, withoutIsbd } from './record-json-ld';

describe('opening hours and plurals', () => {
  it('merges weekdays with the same hours into one compact line', () => {
    expect(compactHours(translator('ru'), passport().hours)).toBe(
      'Пн–Пт 9:00–18:00, перерыв 13:00–14:00; Сб 10:00–15:00; Вс выходной',
    );
    expect(compactHours(translator('ky'), passport().hours)).toBe(
      'Дш–Жм 9:00–18:00, тыныгуу 13:00–14:00; Иш 10:00–15:00; Жк дем алыш',
    );
  });

  it('treats a week without a single open day as unknown hours', () => {
    const hours = passport({
      hours: { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null },
    }).hours;
    expect(compactHours(translator('ru'), hours)).toBeNull();
  });

  it('names two days apart, not as a range', () => {
    const open = { open: '10:00', close: '16:00' };
    const hours = passport({
      hours: { mon: null, tue: open, wed: open, thu: open, fri: open, sat: null, sun: null },
    }).hours;
    expect(compactHours(translator('ru'), hours)).toBe('Пн выходной; Вт–Пт 10:00–16:00; Сб, Вс выходной');
  });

  it('uses Russian plural forms', () => {
    expect(plural('ru', 'portal.branches', 21)).toBe('21 филиал');
    expect(plural('ru', 'portal.branches', 3)).toBe('3 филиала');
    expect(plural('ru', 'portal.branches', 28)).toBe('28 филиалов');
    expect(plural('ky', 'portal.branches', 28)).toBe('28 филиал');
    expect(plural('en', 'portal.branches', 1)).toBe('1 branch');
  });
});

describe('the visually-impaired switch returns only to this site', () => {
  it.each([
    ['/libraries?kind=all', '/libraries?kind=all'],
    ['/libraries/пример', '/libraries/%D0%BF%D1%80%D0%B8%D0%BC%D0%B5%D1%80'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    [undefined, '/'],
  ])('%s → %s', (back, expected) => {
    expect(sameOriginPath(back)).toBe(expected);
  });
});

describe('the catalogue page', () => {
  const page = { lang: 'ru' as const, isA11y: false, url: '/catalog', origin: 'http://localhost', t: translator('ru') };
  const facets = { libraries: [], years: [{ value: '1970', count: 120 }], languages: [{ value: 'rus', count: 3 }], materialTypes: [], subjects: [] };
  const render = (totalIsEstimate: boolean, q = 'пароход') =>
    catalogPage(page, {
      siteName: 'Библиотеки',
      librariesHref: '/libraries',
      query: parseOpacQuery({ q }),
      result: { items: [], total: 5000, totalIsEstimate, isFuzzy: false, facets },
      libraries: [],
      pageSize: 20,
    }).toString();

  it('marks the facet counts of an estimated total as estimates, and those of an exact one not', () => {
    expect(render(true)).toMatch(/<span class="count" title="примерно 120">≈ 120<\/span>/);
    expect(render(false)).toContain('<span class="count">120</span>');
    expect(render(false)).not.toContain('≈');
  });

  it('leads from the result count to the filters, which a phone shows after the results', () => {
    expect(render(false)).toMatch(/<p class="to-facets"><a href="#facets-title">Уточнить поиск ↓<\/a><\/p>/);
    expect(render(false)).toContain('id="facets-title"');
  });

  it('names a branch by its village where another library has the same name, and groups libraries by network', () => {
    const choices = libraryChoices([
      { id: '1', name: 'Филиал № 10', settlement: 'с. Ак-Түз', networkName: 'Кеминская ЦБС' },
      { id: '2', name: 'Филиал № 3', settlement: 'с. Боролдой', networkName: 'Кеминская ЦБС' },
      { id: '3', name: 'Филиал № 3', settlement: 'с. Садовое', networkName: 'Аламединская ЦБС' },
      { id: '4', name: 'Центральная библиотека им. Ч. Айтматова', settlement: 'г. Кемин', networkName: 'Кеминская ЦБС' },
    ]);
    expect(choices.map((c) => c.label)).toEqual([
      'Филиал № 3, с. Садовое',
      'Филиал № 3, с. Боролдой',
      'Филиал № 10',
      'Центральная библиотека им. Ч. Айтматова',
    ]);
    const form = catalogPage(page, { siteName: '', librariesHref: '', query: parseOpacQuery({ q: 'x' }), result: null, libraries: choices, pageSize: 20 }).toString();
    expect(form).toContain('<optgroup label="Аламединская ЦБС">');
    expect(form).toContain('<option value="">Любая</option>');
  });
});

describe('the values of a record page\'s schema.org Book', () => {
  it('cleans values without losing what belongs to them', () => {
    expect(withoutIsbd('Джамиля :')).toBe('Джамиля');
    expect(withoutIsbd('Белый пароход /.')).toBe('Белый пароход');
    expect(withoutIsbd('= Jamila')).toBe('Jamila');
    expect(withoutIsbd('Толстой, Лев Николаевич,')).toBe('Толстой, Лев Николаевич');
    expect(withoutIsbd('Айтматов, Ч.')).toBe('Айтматов, Ч.');
    expect(withoutIsbd('...А зори здесь тихие...')).toBe('...А зори здесь тихие...');
    expect(numberOfPages('96 с. : ил. ; 20 см')).toBe(96);
    expect(numberOfPages('[2], 160 б.')).toBe(160);
    expect(numberOfPages('xii, 340 p.')).toBe(340);
    expect(numberOfPages('2 т.')).toBeNull();
    expect(numberOfPages('1 электрон. опт. диск (CD-ROM)')).toBeNull();
    expect(['rus', 'kir', 'ger', 'chi', 'kaa', 'und', 'xx'].map(bcp47)).toEqual(['ru', 'ky', 'de', 'zh', 'kaa', undefined, undefined]);
  });
});

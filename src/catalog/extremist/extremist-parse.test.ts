/**
 * Reading the Federal list as people actually upload it: wrapped lines that look like CSV rows or like
 * entries ("2011, 180 с.", "2003. – 240 с."), numbers given twice, CSV cells over several lines, titles
 * next to where they were published, and every line not imported named with its line number.
 */
import { describe, expect, it } from 'vitest';
import { matchKey, parseExtremistList } from './extremist-parse';

/** Entries `from`..`to` of a numbered list, one line each, as the Ministry publishes them. */
const numberedLines = (from: number, to: number) =>
  Array.from(
    { length: to - from + 1 },
    (_, i) => `${from + i}. Книга А.А. Автора «Название номер ${from + i}» (решение районного суда от 01.02.2010);`,
  );

describe('numbered text or CSV', () => {
  it('a wrapped line starting "year, " does not turn a numbered list into CSV', () => {
    const lines = numberedLines(1, 300);
    // Entry 150 runs over three lines; its last one looks like a CSV row "2011,…".
    lines[149] =
      '150. Книга А.А. Автора «Название номер 150»,\nМосква, издательство «Север»,\n2011, 180 с., ил. (решение районного суда от 01.02.2010);';
    const list = parseExtremistList(['Федеральный список экстремистских материалов', '', ...lines].join('\n'));
    expect(list.format).toBe('numbered');
    expect(list.entries).toHaveLength(300);
    expect(list.entries.map((e) => e.number)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(list.entries[149]!.text).toContain('2011, 180 с., ил.');
    expect(list.entries[149]!.titleKey).toBe('название номер 150');
  });

  it('a CSV list stays CSV, with its separator chosen by most rows, whatever a cell says', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i + 1};"Книга «Название ${i + 1}», Москва, 2010, 200 с."`);
    const list = parseExtremistList(['№;Материал', ...rows, '2011, 180 с.;сбой'].join('\r\n'));
    expect(list.format).toBe('csv');
    expect(list.entries).toHaveLength(20);
    expect(list.skippedLines.map((l) => l.line)).toEqual([1, 22]);
    expect(list.entries[0]).toMatchObject({
      number: 1,
      titleKey: 'название 1',
      text: 'Книга «Название 1», Москва, 2010, 200 с.',
    });
    const tabs = parseExtremistList('1\tКнига «Первая»\n2\tКнига «Вторая», 2010, 20 с.\n');
    expect(tabs.entries.map((e) => [e.number, e.titleKey])).toEqual([
      [1, 'первая'],
      [2, 'вторая'],
    ]);
  });

  it('reads a quoted CSV cell that runs over several lines whole', () => {
    const csv =
      '"Номер";"Материал"\n4;"Многострочная\nзапись «Өмүр жолу» Ч.П. Өмүралиевой"\n5;"Текст; с точкой с запятой «Свобода народа»"\n';
    const list = parseExtremistList(csv);
    expect(list.entries.map((e) => [e.number, e.text, e.titleKey, e.authorKey])).toEqual([
      [4, 'Многострочная запись «Өмүр жолу» Ч.П. Өмүралиевой', matchKey('Өмүр жолу'), matchKey('Өмүралиевой')],
      [5, 'Текст; с точкой с запятой «Свобода народа»', 'свобода народа', ''],
    ]);
    expect(list).toMatchObject({ skipped: 1, skippedLines: [{ line: 1, text: '"Номер";"Материал"' }] });
    // A quote never closed is taken literally, not as a cell that swallows the rest of the file.
    const open = parseExtremistList('1;"Книга «Первая»\n2;Книга «Вторая»\n3;"Книга «Третья»"\n4;"Книга «Четвёртая»"\n');
    expect(open.entries.map((e) => [e.number, e.titleKey])).toEqual([
      [1, 'первая'],
      [2, 'вторая'],
      [3, 'третья'],
      [4, 'четвертая'],
    ]);
  });
});

describe('entry numbers', () => {
  it('a wrapped line "2003. – 240 с." continues its entry and does not replace entry 2003', () => {
    const text = [
      '2003. Книга А.А. Авторова «Настоящая запись номер две тысячи три» (решение суда от 01.01.2009);',
      '2500. Книга Б.Б. Борисова «Заглавие длинное», Москва, издательство «Север»,',
      '2003. – 240 с. (решение Басманного районного суда г. Москвы от 11.11.2016);',
      '2501. Брошюра «Следующая»',
      '2009, тираж 1000 экз. (решение суда от 02.02.2012);',
    ].join('\n');
    const list = parseExtremistList(text);
    expect(list.format).toBe('numbered');
    expect(list.entries.map((e) => e.number)).toEqual([2003, 2500, 2501]);
    expect(list.entries[0]).toMatchObject({ titleKey: 'настоящая запись номер две тысячи три', authorKey: 'авторова' });
    expect(list.entries[1]!.text).toBe(
      'Книга Б.Б. Борисова «Заглавие длинное», Москва, издательство «Север», 2003. – 240 с. (решение Басманного районного суда г. Москвы от 11.11.2016)',
    );
    expect(list.joined).toEqual([
      {
        line: 3,
        number: 2003,
        entry: 2500,
        text: '2003. – 240 с. (решение Басманного районного суда г. Москвы от 11.11.2016);',
      },
    ]);
    expect(list.duplicates).toEqual([]);
  });

  it('a wrapped line whose title begins after it, and a year that breaks the sequence, continue their entry', () => {
    const text = [
      '6. Листовка «Свобода» (решение суда от 09.09.2015);',
      '7. Книга И.И. Иванова',
      '«Книга огня',
      'и меча», Москва, издательство «Восток»,',
      '2003. – 240 с. (решение Басманного районного суда г. Москвы от 11.11.2016);',
      '8. Книга «Сказки для детей». Москва: Наука.',
      '2010. Тираж 1000 экз. (решение суда от 05.05.2017);',
      '9. Книга «Последнее время» (решение суда от 06.06.2018);',
    ].join('\n');
    const list = parseExtremistList(text);
    expect(list.entries.map((e) => e.number)).toEqual([6, 7, 8, 9]);
    expect(list.entries[1]).toMatchObject({ titleKey: 'книга огня и меча', authorKey: 'иванова' });
    expect(list.entries[2]!.text).toContain('2010. Тираж 1000 экз.');
    expect(list.joined.map((j) => [j.line, j.number, j.entry])).toEqual([
      [5, 2003, 7],
      [7, 2010, 8],
    ]);
  });

  it('the next number starts an entry, whatever its text begins with, unless it is surely publication details', () => {
    const text = [
      '6. Листовка «Свобода»,',
      '7. 14 слов для братьев (решение суда);',
      '8. аудиозапись «Голос» (решение суда);',
      '9. Книга «Луна», Москва,',
      '10. – 240 с. (решение суда);',
    ].join('\n');
    const list = parseExtremistList(text);
    expect(list.entries.map((e) => [e.number, e.titleKey])).toEqual([
      [6, 'свобода'],
      [7, '14 слов для братьев'],
      [8, 'голос'],
      [9, 'луна'],
    ]);
    expect(list.joined.map((j) => j.line)).toEqual([5]);
  });

  it('a number given twice keeps the first entry and reports the other; entries out of order are kept', () => {
    const text = [
      '1. Книга «Первая» (решение суда);',
      '2. Книга «Вторая» (решение суда);',
      '3. Книга «Третья» (решение суда);',
      '2. Брошюра «Другая вторая» (решение суда);',
      '5. Книга «Пятая» (решение суда);',
      '4. Книга «Четвёртая» (решение суда);',
      '6. Книга «Шестая» (решение суда);',
    ].join('\n');
    const list = parseExtremistList(text);
    expect(list.entries.map((e) => [e.number, e.titleKey])).toEqual([
      [1, 'первая'],
      [2, 'вторая'],
      [3, 'третья'],
      [4, 'четвертая'],
      [5, 'пятая'],
      [6, 'шестая'],
    ]);
    expect(list.duplicates).toEqual([{ line: 4, number: 2, text: 'Брошюра «Другая вторая» (решение суда);' }]);
    expect(list.joined).toEqual([]);
  });
});

describe('titles and authors', () => {
  it('takes the work’s title, not the newspaper or publisher where it appeared', () => {
    const [article, book, journal] = parseExtremistList(
      [
        '1. Статья "Свобода народа", опубликованная в газете «Вестник» № 5 за 2010 год (решение суда от 01.01.2011);',
        '2. Книга И.И. Иванова «Книга огня и меча», Москва, издательство «Восток», 2003 (решение суда);',
        '3. Статья из газеты «Вестник» под названием «Голос степи» (решение суда);',
      ].join('\n'),
    ).entries;
    expect(article!.titleKey).toBe('свобода народа');
    expect(book).toMatchObject({ titleKey: 'книга огня и меча', authorKey: 'иванова' });
    expect(journal!.titleKey).toBe('голос степи');
  });

  it('leaves the kind of material and its author out of an unquoted title', () => {
    const keys = parseExtremistList(
      [
        '1. Листовка Свобода народа (решение Пролетарского районного суда г. Тулы от 09.09.2015);',
        '2. Листовка с текстом Свобода народа (решение суда);',
        '3. Информационный материал — видеоролик под названием Голос степи (решение суда);',
        '4. Книга Иванова И.И. Путь воина (решение суда);',
        '5. Исключен.',
      ].join('\n'),
    ).entries.map((e) => [e.titleKey, e.authorKey]);
    expect(keys).toEqual([
      ['свобода народа', ''],
      ['свобода народа', ''],
      ['голос степи', ''],
      ['путь воина', 'иванова'],
      ['', ''],
    ]);
  });

  it('finds the author after the title when none is before it', () => {
    const entries = parseExtremistList(
      [
        '1. Сборник статей «Над степью ветер» С.С. Сидорова (решение Кировского районного суда г. Казани от 01.02.2011);',
        '2. Книга «Сказки для детей» Смирновой А.А. (решение суда);',
        '3. Книга П.П. Петрова «Темная сторона луны» С.С. Сидорова (решение суда);',
        '4. Видеоролик «Сказки» (решение судьи Иванова И.И.);',
      ].join('\n'),
    ).entries;
    expect(entries.map((e) => e.authorKey)).toEqual(['сидорова', 'смирновой', 'петрова', '']);
  });
});

describe('what was not imported', () => {
  it('names the skipped lines with their line numbers and counts them all', () => {
    const head = Array.from({ length: 60 }, (_, i) => `Заголовок ${i + 1}`);
    const list = parseExtremistList([...head, '', ...numberedLines(1, 3)].join('\n'));
    expect(list.entries).toHaveLength(3);
    expect(list.skipped).toBe(60);
    expect(list.skippedLines).toHaveLength(50);
    expect(list.skippedLines[0]).toEqual({ line: 1, text: 'Заголовок 1' });
    expect(list.skippedLines[49]).toEqual({ line: 50, text: 'Заголовок 50' });
    const csv = parseExtremistList(
      '№;Материал\n1;Книга «Первая»\nбез номера;Книга «Вторая»\n3;\n4;Книга «Четвёртая»\n',
    );
    expect(csv.entries.map((e) => e.number)).toEqual([1, 4]);
    expect(csv).toMatchObject({
      skipped: 3,
      skippedLines: [{ line: 1 }, { line: 3, text: 'без номера;Книга «Вторая»' }, { line: 4, text: '3;' }],
    });
  });
});

/** ISBN check digits, normal forms and ISBN-10 → 13; the author mark approximation. */
import { describe, expect, it } from 'vitest';
import { authorMark, suggestCallNumber } from './author-mark';
import { ZRecordInput } from './catalog.schemas';
import {
  isbnFromSubfield,
  isbnKeys,
  isbnProblem,
  isbnWithLatinX,
  issnProblem,
  looksLikeIsbn,
  normalizeIsbn,
  normalizeIssn,
  toIsbn13,
} from './isbn';
import { getValue } from './marc/record';
import { isbnAsWritten } from './marc-text';
import { writeFormToMarc } from './record-writer';
import { titleSortKey } from './search-text';

describe('ISBN', () => {
  it('validates check digits of ISBN-10 and ISBN-13, with or without hyphens', () => {
    expect(isbnProblem('5-655-00012-1')).toBeNull();
    expect(isbnProblem('5655000121')).toBeNull();
    expect(isbnProblem('978-5-389-07435-4')).toBeNull();
    expect(isbnProblem('0-8044-2957-X')).toBeNull();
    expect(isbnProblem('0-8044-2957-x')).toBeNull();
    expect(isbnProblem('5-655-00012-3')).toBe('isbn_checksum');
    expect(isbnProblem('978-5-389-07435-5')).toBe('isbn_checksum');
    expect(isbnProblem('12345')).toBe('isbn_format');
    expect(isbnProblem('ISBN 5-655-00012-3')).toBe('isbn_format');
    expect(isbnProblem('977-5-389-07435-4')).toBe('isbn_format');
  });

  it('reads a Cyrillic "Х" typed as the check character as X', () => {
    // As in the NLR test file (010 $a "5-900776-31-х"): the check digit of 5-900776-31 is 10, that is X.
    expect(normalizeIsbn('5-900776-31-х')).toBe('590077631X');
    expect(isbnProblem('5-900776-31-Х')).toBeNull();
    expect(isbnFromSubfield('5-900776-31-х (в пер.)')).toBe('590077631X');
    expect(isbnAsWritten('5-900776-31-х : 10 р.')).toBe('5-900776-31-X');
    expect(looksLikeIsbn('5-900776-31-х')).toBe(true);
    expect(isbnKeys(['5-900776-31-х'])).toEqual(['590077631X', toIsbn13('590077631X')]);
    // A Cyrillic word after an ISBN is not a check character.
    expect(normalizeIsbn('5655000121 (Хрестоматия)')).toBe('5655000121');
  });

  it('normalises and stores an ISBN-10 with its ISBN-13', () => {
    expect(normalizeIsbn('5-655-00012-3')).toBe('5655000123');
    expect(toIsbn13('5655000121')).toBe('9785655000124');
    expect(isbnProblem(toIsbn13('080442957X'))).toBeNull();
    expect(isbnKeys(['5-655-00012-1', '978-5-655-00012-4'])).toEqual(['5655000121', '9785655000124']);
    expect(isbnFromSubfield('978-5-389-07435-4 (в пер.) : 350 р.')).toBe('9785389074354');
    expect(isbnFromSubfield('в пер.')).toBeNull();
  });

  it('recognises an ISBN typed into the search box', () => {
    expect(looksLikeIsbn('5-655-00012-3')).toBe(true);
    expect(looksLikeIsbn('ISBN 978-5-389-07435-4')).toBe(true);
    expect(looksLikeIsbn('1988')).toBe(false);
    expect(looksLikeIsbn('айтматов')).toBe(false);
  });

  it('normalises an ISSN', () => {
    expect(normalizeIssn('0131-6095')).toBe('0131-6095');
    expect(normalizeIssn('ISSN 0131609x')).toBe('0131-609X');
    expect(normalizeIssn('нет')).toBe('');
    expect(normalizeIssn('2434-561х')).toBe('2434-561X');
  });

  it('checks an ISSN: eight characters, the last a digit or X (Latin or Cyrillic), by modulus 11', () => {
    expect(issnProblem('0317-8471')).toBeNull();
    expect(issnProblem('03178471')).toBeNull();
    expect(issnProblem('2434-561X')).toBeNull();
    expect(issnProblem('2434-561x')).toBeNull();
    expect(issnProblem('2434-561Х')).toBeNull();
    expect(issnProblem(' 2434-561х ')).toBeNull();
    expect(issnProblem('1234-5678')).toBe('issn_checksum');
    expect(issnProblem('2434-5610')).toBe('issn_checksum');
    expect(issnProblem('абв')).toBe('issn_format');
    expect(issnProblem('1234-567')).toBe('issn_format');
    expect(issnProblem('ISSN 0317-8471')).toBe('issn_format');
  });

  it('writes an ISBN and an ISSN with the Latin X, hyphens as typed, in both formats', () => {
    expect(isbnWithLatinX('9967-01-234-х')).toBe('9967-01-234-X');
    expect(isbnWithLatinX('0-8044-2957-x')).toBe('0-8044-2957-X');
    expect(isbnWithLatinX('978-5-389-07435-4')).toBe('978-5-389-07435-4');
    const input = ZRecordInput.parse({ title: 'Т', isbns: ['9967-01-234-х'], issn: '2434-561х' });
    const rus = writeFormToMarc(input, 'rusmarc', null);
    expect([getValue(rus, '010', 'a'), getValue(rus, '011', 'a')]).toEqual(['9967-01-234-X', '2434-561X']);
    const m21 = writeFormToMarc(input, 'marc21', null);
    expect([getValue(m21, '020', 'a'), getValue(m21, '022', 'a')]).toEqual(['9967-01-234-X', '2434-561X']);
  });
});

describe('author mark (approximation of the Хавкина tables)', () => {
  it('is the first letter of the surname and two digits', () => {
    expect(authorMark('Айтматов, Ч.', 'Джамиля')).toMatch(/^А\d{2}$/);
    expect(authorMark(null, 'Өнөр жана мурас')).toMatch(/^Ө\d{2}$/);
    expect(authorMark('Tolkien, J. R. R.', 'The Hobbit')).toMatch(/^T\d{2}$/);
    expect(authorMark(null, '')).toBe('');
    expect(authorMark('Ли, В.', 'x')).toMatch(/^Л\d{2}$/);
  });

  it('grows with the alphabet, so shelves stand in surname order', () => {
    const mark = (s: string) => Number(authorMark(s, '').slice(1));
    const close = ['Абаев', 'Абдыкадыров', 'Айтматов', 'Акаев', 'Алыкулов', 'Ауэзов', 'Аяпов'].map(mark);
    expect(close).toEqual([...close].sort((a, b) => a - b));
    // Two digits cannot tell every pair apart (neither can the tables); different second letters can.
    const numbers = ['Абаев', 'Ажыбеков', 'Айтматов', 'Алыкулов', 'Аманов', 'Асанов', 'Аяпов'].map(mark);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(Math.min(...numbers)).toBeGreaterThanOrEqual(11);
    expect(Math.max(...numbers)).toBeLessThanOrEqual(99);
  });

  it('suggests a call number from ББК and the mark', () => {
    expect(suggestCallNumber(['84(2Ки)6'], 'Айтматов, Ч.', 'Джамиля')).toBe(`84(2Ки)6 ${authorMark('Айтматов', '')}`);
    expect(suggestCallNumber([], null, 'Манас')).toMatch(/^М\d{2}$/);
  });
});

describe('title sort key', () => {
  it('sorts Kyrgyz letters right after their Russian neighbours', () => {
    const titles = ['Өмүр', 'Орус', 'Пахта', 'Нан', 'Ңа', 'Ёлка', 'Ель', 'Уй', 'Үй', 'Ф'];
    const sorted = [...titles].sort((a, b) => (titleSortKey(a) < titleSortKey(b) ? -1 : 1));
    expect(sorted).toEqual(['Ёлка', 'Ель', 'Нан', 'Ңа', 'Орус', 'Өмүр', 'Пахта', 'Уй', 'Үй', 'Ф']);
  });
});

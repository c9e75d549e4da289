/** What a typed query becomes: folded words, required words, tsquery terms. */
import { describe, expect, it } from 'vitest';
import { fuzzyWords, likePrefix, queryWords, requiredWords, termsOf } from './search-query';

describe('search query', () => {
  it('folds case, ё and Kyrgyz letters and keeps only letters and digits', () => {
    expect(queryWords('Белого  Парохода!')).toEqual(['белого', 'парохода']);
    expect(queryWords('Алёша & Өнөр | Жаңы:*')).toEqual(['алеша', 'онор', 'жаны']);
    expect(queryWords("') || true --")).toEqual(['true']);
    expect(queryWords(undefined)).toEqual([]);
  });

  it('does not require Russian stop words unless nothing else was typed', () => {
    expect(requiredWords(['книги', 'о', 'войне'])).toEqual(['книги', 'войне']);
    expect(requiredWords(['и'])).toEqual(['и']);
  });

  it('makes terms with weights and a prefix on the last word; stop words and prefixes as written', () => {
    expect(termsOf(['белый', 'пар'], '', true)).toEqual([
      { russian: 'белый', simple: null },
      { russian: 'пар', simple: 'пар:*' },
    ]);
    expect(termsOf(['айтматов'], 'B')).toEqual([{ russian: 'айтматов:B', simple: null }]);
    expect(termsOf(['и'], 'A')).toEqual([{ russian: null, simple: 'и:A' }]);
  });

  it('leaves short words out of typo matching and escapes LIKE wildcards in ББК', () => {
    expect(fuzzyWords(['ч', 'айтматв'])).toEqual(['айтматв']);
    expect(fuzzyWords(['ли'])).toEqual(['ли']);
    expect(likePrefix(' 84(2ки)_ ')).toBe('84(2КИ)\\_%');
  });
});

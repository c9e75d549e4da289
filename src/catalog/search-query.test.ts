/** What a typed query becomes: folded words, required words, tsquery terms. */
import { describe, expect, it } from 'vitest';
import { spellingsOf } from './search-spellings';
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

  it('asks for a Kyrgyz name in its Russian transcription and the other way round', () => {
    expect(spellingsOf('чынгыз')).toEqual(['чынгыз', 'чингиз']);
    expect(spellingsOf('киргизская')).toEqual(['киргизская', 'кыргызская']);
    expect(spellingsOf('жалал')).toEqual(['жалал', 'джалал']);
    expect(spellingsOf('джамиля')).toEqual(['джамиля', 'жамийла', 'жамиля']);
    expect(spellingsOf('кол')).toEqual(['кол', 'куль']);
    // A word with no other spelling is asked for once; ж before a consonant stays.
    expect(spellingsOf('колокол')).toEqual(['колокол']);
    expect(spellingsOf('жнец')).toEqual(['жнец']);
    expect(termsOf(['чынгыз', 'айтматов'], 'B')).toEqual([
      { russian: '(чынгыз:B | чингиз:B)', simple: null },
      { russian: 'айтматов:B', simple: null },
    ]);
  });

  it('leaves short words out of typo matching and escapes LIKE wildcards in ББК', () => {
    expect(fuzzyWords(['ч', 'айтматв'])).toEqual(['айтматв']);
    expect(fuzzyWords(['ли'])).toEqual(['ли']);
    expect(likePrefix(' 84(2ки)_ ')).toBe('84(2КИ)\\_%');
  });
});

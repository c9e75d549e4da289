import { describe, expect, it } from 'vitest';
import { readQuery, readVector, WEIGHT } from './ts-text';

const lexemes = (text: string) => {
  const out: [string, number][] = [];
  readVector(text, (lexeme, weights) => out.push([lexeme, weights]));
  return out;
};

describe('tsvector and tsquery text', () => {
  it('reads each lexeme of a vector with every weight it occurs in (no letter is D)', () => {
    expect(lexemes("'бел':1A,7 'пароход':2A,9B 'айтматов':3B 'ч':4C")).toEqual([
      ['бел', WEIGHT.A | WEIGHT.D],
      ['пароход', WEIGHT.A | WEIGHT.B],
      ['айтматов', WEIGHT.B],
      ['ч', WEIGHT.C],
    ]);
  });

  it('reads quotes and backslashes inside a lexeme, and a lexeme without positions', () => {
    expect(lexemes("'d''artagnan':1A 'a\\\\b':2 'stripped'")).toEqual([
      ["d'artagnan", WEIGHT.A],
      ['a\\b', WEIGHT.D],
      ['stripped', WEIGHT.D],
    ]);
  });

  it('refuses a vector text it cannot read instead of reading it wrong', () => {
    expect(() => lexemes("'open")).toThrow(/unclosed/);
    expect(() => lexemes('bare')).toThrow(/lexeme expected/);
  });

  it('reads a query of ANDed alternatives as clauses, with weights and prefixes', () => {
    expect(readQuery("( 'джамил':AB | 'жамийл':AB ) & 'айтматов' & 'карамаз':*")).toEqual([
      [
        { lexeme: 'джамил', weights: WEIGHT.A | WEIGHT.B, prefix: false },
        { lexeme: 'жамийл', weights: WEIGHT.A | WEIGHT.B, prefix: false },
      ],
      [{ lexeme: 'айтматов', weights: 15, prefix: false }],
      [{ lexeme: 'карамаз', weights: 15, prefix: true }],
    ]);
  });

  it('leaves to the database what is not an AND of ORs: NOT, phrases, an OR of ANDs, nothing', () => {
    expect(readQuery("'a' & !'b'")).toBeNull();
    expect(readQuery("'a' <-> 'b'")).toBeNull();
    expect(readQuery("'a' & 'b' | 'c'")).toBeNull();
    expect(readQuery('')).toBeNull();
  });
});

// The reader skips normalising records whose characters plainly make NFC text; here the shortcut is
// checked against String#normalize for every character of the Basic Multilingual Plane.

import { describe, expect, it } from 'vitest';
import { plainlyNfc } from './iso2709-fields';

describe('plainlyNfc', () => {
  it('never calls text NFC that normalising would change', () => {
    // Neighbours that combine with the most characters: Latin, Cyrillic (й = и + breve), Hangul jamo.
    const neighbours = ['a', 'e', 'и', 'у', 'Е', '\u1100', '\u3131', '\u0301', '\u0306', '\u3099'];
    const wrong: string[] = [];
    for (let cp = 0x80; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCharCode(cp);
      if (!plainlyNfc(ch)) continue;
      for (const n of neighbours) {
        for (const s of [n + ch, ch + n]) if (plainlyNfc(s) && s.normalize('NFC') !== s) wrong.push(s);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('takes the text of Russian, Kyrgyz, Latin and CJK records without normalising', () => {
    for (const s of ['Жамиля. Өнөр, үй, ңа', 'Éléments – «№ 5» … 100 ₽', 'Ängstliche Łódź', '北京大學出版社', 'ä̈']) {
      expect(plainlyNfc(s), s).toBe(s !== 'ä̈');
    }
  });

  it('leaves combining marks, singletons and titlo to normalisation', () => {
    for (const s of [
      'e\u0301',
      'и\u0306',
      '\u212b',
      '\u2000',
      'а\u0483',
      '\uf900',
      '\u0387',
      '\u20d7',
      '\u2126',
      '\ud83d\ude00',
    ]) {
      expect(plainlyNfc(s), s).toBe(false);
    }
  });
});

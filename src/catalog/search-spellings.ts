/**
 * Kyrgyz names and places are written two ways: as Kyrgyz spells them (Чыңгыз, Жамийла, Ысык-Көл) and
 * as Russian books and older catalogues transcribe them (Чингиз, Джамиля, Иссык-Куль). A reader types
 * the one, the catalogue holds the other, so a typed word is searched in each of its spellings.
 * Words are folded (search-query.ts: ң → н, ө → о, ү → у, ё → е) before they get here.
 */

/** Word beginnings spelt one way in Kyrgyz and another in Russian transcription (both directions). */
const BEGINNINGS: readonly (readonly [string, string])[] = [
  ['кыргыз', 'киргиз'],
  ['чынгыз', 'чингиз'],
  ['ысык', 'иссык'],
];

/** Whole words spelt one way in Kyrgyz and another in Russian transcription. */
const WORDS: readonly (readonly [string, string])[] = [
  ['кол', 'куль'],
  ['жамийла', 'джамиля'],
];

const VOWELS = 'аеиоуыэюя';

/**
 * The spellings a word is searched in: the word first, then its other spellings. Besides the lists
 * above, Kyrgyz ж before a vowel is дж in Russian transcription (Жалал-Абад, Джалал-Абад).
 */
export function spellingsOf(word: string): string[] {
  const out = [word];
  const add = (other: string) => {
    if (!out.includes(other)) out.push(other);
  };
  for (const [a, b] of BEGINNINGS) {
    if (word.startsWith(a)) add(b + word.slice(a.length));
    else if (word.startsWith(b)) add(a + word.slice(b.length));
  }
  for (const [a, b] of WORDS) {
    if (word === a) add(b);
    else if (word === b) add(a);
  }
  if (word.startsWith('дж') && VOWELS.includes(word[2] ?? '')) add(word.slice(1));
  else if (word.startsWith('ж') && VOWELS.includes(word[1] ?? '')) add(`д${word}`);
  return out;
}

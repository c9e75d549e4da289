/**
 * Авторский знак (author mark) and the suggested call number (шифр = ББК index + author mark).
 *
 * APPROXIMATION, to be replaced by the full Хавкина tables: those tables give each surname prefix a
 * number by hand, and are too big to type in here. This keeps their shape and their one property that
 * matters on the shelf — marks grow with the alphabet, so books stand in surname order — but the
 * numbers differ from the printed tables: the first letter of the surname (or of the title when the
 * record has no author) followed by a two-digit number (11-99) computed from the next two letters'
 * places in the alphabet (Kyrgyz ң, ө, ү after н, о, у).
 */

const CYRILLIC = 'абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя';
const LATIN = 'abcdefghijklmnopqrstuvwxyz';

function alphabetOf(letter: string): string | null {
  if (CYRILLIC.includes(letter)) return CYRILLIC;
  if (LATIN.includes(letter)) return LATIN;
  return null;
}

/** The word the mark is built from: the surname ("Айтматов, Ч." → "Айтматов") or the title's first word. */
function markWord(firstAuthor: string | null, title: string): string {
  const source = firstAuthor?.split(',')[0]?.trim() || title;
  return /\p{L}+/u.exec(source.toLowerCase())?.[0] ?? '';
}

export function authorMark(firstAuthor: string | null, title: string): string {
  const word = markWord(firstAuthor, title);
  const initial = word.charAt(0);
  if (!initial) return '';
  const alphabet = alphabetOf(initial);
  if (!alphabet) return initial.toUpperCase();
  const n = alphabet.length;
  const second = alphabet.indexOf(word.charAt(1));
  const third = alphabet.indexOf(word.charAt(2));
  if (second < 0) return `${initial.toUpperCase()}11`;
  // Position of the two following letters as a fraction of the alphabet, mapped onto 11..99.
  const position = (second + (third + 1) / (n + 1)) / n;
  return `${initial.toUpperCase()}${11 + Math.floor(position * 89)}`;
}

/** Шифр to suggest for a new copy: the first ББК index and the author mark. */
export function suggestCallNumber(bbk: readonly string[], firstAuthor: string | null, title: string): string {
  return [bbk[0] ?? '', authorMark(firstAuthor, title)].filter(Boolean).join(' ');
}

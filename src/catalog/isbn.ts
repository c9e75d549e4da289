/**
 * ISBN and ISSN: normalising (digits and X), check digits, ISBN-10 → ISBN-13. A record stores both
 * forms of an ISBN-10, so a reader who types either, with or without hyphens, finds the book.
 */

/**
 * The check character X as Latin: records typed on a Russian keyboard (ИРБИС exports among them) often
 * end an ISBN-10 with the Cyrillic "Х" or "х".
 */
export const latinIsbnX = (value: string) => value.replace(/(?<=[0-9\s-])[Хх](?![А-Яа-яЁё])/g, 'X');

/**
 * An ISBN as a record writes it: as typed (hyphens kept), with the check character X in Latin capitals,
 * so MARC, SRU, OAI-PMH and exports carry "9967-01-234-X" and not the Cyrillic "х" someone typed.
 */
export const isbnWithLatinX = (value: string) => latinIsbnX(value.trim()).replace(/(?<=[0-9\s-])x(?![A-Za-z])/g, 'X');

/** Digits and X only, upper case: "5-655-00012-3" → "5655000123", "5-900776-31-х" → "590077631X". */
export function normalizeIsbn(value: string): string {
  return latinIsbnX(value.trim()).toUpperCase().replace(/[^0-9X]/g, '');
}

/** The ISBN part of a MARC subfield such as "978-5-389-07435-4 (в пер.)" or "5655000123 (pbk.)". */
export function isbnFromSubfield(value: string): string | null {
  const match = /[0-9][0-9\s-]{8,}[0-9XxХх]/.exec(value);
  if (!match) return null;
  const digits = normalizeIsbn(match[0]);
  return digits.length === 10 || digits.length === 13 ? digits : null;
}

function isbn10CheckDigit(first9: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (10 - i) * Number(first9[i]);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

function isbn13CheckDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (i % 2 === 0 ? 1 : 3) * Number(first12[i]);
  return String((10 - (sum % 10)) % 10);
}

export type IsbnProblem = 'isbn_format' | 'isbn_checksum';

/** Why an ISBN as typed is not valid, or null when it is. */
export function isbnProblem(value: string): IsbnProblem | null {
  if (!/^[0-9XxХх\s-]+$/.test(value.trim())) return 'isbn_format';
  const digits = normalizeIsbn(value);
  if (digits.length === 10 && /^\d{9}[\dX]$/.test(digits)) {
    return isbn10CheckDigit(digits.slice(0, 9)) === digits[9] ? null : 'isbn_checksum';
  }
  if (digits.length === 13 && /^97[89]\d{10}$/.test(digits)) {
    return isbn13CheckDigit(digits.slice(0, 12)) === digits[12] ? null : 'isbn_checksum';
  }
  return 'isbn_format';
}

/** The ISBN-13 of an ISBN-10 (978 prefix, check digit recomputed); other values unchanged. */
export function toIsbn13(digits: string): string {
  if (digits.length !== 10) return digits;
  const first12 = `978${digits.slice(0, 9)}`;
  return first12 + isbn13CheckDigit(first12);
}

/** Normalised search keys of some ISBNs: each as given plus the ISBN-13 of each ISBN-10, deduplicated. */
export function isbnKeys(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    const digits = normalizeIsbn(value);
    if (!digits) continue;
    out.add(digits);
    if (digits.length === 10) out.add(toIsbn13(digits));
  }
  return [...out];
}

/** Does the text look like an ISBN someone typed into the search box? */
export function looksLikeIsbn(value: string): boolean {
  const trimmed = value.trim();
  if (!/^(ISBN[:\s]*)?[0-9][0-9\s-]*[0-9XxХх]$/i.test(trimmed)) return false;
  const digits = normalizeIsbn(trimmed.replace(/^ISBN/i, ''));
  return digits.length === 10 || digits.length === 13;
}

/** ISSN as NNNN-NNNC (a Cyrillic "х" as the check character read as X), or '' when the value holds no ISSN. */
export function normalizeIssn(value: string): string {
  const match = /(\d{4})-?(\d{3}[\dXxХх])/.exec(value);
  return match ? `${match[1]}-${match[2]!.slice(0, 3)}${/\d/.test(match[2]![3]!) ? match[2]![3] : 'X'}` : '';
}

export type IssnProblem = 'issn_format' | 'issn_checksum';

/**
 * Why an ISSN as typed is not valid, or null when it is: eight characters, NNNN-NNNC (the hyphen may be
 * left out), the check character C a digit or X (Latin or Cyrillic, either case) by modulus 11.
 */
export function issnProblem(value: string): IssnProblem | null {
  const match = /^(\d{4})-?(\d{3})([\dXxХх])$/.exec(value.trim());
  if (!match) return 'issn_format';
  const digits = match[1]! + match[2]!;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += (8 - i) * Number(digits[i]);
  const check = (11 - (sum % 11)) % 11;
  return (check === 10 ? 'X' : String(check)) === (/\d/.test(match[3]!) ? match[3] : 'X') ? null : 'issn_checksum';
}

/**
 * Small text rules shared by the RUSMARC and MARC 21 readers and writers: ISBD punctuation, names and
 * initials, years, age labels, the leader's type codes.
 */
import { getDataFields, getSubfield, type MarcFormat, type MarcRecord } from './marc/record';
import type { TAgeLabel, TMaterialType } from './catalog.schemas';
import { latinIsbnX } from './isbn';

export function uniqueNonEmpty(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    const trimmed = v.trim();
    if (trimmed && !out.includes(trimmed)) out.push(trimmed);
  }
  return out;
}

/** Abbreviations (ГОСТ Р 7.0.12, AACR2) that end a subfield with their own period, which must stay. */
const ABBREVIATIONS = new Set(
  ('изд доп испр перераб стер вып кирг англ рус пер ред сост авт предисл коммент примеч обл загл тит ' +
    'экз библиогр указ алф им т-во ун-т пос ил илл портр табл факс карт ' +
    'ed rev enl pbk ill port etc inc ltd vol col')
    .split(' '),
);

/**
 * Strips the ISBD punctuation MARC 21 (and some RUSMARC producers) leave at the end of subfields:
 * "Джамиля :" → "Джамиля", "1988." → "1988", but keeps the period of an abbreviation ("Ч.", "96 с.").
 */
const TAIL = 40;

export function trimIsbd(value: string): string {
  let s = value.replace(/\s+/g, ' ').trim();
  for (;;) {
    const before = s;
    s = s.replace(/\s*[/:;=,]+$/, '').trim();
    // Only the end is searched: the pattern is not anchored at its start, and tried from every position
    // of a long note it cost more than the rest of reading the record. The last word is all that matters
    // (an abbreviation is short; a longer word is cut but stays long).
    const last = s.endsWith('.') ? /(\p{L}+|\d+|[)\]])\.$/u.exec(s.slice(-TAIL))?.[1] : undefined;
    if (last && (/^(\d+|[)\]])$/.test(last) || (last.length >= 3 && !ABBREVIATIONS.has(last.toLowerCase())))) {
      s = s.slice(0, -1).trim();
    }
    if (s === before) return s;
  }
}

/** "Чингиз Торекулович" → "Ч. Т."; "Жан-Поль" → "Ж.-П."; initials already given are tidied ("Ч.Т." → "Ч. Т."). */
export function initialsOf(forenames: string): string {
  const words = forenames.replace(/\./g, '. ').split(/\s+/).filter(Boolean);
  return words
    .map((word) =>
      word
        .split('-')
        .filter(Boolean)
        .map((part) => `${part.charAt(0).toUpperCase()}.`)
        .join('-'),
    )
    .join(' ');
}

/** "Surname, I. O." from a surname and the rest of the name (initials or full forenames). */
export function personName(surname: string, rest: string): string {
  const s = trimIsbd(surname);
  const initials = rest.trim() ? initialsOf(trimIsbd(rest)) : '';
  return initials ? `${s}, ${initials}` : s;
}

/** The first plausible year (1000-2199) in a date statement: "[1988]", "c1988", "1988-1990". */
export function parseYear(value: string | undefined): number | null {
  const match = /(?:^|\D)(1\d{3}|20\d{2}|21\d{2})(?!\d)/.exec(value ?? '');
  return match ? Number(match[1]) : null;
}

/** "16+", "для детей старше 12 лет (12+)" → the 436-ФЗ label; anything else → null. */
export function parseAgeLabel(value: string | undefined): TAgeLabel | null {
  const match = /(?:^|[^\d])(0|6|12|16|18)\s*\+/.exec(value ?? '');
  return match ? (`${match[1]}+` as TAgeLabel) : null;
}

/** Leader/06-07 (type of record, bibliographic level) → the app's material type. */
export function materialTypeFromLeader(leader: string, format: MarcFormat): TMaterialType {
  const type = leader.charAt(6);
  const level = leader.charAt(7);
  if ((type === 'a' || type === 'b') && (level === 's' || level === 'i' || (format === 'marc21' && level === 'b'))) {
    return 'periodical';
  }
  if (type === 'a' || type === 'b' || type === 't') return 'book';
  if ((format === 'rusmarc' && type === 'l') || (format === 'marc21' && type === 'm')) return 'e-resource';
  if (type === 'i' || type === 'j') return 'audio';
  if (type === 'g') return 'video';
  if (type === 'e' || type === 'f') return 'map';
  return 'other';
}

/** Leader/06-07 for a material type chosen in the form. */
export function leaderCodesFor(materialType: TMaterialType, format: MarcFormat): string {
  switch (materialType) {
    case 'book':
      return 'am';
    case 'periodical':
      return 'as';
    case 'e-resource':
      return format === 'rusmarc' ? 'lm' : 'mm';
    case 'audio':
      return 'im';
    case 'video':
      return 'gm';
    case 'map':
      return 'em';
    default:
      return 'rm';
  }
}

/** A subject heading from its main term and subdivisions. */
export function joinHeading(parts: readonly string[]): string {
  return parts.map(trimIsbd).filter(Boolean).join(' -- ');
}

/**
 * "96 с. : ил. ; 20 см" from the extent, other physical details and dimensions, each joined to what
 * comes before it: a size given alone is "20 см", not "; 20 см".
 */
export function physicalDescription(extents: readonly string[], other: string | undefined, size: string | undefined): string {
  const parts: [string, string][] = [
    ['', extents.map(trimIsbd).filter(Boolean).join(', ')],
    [' : ', trimIsbd(other ?? '')],
    [' ; ', trimIsbd(size ?? '')],
  ];
  return parts.reduce((out, [mark, value]) => (!value ? out : out ? `${out}${mark}${value}` : value), '');
}

/** The ISBN as written, without qualifiers: "5-655-00012-3 (в пер.)" → "5-655-00012-3". */
export function isbnAsWritten(value: string): string | null {
  // A Cyrillic "Х" as the check character is written as the Latin X (see latinIsbnX).
  const match = /[0-9][0-9\s-]{8,}[0-9XxХх]/.exec(value);
  return match ? latinIsbnX(match[0].replace(/\s+/g, '')) : null;
}

/** The first non-empty value of $code in the record's `tag` fields, without ISBD punctuation; '' when none. */
export function firstSubfieldValue(record: MarcRecord, tag: string, code: string): string {
  for (const field of getDataFields(record, tag)) {
    const value = getSubfield(field, code);
    if (value !== undefined && value.trim()) return trimIsbd(value);
  }
  return '';
}

// Pieces both crosswalk directions share: ISBD punctuation (MARC 21 keeps it inside subfields, RUSMARC
// leaves it to the display), relator codes, and small field builders.

import type { MarcDataField, MarcField, MarcSubfield } from './record';

export interface CrosswalkOptions {
  /** Called for each field the crosswalk has no mapping for (it is left out of the result). */
  onUnmapped?: (field: MarcField) => void;
  /** Country of the cataloguing agency for RUSMARC 801 $a when MARC 21 040 does not say (default "RU"). */
  country?: string;
}

/** RUSMARC relator codes (numeric, UNIMARC Appendix C) ↔ MARC relator terms' codes. */
const RELATORS: [string, string][] = [
  ['070', 'aut'],
  ['340', 'edt'],
  ['440', 'ill'],
  ['730', 'trl'],
  ['220', 'com'],
  ['080', 'aui'],
  ['075', 'aft'],
  ['557', 'orm'],
  ['595', 'res'],
  ['650', 'pbl'],
  ['710', 'red'],
  ['727', 'dgs'],
  ['205', 'ctb'],
  ['600', 'pht'],
  ['230', 'cmp'],
  ['651', 'pbd'],
];
const TO_MARC = new Map(RELATORS);
const TO_RUS = new Map(RELATORS.map(([r, m]) => [m, r]));

export function relatorToMarc21(code: string): string {
  return TO_MARC.get(code) ?? code;
}

export function relatorToRusmarc(code: string): string {
  return TO_RUS.get(code) ?? code;
}

// Only marks that separate subfields are added and removed: a final full stop cannot be told from an
// abbreviation's ("ил.", "портр."), so the crosswalk never adds one and never takes one away.
/**
 * Leader/06 (type of record) RUSMARC → MARC 21 where the codes differ: b manuscript text = t, l electronic
 * resource = m computer file, m multimedia = o kit. The rest (a c d e f g i j k r) mean the same in both.
 */
const TYPE_TO_MARC: Record<string, string> = { b: 't', l: 'm', m: 'o' };
/** MARC 21 → RUSMARC: t = b, m = l, o kit and p mixed materials = m multimedia. */
const TYPE_TO_RUS: Record<string, string> = { t: 'b', m: 'l', o: 'm', p: 'm' };
/** Leader/07 MARC 21 → RUSMARC: b serial component part and d subunit are analytics (a) there. */
const LEVEL_TO_RUS: Record<string, string> = { b: 'a', d: 'a' };

/** Leader/06-07 of a RUSMARC leader as MARC 21 says them. */
export function typeAndLevelToMarc21(leader: string): string {
  const type = leader.charAt(6);
  return `${TYPE_TO_MARC[type] ?? type}${leader.charAt(7)}`;
}

/** Leader/06-07 of a MARC 21 leader as RUSMARC says them. */
export function typeAndLevelToRusmarc(leader: string): string {
  const type = leader.charAt(6);
  const level = leader.charAt(7);
  return `${TYPE_TO_RUS[type] ?? type}${LEVEL_TO_RUS[level] ?? level}`;
}

const TRAILING_PUNCT = /\s*[:;/=,+]\s*$/;

/** Removes the ISBD separator MARC 21 puts at the end of a subfield ("Title :" → "Title"). */
export function stripIsbd(value: string): string {
  let v = value.trim();
  while (TRAILING_PUNCT.test(v)) v = v.replace(TRAILING_PUNCT, '');
  return v;
}

/** Appends an ISBD separator to a value unless it already ends with it. */
export function withMark(value: string, mark: string): string {
  const v = value.replace(/\s+$/, '');
  return v.endsWith(mark.trim()) ? v : `${v}${mark}`;
}

/** Copies subfields by a code map, in the source field's order; unlisted codes are dropped. */
export function mapSubfields(field: MarcDataField, codes: Record<string, string>): MarcSubfield[] {
  const out: MarcSubfield[] = [];
  for (const s of field.subfields) {
    const to = codes[s.code];
    if (to !== undefined) out.push({ code: to, value: s.value });
  }
  return out;
}

/** Adds MARC 21 ISBD punctuation: `marks[code]` ends the subfield before each subfield with that code. */
export function punctuate(subfields: MarcSubfield[], marks: Record<string, string>): MarcSubfield[] {
  const out = subfields.map((s) => ({ ...s }));
  for (let i = 1; i < out.length; i++) {
    const mark = marks[out[i]!.code];
    if (mark) out[i - 1]!.value = withMark(out[i - 1]!.value, mark);
  }
  return out;
}

/** The reverse of punctuate: strips separators from every value. */
export function unpunctuate(subfields: MarcSubfield[]): MarcSubfield[] {
  return subfields.map((s) => ({ code: s.code, value: stripIsbd(s.value) }));
}

export function df(tag: string, ind1: string, ind2: string, subfields: MarcSubfield[]): MarcDataField {
  return { tag, ind1, ind2, subfields };
}

export function firstValue(field: MarcDataField, code: string): string | undefined {
  return field.subfields.find((s) => s.code === code)?.value;
}

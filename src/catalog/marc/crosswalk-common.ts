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

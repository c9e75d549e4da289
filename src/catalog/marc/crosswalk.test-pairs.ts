/** The fields the crosswalk's round trips compare (crosswalk.test.ts), as tag+code pairs in each format, and how they are read. */
import { stripIsbd } from './crosswalk-common';
import { getDataFields, type MarcRecord } from './record';

/** The values of the given tag$code pairs, ISBD separators removed, for comparing across formats. */
export function project(r: MarcRecord, pairs: string[]): string[] {
  const out: string[] = [];
  for (const p of pairs) {
    const [tag, code] = [p.slice(0, 3), p.slice(3)];
    for (const f of getDataFields(r, tag)) {
      const values = f.subfields.filter((s) => s.code === code).map((s) => stripIsbd(s.value).replace(/\s+/g, ' '));
      // 245 $c is not repeatable in MARC 21: a second one (seen in real data) comes back joined by " ; ".
      if (p === '245c' && values.length > 1) out.push(`${p}=${values.join(' ; ')}`);
      else for (const v of values) out.push(`${p}=${v}`);
    }
  }
  return out;
}

export const RUS_PAIRS = [
  '010a',
  '101a',
  '200a',
  '200e',
  '200f',
  '205a',
  '210a',
  '210c',
  '210d',
  '215a',
  '215c',
  '215d',
  '225a',
  '225v',
  '300a',
  '330a',
  '333a',
  '606a',
  '606x',
  '607a',
  '610a',
  '675a',
  '686a',
  '6862',
  '899a',
  '899j',
];
export const M21_PAIRS = [
  '020a',
  '245a',
  '245b',
  '245c',
  '250a',
  '260a',
  '260b',
  '260c',
  '300a',
  '300b',
  '300c',
  '490a',
  '490v',
  '500a',
  '520a',
  '521a',
  '650a',
  '650x',
  '651a',
  '653a',
  '080a',
  '084a',
  '0842',
  '852a',
  '852h',
  '8563',
  '856u',
];

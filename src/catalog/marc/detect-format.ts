// Tells RUSMARC/UNIMARC from MARC 21 by the tags a record uses: the same tag numbers mean different
// things in the two (100, 300, 700), so only tags or shapes peculiar to one format count as evidence.

import { isControlField, isDataField, type MarcFormat, type MarcRecord } from './record';

export interface FormatGuess {
  format: MarcFormat;
  confidence: 'high' | 'low';
  scores: Record<MarcFormat, number>;
}

const RUSMARC_TAGS: Record<string, number> = {
  '101': 1,
  '102': 1,
  '105': 1,
  '106': 1,
  '200': 3,
  '205': 1,
  '210': 2,
  '215': 2,
  '225': 1,
  '320': 1,
  '330': 1,
  '461': 1,
  '463': 1,
  '606': 1,
  '607': 1,
  '610': 1,
  '675': 2,
  '686': 1,
  '701': 1,
  '702': 1,
  '710': 0,
  '801': 2,
  '899': 2,
};
const MARC21_TAGS: Record<string, number> = {
  '008': 3,
  '020': 1,
  '040': 2,
  '041': 1,
  '043': 1,
  '050': 1,
  '082': 1,
  '084': 1,
  '245': 3,
  '246': 1,
  '250': 1,
  '260': 2,
  '264': 2,
  '336': 1,
  '490': 1,
  '500': 1,
  '504': 1,
  '520': 1,
  '650': 1,
  '651': 1,
  '653': 1,
  '852': 1,
  '880': 1,
};

/** RUSMARC 100$a is a 36-character coded block opening with an 8-digit date and a date type letter. */
const UNIMARC_100A = /^\d{8}[a-z]/;

export function formatScores(record: MarcRecord): Record<MarcFormat, number> {
  let rusmarc = 0;
  let marc21 = 0;
  for (const f of record.fields) {
    if (isDataField(f)) {
      rusmarc += RUSMARC_TAGS[f.tag] ?? 0;
      marc21 += MARC21_TAGS[f.tag] ?? 0;
      if (f.tag === '100') {
        const a = f.subfields.find((s) => s.code === 'a')?.value ?? '';
        if (UNIMARC_100A.test(a) && a.length >= 30) rusmarc += 3;
        else if (f.ind1 === '0' || f.ind1 === '1' || f.ind1 === '3') marc21 += 1;
      }
    } else if (isControlField(f) && f.tag === '008') {
      marc21 += MARC21_TAGS['008'] as number;
    }
  }
  return { rusmarc, marc21 };
}

/** Decides for a sample of records (the first few of a file). `override` wins when given. */
export function detectFormat(records: readonly MarcRecord[], override?: MarcFormat | 'auto'): FormatGuess {
  const scores: Record<MarcFormat, number> = { rusmarc: 0, marc21: 0 };
  for (const r of records) {
    const s = formatScores(r);
    scores.rusmarc += s.rusmarc;
    scores.marc21 += s.marc21;
  }
  if (override && override !== 'auto') return { format: override, confidence: 'high', scores };
  if (scores.rusmarc === scores.marc21) {
    // Nothing decisive in the fields: the leader is the last, weak, hint. UNIMARC ends it "450 "; MARC 21
    // fixes the indicator count at 2, so a file without indicators (VINITI-style exports) is not MARC 21.
    const leader = records[0]?.leader ?? '';
    const notMarc21 = leader.slice(20, 24) === '450 ' || leader.charAt(10) === '0';
    return { format: notMarc21 ? 'rusmarc' : 'marc21', confidence: 'low', scores };
  }
  const format: MarcFormat = scores.rusmarc > scores.marc21 ? 'rusmarc' : 'marc21';
  const hi = Math.max(scores.rusmarc, scores.marc21);
  const lo = Math.min(scores.rusmarc, scores.marc21);
  return { format, confidence: hi >= 3 && hi >= 2 * lo ? 'high' : 'low', scores };
}

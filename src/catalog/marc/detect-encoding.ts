// Chooses the encoding of a MARC file from the bytes of its first records, by evidence rather than by
// leader/09 or RUSMARC 100$a/26-29, which exports from ИРБИС and others often get wrong.

import { isUtf8 } from 'node:buffer';
import { singleByteTable, type MarcEncoding, type SingleByteEncoding } from './charsets';
import { EXTENDED_LATIN, UNASSIGNED, COMBINING } from './marc8-tables';

export interface EncodingGuess {
  encoding: MarcEncoding;
  /** 'high' when one candidate is clearly ahead; 'low' when the sample had little to go on. */
  confidence: 'high' | 'low';
  reason: string;
  /** Average plausibility per non-ASCII byte of each single-byte candidate (higher is better). */
  scores: Partial<Record<MarcEncoding, number>>;
}

// Russian letter frequencies in running text (%), small letters а..я then ё.
const FREQ = [
  8.01, 1.59, 4.54, 1.7, 2.98, 8.45, 0.94, 1.65, 7.35, 1.21, 3.49, 4.4, 3.21, 6.7, 10.97, 2.81, 4.73, 5.47, 6.26, 2.62,
  0.26, 0.97, 0.48, 1.44, 0.73, 0.36, 0.04, 1.9, 1.74, 0.32, 0.64, 2.01,
];
const LOG_FREQ = FREQ.map((f) => Math.log(f));

/** The bytes after each record's leader and directory: the only place text lives. */
export function textBytesOfRecords(records: readonly Uint8Array[]): Uint8Array[] {
  return records.map((r) => {
    let i = Math.min(24, r.length);
    while (i < r.length && r[i] !== 0x1e) i++;
    return r.subarray(Math.min(r.length, i + 1));
  });
}

/**
 * Whether the record in b[s, e) holds text that is valid UTF-8 and not plain ASCII (and no MARC-8
 * escape). A file whose first records read best as MARC-8 or a Cyrillic code page may still hold
 * records written in UTF-8 (a catalogue merged from two sources): those are read as UTF-8. Text in a
 * single-byte encoding is practically never valid UTF-8 as a whole: a Cyrillic letter or an ANSEL mark
 * followed by an ASCII byte already breaks it.
 */
export function isUtf8Record(b: Uint8Array, s: number, e: number): boolean {
  let i = Math.min(s + 24, e);
  while (i < e && b[i] !== 0x1e) i++;
  let high = i;
  while (high < e && (b[high] as number) < 0x80) high++;
  if (high >= e) return false;
  const text = b.subarray(i, e);
  return text.indexOf(0x1b) < 0 && isUtf8(text);
}

interface Utf8Stats {
  multibyte: number;
  invalid: number;
}

function utf8Stats(chunks: readonly Uint8Array[]): Utf8Stats {
  let multibyte = 0;
  let invalid = 0;
  for (const b of chunks) {
    let i = 0;
    while (i < b.length) {
      const c = b[i] as number;
      if (c < 0x80) {
        i++;
        continue;
      }
      const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
      let ok = need > 0 && i + need < b.length + 1;
      for (let k = 1; ok && k <= need; k++) ok = ((b[i + k] ?? 0) & 0xc0) === 0x80;
      if (ok) {
        multibyte++;
        i += need + 1;
      } else {
        invalid++;
        i++;
      }
    }
  }
  return { multibyte, invalid };
}

const ESC_SECOND = new Set([0x28, 0x2c, 0x29, 0x2d, 0x24, 0x67, 0x62, 0x70, 0x73]);

function countEscapes(chunks: readonly Uint8Array[]): number {
  let n = 0;
  for (const b of chunks)
    for (let i = 0; i + 1 < b.length; i++) if (b[i] === 0x1b && ESC_SECOND.has(b[i + 1] as number)) n++;
  return n;
}

function isLatinLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Average plausibility of the non-ASCII bytes read as Russian text in a Cyrillic code page. */
function cyrillicScore(chunks: readonly Uint8Array[], enc: SingleByteEncoding): number {
  const t = singleByteTable(enc);
  let sum = 0;
  let n = 0;
  for (const b of chunks) {
    let prevLetter = 0; // 0 none, 1 small Cyrillic, 2 capital Cyrillic, 3 Latin
    for (let i = 0; i < b.length; i++) {
      const byte = b[i] as number;
      if (byte < 0x80) {
        prevLetter = isLatinLetter(byte) ? 3 : 0;
        continue;
      }
      n++;
      const ch = t[byte] as number;
      let small = -1;
      let capital = false;
      if (ch >= 0x430 && ch <= 0x44f) small = ch - 0x430;
      else if (ch >= 0x410 && ch <= 0x42f) {
        small = ch - 0x410;
        capital = true;
      } else if (ch === 0x451 || ch === 0x401) {
        small = 6; // ё counts as е
        capital = ch === 0x401;
      }
      if (small < 0) {
        sum -= 6;
        prevLetter = 0;
        continue;
      }
      let s = (LOG_FREQ[small] as number) + 1;
      if (capital) s -= prevLetter === 1 ? 4 : prevLetter === 2 ? 0.5 : 1;
      if (prevLetter === 3) s -= 2;
      sum += s;
      prevLetter = capital ? 2 : 1;
    }
  }
  return n === 0 ? 0 : sum / n;
}

/** Average plausibility of the non-ASCII bytes read as ANSEL: marks before Latin letters, special letters. */
function anselScore(chunks: readonly Uint8Array[]): number {
  let sum = 0;
  let n = 0;
  for (const b of chunks) {
    for (let i = 0; i < b.length; i++) {
      const byte = b[i] as number;
      if (byte < 0x80) continue;
      n++;
      const v = byte >= 0xa1 && byte <= 0xfe ? (EXTENDED_LATIN[byte - 0x80] as number) : UNASSIGNED;
      if (v === UNASSIGNED) {
        sum -= byte === 0x88 || byte === 0x89 ? 0 : 6;
        continue;
      }
      const next = b[i + 1] ?? 0;
      if (v & COMBINING) sum += isLatinLetter(next) || next >= 0xe0 ? 3 : next === 0x20 ? 0 : -3;
      else sum += isLatinLetter(next) || isLatinLetter(b[i - 1] ?? 0) ? 2 : -1;
    }
  }
  return n === 0 ? 0 : sum / n;
}

export interface DetectHints {
  /** Leader/09 of the sampled records (MARC 21: 'a' = UCS/Unicode). Used only when the bytes say nothing. */
  leader09?: readonly string[];
  isMarc21?: boolean;
}

/** Guesses the encoding of `chunks` (text bytes of records, see textBytesOfRecords). */
export function detectEncoding(chunks: readonly Uint8Array[], hints: DetectHints = {}): EncodingGuess {
  const escapes = countEscapes(chunks);
  const { multibyte, invalid } = utf8Stats(chunks);
  let high = 0;
  for (const b of chunks) for (let i = 0; i < b.length; i++) if ((b[i] as number) >= 0x80) high++;

  if (multibyte > 0 && invalid * 50 <= multibyte && escapes === 0) {
    return {
      encoding: 'utf-8',
      confidence: invalid === 0 && multibyte >= 3 ? 'high' : 'low',
      reason: `${multibyte} valid UTF-8 multibyte sequences, ${invalid} invalid bytes`,
      scores: {},
    };
  }
  if (escapes > 0 && (high === 0 || anselScore(chunks) > 0)) {
    return { encoding: 'marc-8', confidence: 'high', reason: `${escapes} MARC-8 escape sequences`, scores: {} };
  }
  if (high === 0) {
    const claimsUnicode = (hints.leader09 ?? []).some((c) => c === 'a');
    const encoding: MarcEncoding = hints.isMarc21 && !claimsUnicode ? 'marc-8' : 'utf-8';
    return {
      encoding,
      confidence: 'low',
      reason: `only ASCII in the sample; ${encoding === 'marc-8' ? 'MARC 21 leader/09 blank' : 'read as UTF-8'}`,
      scores: {},
    };
  }
  const scores: Partial<Record<MarcEncoding, number>> = {
    cp1251: cyrillicScore(chunks, 'cp1251'),
    cp866: cyrillicScore(chunks, 'cp866'),
    'koi8-r': cyrillicScore(chunks, 'koi8-r'),
    'marc-8': anselScore(chunks),
  };
  const ranked = (Object.entries(scores) as [MarcEncoding, number][]).sort((x, y) => y[1] - x[1]);
  const [best, second] = ranked as [[MarcEncoding, number], [MarcEncoding, number]];
  return {
    encoding: best[0],
    confidence: high >= 20 && best[1] - second[1] > 1 ? 'high' : 'low',
    reason: `${high} non-ASCII bytes read best as ${best[0]} (${best[1].toFixed(2)} vs ${second[0]} ${second[1].toFixed(2)})`,
    scores,
  };
}

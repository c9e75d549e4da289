// MARC-8 → Unicode decoder (ISO 2022-style escapes between LC's character sets). Written for one
// field at a time: every field and subfield starts with ASCII in G0 and ANSEL in G1; MARC-8's non-spacing marks,
// which precede their base letter, are moved after it as Unicode requires. Callers NFC-normalise.

import { EACC_DATA, EACC_FIRST_CODE } from './marc8-eacc.data';
import {
  BASIC_LATIN,
  C1_CONTROLS,
  COMBINING,
  EXTENDED_LATIN,
  IGNORED,
  SETS_BY_FINAL,
  UNASSIGNED,
  type Marc8Set,
} from './marc8-tables';

const EACC_FINAL = 0x31; // '1'
type GSet = Marc8Set | 'eacc';

let eacc: Map<number, number> | undefined;

function eaccTable(): Map<number, number> {
  if (eacc) return eacc;
  const m = new Map<number, number>();
  let code = EACC_FIRST_CODE;
  for (const line of EACC_DATA) {
    let i = 0;
    while (i < line.length) {
      if (line.charCodeAt(i) === 0x7e) {
        const close = line.indexOf('~', i + 1);
        code += parseInt(line.slice(i + 1, close), 16);
        i = close + 1;
        continue;
      }
      const cp = line.codePointAt(i) as number;
      m.set(code, cp);
      code++;
      i += cp > 0xffff ? 2 : 1;
    }
  }
  eacc = m;
  return m;
}

// Punctuation codes outside LC's table that OCLC-derived CJK records use (pymarc's test data has them).
const EACC_EXTRA = new Map<number, number>([
  [0x21203d, 0x2026],
  [0x212040, 0x201c],
  [0x7f2014, 0x2014],
  [0x7f2019, 0x2019],
  [0x7f2020, 0x201d],
  [0x7f2122, 0x2122],
]);

export function eaccToUnicode(code: number): number | undefined {
  return eaccTable().get(code) ?? EACC_EXTRA.get(code);
}

function eaccLookup(code: number): number {
  return eaccToUnicode(code) ?? 0xfffd;
}

let out = new Uint16Array(4096);
let n = 0;

function ensure(extra: number): void {
  if (n + extra <= out.length) return;
  const bigger = new Uint16Array(Math.max(out.length * 2, n + extra + 16));
  bigger.set(out.subarray(0, n));
  out = bigger;
}

function put(cp: number): void {
  ensure(2);
  if (cp > 0xffff) {
    const v = cp - 0x10000;
    out[n++] = 0xd800 + (v >> 10);
    out[n++] = 0xdc00 + (v & 0x3ff);
  } else {
    out[n++] = cp;
  }
}

function finish(): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i += 8192) {
    parts.push(String.fromCharCode.apply(null, out.subarray(i, Math.min(n, i + 8192)) as unknown as number[]));
  }
  return parts.length === 1 ? (parts[0] as string) : parts.join('');
}

/** Designation in an escape sequence: which of G0/G1, which set, and how many bytes it used. */
function readEscape(bytes: Uint8Array, i: number, end: number): { g: 0 | 1; set: GSet | undefined; len: number } {
  const at = (k: number) => (i + k < end ? (bytes[i + k] as number) : -1);
  const b1 = at(1);
  if (b1 === 0x28 || b1 === 0x2c) return { g: 0, set: single(at(2)), len: 3 }; // ( ,
  if (b1 === 0x29 || b1 === 0x2d) return { g: 1, set: single(at(2)), len: 3 }; // ) -
  if (b1 === 0x24) {
    const b2 = at(2);
    if (b2 === 0x28 || b2 === 0x2c) return { g: 0, set: multi(at(3)), len: 4 };
    if (b2 === 0x29 || b2 === 0x2d) return { g: 1, set: multi(at(3)), len: 4 };
    return { g: 0, set: multi(b2), len: 3 };
  }
  if (b1 === 0x67 || b1 === 0x62 || b1 === 0x70 || b1 === 0x73) return { g: 0, set: SETS_BY_FINAL.get(b1), len: 2 };
  return { g: 0, set: undefined, len: 1 };
}

// ESC ( 1 is not LC's form for EACC but is met in the wild; accept both.
function single(final: number): GSet | undefined {
  return final === EACC_FINAL ? 'eacc' : SETS_BY_FINAL.get(final);
}
const multi = single;

function isAsciiFallback(code: number): boolean {
  return code <= 0x40 || (code >= 0x5b && code <= 0x60) || code >= 0x7b;
}

// Marks waiting for their base letter; module state like `out`, as closures per call are costly under tsx.
const pending: number[] = [];

function flushPending(): void {
  for (const m of pending) put(m);
  pending.length = 0;
}

function emit(v: number, code: number): void {
  if (v === UNASSIGNED) {
    v = isAsciiFallback(code) ? code : 0xfffd;
  } else if (v & IGNORED) {
    return;
  } else if (v & COMBINING) {
    pending.push(v & 0xfffff);
    return;
  }
  put(v);
  if (pending.length) flushPending();
}

/**
 * Decodes MARC-8 bytes [start, end). Unknown codes become U+FFFD; unknown escape sequences are skipped.
 * The byte after a subfield delimiter (0x1F) is a subfield code and is taken as ASCII whatever G0 holds.
 */
export function decodeMarc8(bytes: Uint8Array, start: number, end: number): string {
  n = 0;
  pending.length = 0;
  ensure(end - start);
  let g0: GSet = BASIC_LATIN;
  let g1: GSet = EXTENDED_LATIN;
  let i = start;
  while (i < end) {
    const b = bytes[i] as number;
    if (b === 0x1b) {
      const e = readEscape(bytes, i, end);
      if (e.set !== undefined) {
        if (e.g === 0) g0 = e.set;
        else g1 = e.set;
      }
      i += e.len;
      continue;
    }
    if (g0 === 'eacc' && b >= 0x20 && b < 0x80) {
      // Multibyte mode reads triples greedily, spaces and 0x7F included (as pymarc and OCLC data do).
      if (i + 2 < end) emit(eaccLookup((b << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number)), 0);
      i += 3;
      continue;
    }
    if (b < 0x20 || b === 0x7f) {
      flushPending();
      put(b);
      if (b === 0x1f && i + 1 < end) {
        // Each subfield starts again from the default sets, as yaz and pymarc read MARC-8.
        g0 = BASIC_LATIN;
        g1 = EXTENDED_LATIN;
        put(bytes[i + 1] as number);
        i += 2;
      } else {
        i++;
      }
      continue;
    }
    if (b === 0x20) {
      put(0x20);
      if (pending.length) flushPending();
      i++;
      continue;
    }
    if (b < 0x80) {
      emit((g0 as Marc8Set)[b] as number, b);
      i++;
      continue;
    }
    if (b >= 0xa1 && b <= 0xfe) {
      if (g1 === 'eacc') {
        if (i + 2 < end) {
          const code =
            ((b & 0x7f) << 16) | (((bytes[i + 1] as number) & 0x7f) << 8) | ((bytes[i + 2] as number) & 0x7f);
          emit(eaccLookup(code), 0);
        }
        i += 3;
      } else {
        emit(g1[b - 0x80] as number, b - 0x80);
        i++;
      }
      continue;
    }
    const c1 = C1_CONTROLS.get(b);
    emit(c1 ?? 0xfffd, 0);
    i++;
  }
  flushPending();
  return finish();
}

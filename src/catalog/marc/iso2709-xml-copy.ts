// The fast path of iso2709ToMarcXml (iso2709-xml.ts): a record laid out plainly is written as MARCXML by
// copying its bytes into the output, escaping & < > " on the way (a single-byte code page through a table
// of UTF-8 bytes per byte value), with no record model and no JS strings in between. Anything else is
// declined (false), for the reader and writer to do, so the output is byte for byte the same either way.

import { singleByteTable, type MarcEncoding } from './charsets';
import { digits } from './iso2709-fields';
import { OK_CODE, OK_INDICATOR } from './marcxml-writer';
import { ASCII_CLASS, escapeAt, type XmlBytes } from './xml-bytes';

const FT = 0x1e;
const SF = 0x1f;
const RT = 0x1d;

function bytesOf(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** The fixed markup, pretty (indented, as the writer's default) and compact. */
interface Markup {
  recordOpen: Uint8Array;
  leaderClose: Uint8Array;
  controlOpen: Uint8Array;
  controlClose: Uint8Array;
  dataOpen: Uint8Array;
  ind1: Uint8Array;
  ind2: Uint8Array;
  tagClose: Uint8Array;
  subfieldOpen: Uint8Array;
  subfieldClose: Uint8Array;
  dataClose: Uint8Array;
  recordClose: Uint8Array;
}

function markup(pretty: boolean): Markup {
  return {
    recordOpen: bytesOf(pretty ? '  <record>\n    <leader>' : '<record><leader>'),
    leaderClose: bytesOf('</leader>'),
    controlOpen: bytesOf(pretty ? '\n    <controlfield tag="' : '<controlfield tag="'),
    controlClose: bytesOf('</controlfield>'),
    dataOpen: bytesOf(pretty ? '\n    <datafield tag="' : '<datafield tag="'),
    ind1: bytesOf('" ind1="'),
    ind2: bytesOf('" ind2="'),
    tagClose: bytesOf('">'),
    subfieldOpen: bytesOf(pretty ? '\n      <subfield code="' : '<subfield code="'),
    subfieldClose: bytesOf('</subfield>'),
    dataClose: bytesOf(pretty ? '\n    </datafield>' : '</datafield>'),
    recordClose: bytesOf(pretty ? '\n  </record>\n' : '</record>'),
  };
}
const PRETTY = markup(true);
const COMPACT = markup(false);

/** UTF-8 bytes of each byte value of a single-byte code page, packed: length in the low byte, then up to 3 bytes. */
const utf8Tables = new Map<MarcEncoding, Uint32Array>();

function utf8Table(enc: 'cp1251' | 'cp866' | 'koi8-r'): Uint32Array {
  let t = utf8Tables.get(enc);
  if (t) return t;
  t = new Uint32Array(256);
  const chars = singleByteTable(enc);
  for (let i = 0; i < 256; i++) {
    const u = Buffer.from(String.fromCharCode(chars[i] as number), 'utf8');
    t[i] = u.length | ((u[0] ?? 0) << 8) | ((u[1] ?? 0) << 16) | ((u[2] ?? 0) << 24);
  }
  utf8Tables.set(enc, t);
  return t;
}

function put(o: Uint8Array, p: number, m: Uint8Array): number {
  for (let i = 0; i < m.length; i++) o[p++] = m[i] as number;
  return p;
}

const isAlnum = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * Bytes of a UTF-8 character starting at b[i] (lead byte c >= 0x80) that is valid and plainly NFC — in the
 * ranges where every character is NFC on its own and never combines (see plainlyNfc in iso2709-fields.ts):
 * U+0080–U+02FF, U+0400–U+052F but U+0483–U+0489, U+2002–U+20BF, U+2100–U+2125, U+4000–U+9FFF. 0 for any
 * other character, or a sequence that is cut short by `q` or not valid.
 */
function plainUtf8(b: Uint8Array, i: number, q: number, c: number): number {
  const c1 = i + 1 < q ? (b[i + 1] as number) : 0;
  if ((c1 & 0xc0) !== 0x80) return 0;
  if (c >= 0xc2 && c <= 0xcb) return 2;
  if (c === 0xd0 || c === 0xd1 || c === 0xd3) return 2;
  if (c === 0xd2) return c1 >= 0x83 && c1 <= 0x89 ? 0 : 2;
  if (c === 0xd4) return c1 < 0xb0 ? 2 : 0;
  const c2 = i + 2 < q ? (b[i + 2] as number) : 0;
  if ((c2 & 0xc0) !== 0x80) return 0;
  if (c >= 0xe4 && c <= 0xe9) return 3;
  if (c !== 0xe2) return 0;
  if (c1 === 0x80) return c2 >= 0x82 ? 3 : 0; // U+2002–U+203F
  if (c1 === 0x81 || c1 === 0x82) return 3; // U+2040–U+20BF
  if (c1 === 0x84) return c2 <= 0xa5 ? 3 : 0; // U+2100–U+2125
  return 0;
}

/**
 * Copies text bytes from `i` up to `q` or the first subfield delimiter into `o` at `cursor.w`, as escaped
 * UTF-8, and moves `cursor.w` on. Returns where it stopped (q or the delimiter), or -1 when the text
 * cannot be copied as it is (a character XML cannot hold, or UTF-8 that is invalid or not plainly NFC).
 */
function copyText(
  b: Uint8Array,
  i: number,
  q: number,
  o: Uint8Array,
  cursor: { w: number },
  table: Uint32Array | undefined,
): number {
  let w = cursor.w;
  for (; i < q; i++) {
    const c = b[i] as number;
    if (c < 0x80) {
      const k = ASCII_CLASS[c] as number;
      if (k === 0) o[w++] = c;
      else if (k === 1) w = escapeAt(o, w, c);
      else if (c === SF) break;
      else return -1;
    } else if (table) {
      const t = table[c] as number;
      o[w++] = (t >>> 8) & 0xff;
      if ((t & 0xff) > 1) o[w++] = (t >>> 16) & 0xff;
      if ((t & 0xff) > 2) o[w++] = t >>> 24;
    } else {
      const n = plainUtf8(b, i, q, c);
      if (n === 0) return -1;
      o[w++] = c;
      o[w++] = b[++i] as number;
      if (n === 3) o[w++] = b[++i] as number;
    }
  }
  cursor.w = w;
  return i;
}

const cursor = { w: 0 };

/**
 * Makes the 100 $a copied to o[from, to) say Unicode in its positions 26-29 (unicode100a), when its first
 * 30 characters were copied as they are (ASCII, nothing escaped); false when they were not.
 */
function unicodeAt(o: Uint8Array, from: number, to: number): boolean {
  if (to - from < 30) return false;
  for (let i = from; i < from + 30; i++) if ((o[i] as number) >= 0x80 || o[i] === 0x26) return false;
  o[from + 26] = 0x35;
  o[from + 27] = 0x30;
  o[from + 28] = 0x20;
  o[from + 29] = 0x20;
  return true;
}

/**
 * Appends the MARCXML of the ISO 2709 record in bytes [s, e) (its terminator the last byte) to `out`, when
 * the record is plain enough to copy; false (and `out` as it was) when it is not. What the record says of
 * its character set is written as the record writer writes it: with `marc21`, leader/09 "a"; otherwise
 * (RUSMARC) 100 $a positions 26-29 "50  " (unicode100a), a $a too short or not plain ASCII there
 * being left to the writer.
 */
export function appendIso2709Xml(
  out: XmlBytes,
  b: Uint8Array,
  s: number,
  e: number,
  enc: MarcEncoding,
  pretty: boolean,
  marc21 = false,
): boolean {
  if (enc === 'marc-8' || e - s < 26 || b[e - 1] !== RT || digits(b, s, 5) !== e - s) return false;
  const end = e - 1;
  // Leader: two indicators, one-character codes' length digit, entry map 4/5/0, all ASCII.
  if (b[s + 10] !== 0x32 || digits(b, s + 11, 1) < 0 || b[s + 22] !== 0x30) return false;
  const lenLen = digits(b, s + 20, 1);
  const startLen = digits(b, s + 21, 1);
  if (lenLen <= 0 || startLen <= 0) return false;
  const entryLen = 3 + lenLen + startLen;
  let dirEnd = s + 24;
  while (dirEnd < end && b[dirEnd] !== FT) dirEnd++;
  if (dirEnd >= end || dirEnd === s + 24 || (dirEnd - s - 24) % entryLen !== 0) return false;
  const dataStart = dirEnd + 1;
  if (digits(b, s + 12, 5) !== dataStart - s) return false;
  const table = enc === 'utf-8' ? undefined : utf8Table(enc);
  const m = pretty ? PRETTY : COMPACT;

  // Room for the worst case: every byte escaped (6 bytes) and markup for every possible subfield.
  out.room((e - s) * 32 + 256);
  const o = out.buf;
  const start = out.len;
  let w = put(o, start, m.recordOpen);
  for (let i = s; i < s + 24; i++) {
    let c = b[i] as number;
    if (c >= 0x80) return false;
    if (marc21 && i === s + 9) c = 0x61;
    const k = ASCII_CLASS[c] as number;
    if (k === 0) o[w++] = c;
    else if (k === 1) w = escapeAt(o, w, c);
    else return false;
  }
  w = put(o, w, m.leaderClose);
  // Two passes over the directory: control fields first, then data fields, each in directory order, as
  // MARC21slim.xsd requires whatever order a record was stored in (the record writer does the same).
  for (let pass = 0; pass < 2; pass++) {
    for (let at = s + 24; at < dirEnd; at += entryLen) {
      const t0 = b[at] as number;
      const t1 = b[at + 1] as number;
      const t2 = b[at + 2] as number;
      const isControl = t0 === 0x30 && t1 === 0x30;
      if (isControl !== (pass === 0)) continue;
      if (!isAlnum(t0) || !isAlnum(t1) || !isAlnum(t2)) return false;
      const len = digits(b, at + 3, lenLen);
      const from = dataStart + digits(b, at + 3 + lenLen, startLen);
      const to = from + len - 1; // the field terminator
      if (len <= 0 || from < dataStart || to >= end || b[to] !== FT) return false;
      if (isControl) {
        w = put(o, w, m.controlOpen);
        o[w++] = t0;
        o[w++] = t1;
        o[w++] = t2;
        w = put(o, w, m.tagClose);
        cursor.w = w;
        if (copyText(b, from, to, o, cursor, table) !== to) return false;
        w = put(o, cursor.w, m.controlClose);
        continue;
      }
      // Data field: two valid indicators, then subfields from the first byte on (no text before them).
      const i1 = b[from] as number;
      const i2 = b[from + 1] as number;
      if (len < 3 || i1 >= 0x80 || i2 >= 0x80 || OK_INDICATOR[i1] !== 1 || OK_INDICATOR[i2] !== 1) return false;
      if (to > from + 2 && b[from + 2] !== SF) return false;
      w = put(o, w, m.dataOpen);
      o[w++] = t0;
      o[w++] = t1;
      o[w++] = t2;
      w = put(o, w, m.ind1);
      o[w++] = i1;
      w = put(o, w, m.ind2);
      o[w++] = i2;
      w = put(o, w, m.tagClose);
      const is100 = !marc21 && t0 === 0x31 && t1 === 0x30 && t2 === 0x30;
      let p = from + 2;
      while (p < to) {
        // b[p] is a delimiter; a valid code follows it.
        const code = p + 1 < to ? (b[p + 1] as number) : 0x80;
        if (code >= 0x80 || OK_CODE[code] !== 1) return false;
        w = put(o, w, m.subfieldOpen);
        w = ASCII_CLASS[code] === 1 ? escapeAt(o, w, code) : ((o[w] = code), w + 1);
        w = put(o, w, m.tagClose);
        cursor.w = w;
        p = copyText(b, p + 2, to, o, cursor, table);
        if (p < 0 || (is100 && code === 0x61 && !unicodeAt(o, w, cursor.w))) return false;
        w = put(o, cursor.w, m.subfieldClose);
      }
      w = put(o, w, m.dataClose);
    }
  }
  out.len = put(o, w, m.recordClose);
  return true;
}

// Byte ↔ string conversion for the encodings Russian and Kyrgyz catalogues arrive in. Single-byte tables
// are taken once from the platform's TextDecoder (WHATWG tables) so decoding a field is one table lookup
// per byte into a reusable buffer, with no per-byte string concatenation.

import { decodeMarc8 } from './marc8';

export type MarcEncoding = 'utf-8' | 'cp1251' | 'cp866' | 'koi8-r' | 'marc-8';
export type EncodingOption = MarcEncoding | 'auto';

export const MARC_ENCODINGS: readonly MarcEncoding[] = ['utf-8', 'cp1251', 'cp866', 'koi8-r', 'marc-8'];

export type SingleByteEncoding = 'cp1251' | 'cp866' | 'koi8-r';

const WHATWG_NAME: Record<SingleByteEncoding, string> = {
  cp1251: 'windows-1251',
  cp866: 'ibm866',
  'koi8-r': 'koi8-r',
};

const tables = new Map<SingleByteEncoding, Uint16Array>();
const decoders = new Map<SingleByteEncoding, TextDecoder>();

/** The platform's decoder for a code page: one native call per string, the fastest way here. */
export function whatwgDecoder(enc: SingleByteEncoding): TextDecoder {
  let d = decoders.get(enc);
  if (!d) {
    d = new TextDecoder(WHATWG_NAME[enc]);
    decoders.set(enc, d);
  }
  return d;
}

// Node's ICU decoder for IBM866 swaps three controls as IBM's own table does (byte 0x1A → U+001C, 0x1C →
// U+007F, 0x7F → U+001A); WHATWG's table, like every other code page here, keeps bytes below 0x80 as ASCII.
// eslint-disable-next-line no-control-regex -- these control characters are what is looked for
const IBM_SWAPPED = /[\x1a\x1c\x7f]/;
// eslint-disable-next-line no-control-regex -- as above
const IBM_SWAPPED_ALL = /[\x1a\x1c\x7f]/g;
const ASCII_OF: Record<string, string> = { '\x1c': '\x1a', '\x7f': '\x1c', '\x1a': '\x7f' };
const asciiOf = (c: string) => ASCII_OF[c] as string;

/** Decodes bytes [start, end) of a single-byte code page in one native call, as WHATWG's tables say. */
export function decodeCodePage(enc: SingleByteEncoding, bytes: Uint8Array, start: number, end: number): string {
  const text = whatwgDecoder(enc).decode(bytes.subarray(start, end));
  return enc === 'cp866' && IBM_SWAPPED.test(text) ? text.replace(IBM_SWAPPED_ALL, asciiOf) : text;
}

/** 256 UTF-16 code units, one per byte value. */
export function singleByteTable(enc: SingleByteEncoding): Uint16Array {
  let t = tables.get(enc);
  if (t) return t;
  t = new Uint16Array(256);
  for (let i = 0; i < 128; i++) t[i] = i;
  const high = new Uint8Array(128);
  for (let i = 0; i < 128; i++) high[i] = 128 + i;
  const s = new TextDecoder(WHATWG_NAME[enc]).decode(high);
  for (let i = 0; i < 128; i++) t[128 + i] = s.charCodeAt(i);
  tables.set(enc, t);
  return t;
}

const encodeTables = new Map<SingleByteEncoding, Map<number, number>>();

/** Encodes to a single-byte code page; characters it lacks become '?'. Used by tests and detection checks. */
export function encodeSingleByte(text: string, enc: SingleByteEncoding): Uint8Array {
  let map = encodeTables.get(enc);
  if (!map) {
    map = new Map();
    const t = singleByteTable(enc);
    for (let b = 255; b >= 0; b--) map.set(t[b] as number, b);
    encodeTables.set(enc, map);
  }
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = map.get(text.charCodeAt(i)) ?? 0x3f;
  return out;
}

let scratch = new Uint16Array(16384);
const CHUNK = 8192;

export function decodeSingleByte(bytes: Uint8Array, start: number, end: number, table: Uint16Array): string {
  const n = end - start;
  if (n <= 0) return '';
  if (scratch.length < n) scratch = new Uint16Array(n * 2);
  const buf = scratch;
  for (let i = 0; i < n; i++) buf[i] = table[bytes[start + i] as number] as number;
  if (n <= CHUNK) return String.fromCharCode.apply(null, buf.subarray(0, n) as unknown as number[]);
  const parts: string[] = [];
  for (let i = 0; i < n; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, buf.subarray(i, Math.min(n, i + CHUNK)) as unknown as number[]));
  }
  return parts.join('');
}

const utf8 = new TextDecoder('utf-8');

/** True when every byte is below 0x80: such text reads the same in all supported encodings but MARC-8 escapes. */
export function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if ((bytes[i] as number) >= 0x80) return false;
  return true;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// Buffer's own slicers, skipping toString()'s argument handling, which costs more than decoding a short
// field. They are long-standing (undocumented) Buffer methods; the fallback keeps other engines working.
interface NativeSlicers {
  utf8Slice?: (start: number, end: number) => string;
  latin1Slice?: (start: number, end: number) => string;
}
const proto = Buffer.prototype as unknown as NativeSlicers;
const HAVE_SLICERS = typeof proto.utf8Slice === 'function' && typeof proto.latin1Slice === 'function';

export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  // Both map invalid sequences to U+FFFD, as the WHATWG decoder does.
  if (!Buffer.isBuffer(bytes)) return utf8.decode(bytes.subarray(start, end));
  return HAVE_SLICERS
    ? (bytes as unknown as Required<NativeSlicers>).utf8Slice(start, end)
    : bytes.toString('utf8', start, end);
}

export function decodeLatin1(bytes: Uint8Array, start: number, end: number): string {
  const b = asBuffer(bytes);
  return HAVE_SLICERS
    ? (b as unknown as Required<NativeSlicers>).latin1Slice(start, end)
    : b.toString('latin1', start, end);
}

/** Decodes a byte range in the given encoding; MARC-8 output has its diacritics reordered but is not yet NFC. */
export function decodeBytes(bytes: Uint8Array, start: number, end: number, enc: MarcEncoding): string {
  switch (enc) {
    case 'utf-8':
      return decodeUtf8(bytes, start, end);
    case 'marc-8':
      return decodeMarc8(bytes, start, end);
    default:
      return decodeCodePage(enc, bytes, start, end);
  }
}

export function normalizeEncodingName(name: string): MarcEncoding | 'auto' | undefined {
  const n = name.trim().toLowerCase().replace(/[_\s]/g, '-');
  if (n === 'auto') return 'auto';
  if (n === 'utf8' || n === 'utf-8') return 'utf-8';
  if (n === 'cp1251' || n === 'windows-1251' || n === 'win1251' || n === 'cp-1251') return 'cp1251';
  if (n === 'cp866' || n === 'ibm866' || n === 'dos' || n === 'cp-866') return 'cp866';
  if (n === 'koi8-r' || n === 'koi8r' || n === 'koi8') return 'koi8-r';
  if (n === 'marc-8' || n === 'marc8' || n === 'ansel') return 'marc-8';
  return undefined;
}

// Field-level reading for the ISO 2709 parser: decoding a record's text once (whole, when one byte is
// one character) and cutting fields and subfields out of it without intermediate copies.

import { decodeCodePage, decodeLatin1, decodeUtf8, isAscii, type MarcEncoding } from './charsets';
import { decodeMarc8 } from './marc8';
import { isControlTag, type MarcField, type MarcSubfield } from './record';

// Numeric tags as shared strings: one lookup instead of a new string per field.
const NUMERIC_TAGS: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

export function tagAt(b: Uint8Array, at: number): string {
  const d0 = (b[at] as number) - 0x30;
  const d1 = (b[at + 1] as number) - 0x30;
  const d2 = (b[at + 2] as number) - 0x30;
  if (d0 >= 0 && d0 <= 9 && d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9)
    return NUMERIC_TAGS[d0 * 100 + d1 * 10 + d2] as string;
  return String.fromCharCode(b[at] as number, b[at + 1] as number, b[at + 2] as number);
}

/** The number written in `count` ASCII digits from b[from], or -1 when one is not a digit. */
export function digits(b: Uint8Array, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = (b[i] as number) - 0x30;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** digits(b, from, 4) and digits(b, from, 5) written out: the directory's usual lengths and starts. */
export function digits4(b: Uint8Array, from: number): number {
  const d0 = (b[from] as number) - 0x30;
  const d1 = (b[from + 1] as number) - 0x30;
  const d2 = (b[from + 2] as number) - 0x30;
  const d3 = (b[from + 3] as number) - 0x30;
  // As unsigned, a negative difference is huge: one test per digit catches both sides.
  if (d0 >>> 0 > 9 || d1 >>> 0 > 9 || d2 >>> 0 > 9 || d3 >>> 0 > 9) return -1;
  return d0 * 1000 + d1 * 100 + d2 * 10 + d3;
}

export function digits5(b: Uint8Array, from: number): number {
  const d0 = (b[from] as number) - 0x30;
  const v = digits4(b, from + 1);
  return d0 >>> 0 > 9 || v < 0 ? -1 : d0 * 10000 + v;
}

/** The text of one record's fields, decoded once. */
export class RecordText {
  private readonly whole: string | undefined;
  /** Whether whole's offsets differ from byte offsets (UTF-8 with multibyte characters). */
  private readonly mapped: boolean = false;
  // A cursor from byte offsets to UTF-16 offsets: fields usually come in data order, so one forward
  // walk over the bytes serves the whole record.
  private curByte = 0;
  private curUnit = 0;
  /** Whether values must be NFC-normalised one by one. */
  readonly nfc: boolean;

  constructor(
    private readonly b: Uint8Array,
    private readonly s: number,
    e: number,
    private readonly enc: MarcEncoding,
    wantNfc: boolean,
  ) {
    if (enc === 'cp1251' || enc === 'cp866' || enc === 'koi8-r') {
      // One byte is one UTF-16 unit in these (the WHATWG tables map every byte into the BMP), so the
      // record is decoded in one native call and fields are substrings of it.
      this.whole = decodeCodePage(enc, b, s, e);
      this.nfc = false;
    } else if (enc === 'utf-8') {
      const whole = decodeUtf8(b, s, e);
      if (whole.length === e - s) {
        // No UTF-8 sequence yields more UTF-16 units than it has bytes, so equal lengths mean one unit
        // per byte (ASCII, or U+FFFD for stray bytes): offsets line up as they are.
        this.whole = whole;
        this.nfc = false;
      } else if (whole.indexOf('\ufffd') < 0) {
        // Valid UTF-8: decoded once, offsets mapped; one NFC check for the record instead of one per value.
        this.whole = whole;
        this.mapped = true;
        this.nfc = wantNfc && !plainlyNfc(whole) && whole.normalize('NFC') !== whole;
      } else {
        this.whole = undefined; // invalid sequences: field by field, as the directory cuts them
        this.nfc = wantNfc;
      }
    } else {
      // EACC is 7-bit yet decodes to CJK, whose compatibility ideographs NFC changes: MARC-8 always needs it.
      this.nfc = wantNfc;
    }
  }

  private unit(at: number): number {
    const rel = at - this.s;
    if (!this.mapped) return rel;
    if (rel < this.curByte) {
      this.curByte = 0;
      this.curUnit = 0;
    }
    const b = this.b;
    let u = this.curUnit;
    for (let i = this.curByte; i < rel; i++) {
      // Each byte that is not a continuation byte starts a character: two units when astral.
      const c = b[this.s + i] as number;
      if ((c & 0xc0) !== 0x80) u += c >= 0xf0 ? 2 : 1;
    }
    this.curByte = rel;
    this.curUnit = u;
    return u;
  }

  text(from: number, to: number): string {
    if (this.whole !== undefined) return this.whole.substring(this.unit(from), this.unit(to));
    return this.enc === 'utf-8' ? decodeUtf8(this.b, from, to) : decodeMarc8(this.b, from, to);
  }

  /** Reads bytes [from, to) as a field, slicing the record's text directly when it is decoded whole. */
  field(tag: string, from: number, to: number, indCount: number, warnings: string[]): MarcField {
    const whole = this.whole;
    if (whole === undefined) {
      const t = this.text(from, to);
      return readField(tag, t, 0, t.length, indCount, this.nfc, warnings);
    }
    const u0 = this.unit(from);
    if (isControlTag(tag)) return controlField(tag, whole, u0, this.unit(to), this.nfc);
    // Delimiters are found in the bytes (one pass that also counts UTF-16 units), not by searching text.
    const b = this.b;
    let d = delims;
    let k = 0;
    let u = u0;
    if (this.mapped) {
      for (let i = from; i < to; i++) {
        const c = b[i] as number;
        if (c === 0x1f) {
          if (k === d.length) d = growDelims();
          d[k++] = u;
        }
        if ((c & 0xc0) !== 0x80) u += c >= 0xf0 ? 2 : 1;
      }
      this.curByte = to - this.s;
      this.curUnit = u;
    } else {
      for (let i = from; i < to; i++) {
        if (b[i] === 0x1f) {
          if (k === d.length) d = growDelims();
          d[k++] = u;
        }
        u++;
      }
    }
    return fieldFromDelims(tag, whole, u0, u, d, k, indCount, this.nfc, warnings);
  }

  /** The leader when it is plain ASCII, else undefined. */
  asciiLeader(): string | undefined {
    if (!isAscii(this.b, this.s, this.s + 24)) return undefined;
    return this.whole !== undefined && !this.mapped
      ? this.whole.substring(0, 24)
      : decodeLatin1(this.b, this.s, this.s + 24);
  }
}

// Characters outside the ranges where every character is NFC on its own and never combines with a
// neighbour (canonical class 0, NFC_QC=Yes): U+0000-U+02FF (Latin), U+0400-U+052F (Cyrillic, Kyrgyz
// letters included) but the combining U+0483-U+0489, U+2002-U+20BF (dashes, quotes, currency signs),
// U+2100-U+2125 (№) and U+4000-U+9FFF (CJK ideographs). Surrogates, paired or not, are outside.
// eslint-disable-next-line no-control-regex -- the class starts at U+0000 on purpose
const MAYBE_NOT_NFC = /[^\u0000-\u02ff\u0400-\u0482\u048a-\u052f\u2002-\u20bf\u2100-\u2125\u4000-\u9fff]/;

/**
 * Whether text is NFC just by the characters it holds: true for the Latin, Cyrillic and CJK text of
 * nearly every record, and cheaper to learn than normalising; false leaves it to String#normalize.
 */
export function plainlyNfc(text: string): boolean {
  return !MAYBE_NOT_NFC.test(text);
}

const NON_ASCII = /[\u0080-\uffff]/;

function norm(v: string): string {
  return NON_ASCII.test(v) ? v.normalize('NFC') : v;
}

function controlField(tag: string, text: string, from: number, to: number, nfc: boolean): MarcField {
  const value = text.substring(from, to);
  return { tag, value: nfc ? norm(value) : value };
}

/** Unit offsets of a field's subfield delimiters, reused from field to field. */
let delims: Int32Array = new Int32Array(256);

function growDelims(): Int32Array {
  const next = new Int32Array(delims.length * 2);
  next.set(delims);
  delims = next;
  return next;
}

/** The field in text[from, to) whose `k` delimiters are at d[0..k). */
function fieldFromDelims(
  tag: string,
  text: string,
  from: number,
  to: number,
  d: Int32Array,
  k: number,
  indCount: number,
  nfc: boolean,
  warnings: string[],
): MarcField {
  if (k === 0 && indCount === 0) return controlField(tag, text, from, to, nfc);
  const indEnd = Math.min(from + indCount, to);
  const ind1 = indEnd > from ? text.charAt(from) : ' ';
  const ind2 = indEnd > from + 1 ? text.charAt(from + 1) : ' ';
  const subfields: MarcSubfield[] = [];
  const leadEnd = k === 0 ? to : (d[0] as number);
  if (leadEnd > indEnd) {
    warnings.push(`field ${tag} has ${leadEnd - indEnd} characters before its first subfield delimiter`);
    const lead = text.substring(indEnd, leadEnd);
    subfields.push({ code: '', value: nfc ? norm(lead) : lead });
  }
  for (let j = 0; j < k; j++) {
    const at = d[j] as number;
    const stop = j + 1 < k ? (d[j + 1] as number) : to;
    const value = at + 2 < stop ? text.substring(at + 2, stop) : '';
    subfields.push({ code: at + 1 < to ? text.charAt(at + 1) : '', value: nfc ? norm(value) : value });
  }
  return { tag, ind1, ind2, subfields };
}

/** Reads the field held in text[from, to) (field terminator excluded). */
function readField(
  tag: string,
  text: string,
  from: number,
  to: number,
  indCount: number,
  nfc: boolean,
  warnings: string[],
): MarcField {
  // 00X first: searching a control field for a delimiter would scan on into the next fields.
  if (isControlTag(tag)) return controlField(tag, text, from, to, nfc);
  let d = delims;
  let k = 0;
  for (let at = text.indexOf('\x1f', from); at >= 0 && at < to; at = text.indexOf('\x1f', at + 1)) {
    if (k === d.length) d = growDelims();
    d[k++] = at;
  }
  return fieldFromDelims(tag, text, from, to, d, k, indCount, nfc, warnings);
}

// A parsed ISO 2709 record that has not been decoded: its bytes, checked, and its directory, read again
// when a field is asked for. Values are decoded only when read — with the record's encoding and
// normalisation, through the same code as the record model (RecordText) — so reading a view gives exactly
// what readIso2709 gives, and toRecord() is that record. Made by viewRecord (iso2709-parse.ts), after the
// same structural checks, warnings and errors as reading into the model.

import { decodeLatin1, type MarcEncoding } from './charsets';
import { RecordText, digits, digits4, digits5, tagAt } from './iso2709-fields';
import type { MarcField, MarcRecord } from './record';

/** Where a checked record's parts lie (see viewRecord). */
export interface ViewLayout {
  /** Where the data area starts and ends (the record terminator excluded). */
  dataStart: number;
  dataEnd: number;
  /** The directory's entry map: an entry's length, and the lengths of its length and start. */
  entryLen: number;
  lenLen: number;
  startLen: number;
  indicatorCount: number;
  /** Where each field starts and ends, two numbers a field, when the directory's lengths were off. */
  between: Int32Array | undefined;
}

/** What the view's reading parameters are: the record's encoding, normalisation, index and offset. */
interface ViewContext {
  encoding: MarcEncoding;
  normalize: 'nfc' | 'none';
  index: number;
  offset: number;
}

/** Where decoding puts the warnings it finds again (the view reported them when it was made). */
const ignored: string[] = [];

export class MarcView {
  readonly encoding: MarcEncoding;
  /** 0-based number of the record in the input, counting good and bad ones. */
  readonly index: number;
  /** Byte offset of the record in the input. */
  readonly offset: number;
  private readonly nfc: boolean;
  /** The leader when it is not plain ASCII (read with look-alikes replaced, as warned); else made when asked. */
  private leaderText: string | undefined;
  private text: RecordText | undefined;

  constructor(
    /** The bytes the record lies in; [start, end) is the whole record. */
    readonly bytes: Uint8Array,
    readonly start: number,
    readonly end: number,
    /** Number of fields. */
    readonly size: number,
    ctx: ViewContext,
    private readonly layout: ViewLayout,
    leaderText?: string,
    text?: RecordText,
  ) {
    this.encoding = ctx.encoding;
    this.index = ctx.index;
    this.offset = ctx.offset;
    this.nfc = ctx.normalize === 'nfc';
    this.leaderText = leaderText;
    this.text = text;
  }

  get leader(): string {
    return (this.leaderText ??= decodeLatin1(this.bytes, this.start, this.start + 24));
  }

  /** The tag of field `i`. */
  tag(i: number): string {
    return tagAt(this.bytes, this.start + 24 + i * this.layout.entryLen);
  }

  /** The number of the first field from `from` on with this tag, or -1; compares bytes, decodes nothing. */
  find(tag: string, from = 0): number {
    if (tag.length !== 3) return -1;
    const b = this.bytes;
    const t0 = tag.charCodeAt(0);
    const t1 = tag.charCodeAt(1);
    const t2 = tag.charCodeAt(2);
    const step = this.layout.entryLen;
    for (let i = Math.max(0, from), at = this.start + 24 + i * step; i < this.size; i++, at += step) {
      if (b[at] === t0 && b[at + 1] === t1 && b[at + 2] === t2) return i;
    }
    return -1;
  }

  /** Where field `i`'s data starts in `bytes`. */
  fieldStart(i: number): number {
    const l = this.layout;
    if (l.between) return l.between[i * 2] as number;
    return l.dataStart + digits(this.bytes, this.start + 24 + i * l.entryLen + 3 + l.lenLen, l.startLen);
  }

  /** Where field `i`'s data ends in `bytes`: at its field terminator. */
  fieldEnd(i: number): number {
    const l = this.layout;
    if (l.between) return l.between[i * 2 + 1] as number;
    return this.fieldStart(i) + digits(this.bytes, this.start + 24 + i * l.entryLen + 3, l.lenLen) - 1;
  }

  /** Field `i`, decoded (the same object the record model holds). */
  field(i: number): MarcField {
    const field = this.decoder().field(this.tag(i), this.fieldStart(i), this.fieldEnd(i), this.layout.indicatorCount, ignored);
    if (ignored.length > 0) ignored.length = 0;
    return field;
  }

  /** The fields with this tag, decoded. */
  fieldsTagged(tag: string): MarcField[] {
    const out: MarcField[] = [];
    for (let i = this.find(tag); i >= 0; i = this.find(tag, i + 1)) out.push(this.field(i));
    return out;
  }

  /**
   * The first value of `tag $code` (of `tag` itself for a control field), as getValue gives it from the
   * record: only the fields with that tag are decoded.
   */
  value(tag: string, code?: string): string | undefined {
    for (let i = this.find(tag); i >= 0; i = this.find(tag, i + 1)) {
      const f = this.field(i);
      if (!('subfields' in f)) return code === undefined ? f.value : undefined;
      const v = code === undefined ? f.subfields[0]?.value : f.subfields.find((s) => s.code === code)?.value;
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** The whole record in the model, exactly what readIso2709 yields for it. */
  toRecord(): MarcRecord {
    const text = this.decoder();
    const { dataStart, entryLen, lenLen, startLen, indicatorCount, between } = this.layout;
    const usual = lenLen === 4 && startLen === 5;
    const b = this.bytes;
    const fields: MarcField[] = [];
    for (let i = 0, at = this.start + 24; i < this.size; i++, at += entryLen) {
      let from: number;
      let to: number;
      if (between) {
        from = between[i * 2] as number;
        to = between[i * 2 + 1] as number;
      } else {
        from = dataStart + (usual ? digits5(b, at + 7) : digits(b, at + 3 + lenLen, startLen));
        to = from + (usual ? digits4(b, at + 3) : digits(b, at + 3, lenLen)) - 1;
      }
      fields.push(text.field(tagAt(b, at), from, to, indicatorCount, ignored));
    }
    if (ignored.length > 0) ignored.length = 0;
    // A record decoded whole has its (ASCII) leader in its text already.
    return { leader: (this.leaderText ??= text.asciiLeader() ?? this.leader), fields };
  }

  /**
   * The same view over a copy of its bytes. A stream reader's views point into a buffer it reuses, valid
   * only until the next record is read: keep one beyond that by detaching it.
   */
  detach(): MarcView {
    const s = this.start;
    const l = this.layout;
    const shifted = l.between?.map((x) => x - s);
    const layout = { ...l, dataStart: l.dataStart - s, dataEnd: l.dataEnd - s, between: shifted };
    const bytes = Buffer.from(this.bytes.subarray(s, this.end));
    const ctx = { encoding: this.encoding, normalize: this.nfc ? 'nfc' : 'none', index: this.index, offset: this.offset } as const;
    return new MarcView(bytes, 0, this.end - s, this.size, ctx, layout, this.leaderText);
  }

  private decoder(): RecordText {
    return (this.text ??= new RecordText(this.bytes, this.start, this.layout.dataEnd, this.encoding, this.nfc));
  }
}

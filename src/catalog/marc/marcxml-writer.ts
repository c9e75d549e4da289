// Writes MARCXML (http://www.loc.gov/MARC21/slim) one record at a time, so a file of any size streams
// through constant memory. Characters XML 1.0 cannot carry are dropped and reported, never written.

import type { Writable } from 'node:stream';
import { isDataField, type MarcFormat, type MarcRecord } from './record';
import { detectFormat } from './detect-format';
import { unicode100a, unicodeLeader } from './unicode-marks';
import { XmlBytes } from './xml-bytes';

export const MARCXML_NS = 'http://www.loc.gov/MARC21/slim';

export interface XmlDropReport {
  /** Position of the record in what was written (0-based). */
  record: number;
  tag: string;
  /** Subfield code, when the character was in a subfield (or the subfield itself was dropped). */
  code?: string;
  what: 'character' | 'subfield' | 'indicator';
  /** The dropped character as U+XXXX, or why a subfield was dropped. */
  detail: string;
}

export interface MarcXmlWriteOptions {
  onDrop?: (report: XmlDropReport) => void;
  /** Indent with newlines and two spaces (default true); false writes each record on one line. */
  pretty?: boolean;
  /**
   * true (default): indicators and subfield codes MARC21slim.xsd rejects are replaced by a blank or the
   * subfield dropped, each reported; false writes them as they are (exact round trips of odd data).
   */
  sanitize?: boolean;
  /**
   * The records' format, for what a record says of its character set: MARCXML is UTF-8, so a MARC 21
   * record's leader/09 says "a" (as writeIso2709Record's does); a RUSMARC leader is written as it is.
   * Told 'rusmarc', 100 $a positions 26-29 say "50" (ISO 10646), as declareUnicode does. 'auto'
   * (default) looks at a record's tags when its leader/09 is not "a" already, and leaves 100 $a as it is
   * (in MARC 21, 100 is the author: a record's tags alone are not sure enough to change it).
   */
  format?: MarcFormat | 'auto';
}

const VALID_INDICATOR = /^[0-9a-z ]$/;
const VALID_CODE = /^[0-9A-Za-z!"#$%&'()*+,\-./:;<=>?{}_^`~[\]\\]$/;
// The same two checks as tables by character code, for the hot path (one lookup per subfield).
export const OK_INDICATOR = new Uint8Array(128);
export const OK_CODE = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  OK_INDICATOR[c] = VALID_INDICATOR.test(String.fromCharCode(c)) ? 1 : 0;
  OK_CODE[c] = VALID_CODE.test(String.fromCharCode(c)) ? 1 : 0;
}

function validCode(code: string): boolean {
  return code.length === 1 && OK_CODE[code.charCodeAt(0)] === 1;
}

// XML 1.0's Char production; in 'u' mode a lone surrogate is a code point outside it.
const INVALID_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export const MARCXML_HEAD = `<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="${MARCXML_NS}">\n`;
export const MARCXML_TAIL = '</collection>\n';

interface WriteCtx {
  options: MarcXmlWriteOptions;
  record: number;
  tag: string;
  code: string | undefined;
}

// Module-level helpers rather than closures: tsx's keepNames makes per-call closures costly.
function dropChar(this: WriteCtx, c: string): string {
  const cp = c.codePointAt(0) as number;
  this.options.onDrop?.({
    record: this.record,
    tag: this.tag,
    code: this.code,
    what: 'character',
    detail: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`,
  });
  return '';
}

/** Writes text escaped, dropping (and reporting) the characters XML 1.0 cannot hold. */
function clean(out: XmlBytes, ctx: WriteCtx, s: string, tag: string, code?: string): void {
  if (out.text(s, true)) return;
  ctx.tag = tag;
  ctx.code = code;
  out.text(s.replace(INVALID_XML, dropChar.bind(ctx)), false);
}

function indicator(out: XmlBytes, ctx: WriteCtx, v: string, tag: string, which: string, sanitize: boolean): void {
  const x = v || ' ';
  if (!sanitize || (x.length === 1 && OK_INDICATOR[x.charCodeAt(0)] === 1)) {
    out.text(x, false);
    return;
  }
  ctx.options.onDrop?.({
    record: ctx.record,
    tag,
    what: 'indicator',
    detail: `${which} ${JSON.stringify(x)} written as blank`,
  });
  out.ascii(' ');
}

/** Turns a record into a `<record>` element (no XML declaration) for placing inside a collection. */
export function recordToMarcXml(record: MarcRecord, options: MarcXmlWriteOptions = {}, recordNumber = 0): string {
  const out = new XmlBytes(4096);
  appendRecordXml(out, record, options, recordNumber);
  return out.toString();
}

/** Writes a record's XML as UTF-8 bytes after what `out` holds. */
export function appendRecordXml(
  out: XmlBytes,
  record: MarcRecord,
  options: MarcXmlWriteOptions,
  recordNumber: number,
): void {
  const ctx: WriteCtx = { options, record: recordNumber, tag: '', code: undefined };
  const pretty = options.pretty ?? true;
  const sanitize = options.sanitize ?? true;
  const i2 = pretty ? '\n    ' : '';
  const i3 = pretty ? '\n      ' : '';
  const given = options.format ?? 'auto';
  const declare100 = given === 'rusmarc';
  out.ascii(pretty ? '  <record>\n    <leader>' : '<record><leader>');
  const leader = record.leader;
  const marc21 = () => (given === 'auto' ? detectFormat([record]).format : given) === 'marc21';
  clean(out, ctx, leader.length < 10 || leader.charAt(9) === 'a' || !marc21() ? leader : unicodeLeader(leader), 'leader');
  out.ascii('</leader>');
  // MARC21slim.xsd wants the control fields before the data fields; a record read from a file that
  // stored 005 or 008 after its data fields keeps that order in the catalogue, and is written in the
  // schema's order here (each group in its own order).
  for (const f of record.fields) {
    if (isDataField(f)) continue;
    out.ascii(pretty ? '\n    <controlfield tag="' : '<controlfield tag="');
    out.text(f.tag, false);
    out.ascii('">');
    clean(out, ctx, f.value, f.tag);
    out.ascii('</controlfield>');
  }
  for (const f of record.fields) {
    if (!isDataField(f)) continue;
    out.ascii(pretty ? '\n    <datafield tag="' : '<datafield tag="');
    out.text(f.tag, false);
    out.ascii('" ind1="');
    indicator(out, ctx, f.ind1, f.tag, 'ind1', sanitize);
    out.ascii('" ind2="');
    indicator(out, ctx, f.ind2, f.tag, 'ind2', sanitize);
    out.ascii('">');
    for (const s of f.subfields) {
      if (s.code === '') {
        // Text before a field's first delimiter has no place in MARCXML.
        options.onDrop?.({
          record: recordNumber,
          tag: f.tag,
          code: '',
          what: 'subfield',
          detail: `text before the first subfield: ${JSON.stringify(s.value)}`,
        });
        continue;
      }
      if (sanitize && !validCode(s.code)) {
        options.onDrop?.({
          record: recordNumber,
          tag: f.tag,
          code: s.code,
          what: 'subfield',
          detail: `code ${JSON.stringify(s.code)} is not allowed`,
        });
        continue;
      }
      out.ascii(i3);
      out.ascii('<subfield code="');
      out.text(s.code, false);
      out.ascii('">');
      const value = declare100 && s.code === 'a' && f.tag === '100' ? unicode100a(s.value) : s.value;
      clean(out, ctx, value, f.tag, s.code);
      out.ascii('</subfield>');
    }
    out.ascii(i2);
    out.ascii('</datafield>');
  }
  out.ascii(pretty ? '\n  </record>\n' : '</record>');
}

/** A whole collection in one string: handy for small sets and tests. */
export function toMarcXml(records: Iterable<MarcRecord>, options: MarcXmlWriteOptions = {}): string {
  const out = new XmlBytes();
  out.ascii(MARCXML_HEAD);
  let n = 0;
  for (const r of records) appendRecordXml(out, r, options, n++);
  out.ascii(MARCXML_TAIL);
  return out.toString();
}

function isAsync<T>(x: AsyncIterable<T> | Iterable<T>): x is AsyncIterable<T> {
  return typeof (x as AsyncIterable<T>)[Symbol.asyncIterator] === 'function';
}

/** Streams a collection: head, each record as it comes, tail. Honours back-pressure of `out`. */
export async function writeMarcXml(
  records: AsyncIterable<MarcRecord> | Iterable<MarcRecord>,
  out: Writable,
  options: MarcXmlWriteOptions = {},
): Promise<number> {
  let n = 0;
  let inBatch = 0;
  const batch = new XmlBytes();
  // Writing ~64 records at a time keeps per-write overhead off the hot path. Waiting for 'drain' only
  // past 4 MiB of buffered output lets the next batch be built while the last one is written (a file
  // stream writes on libuv's thread pool), and still bounds memory.
  const flush = async (last: boolean) => {
    if (last) batch.ascii(MARCXML_TAIL);
    out.write(batch.take());
    inBatch = 0;
    if (out.writableLength > 4 * 1024 * 1024) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  batch.ascii(MARCXML_HEAD);
  if (isAsync(records)) {
    for await (const r of records) {
      appendRecordXml(batch, r, options, n++);
      if (++inBatch >= 64) await flush(false);
    }
  } else {
    // A plain iterable is walked without a microtask per record.
    for (const r of records) {
      appendRecordXml(batch, r, options, n++);
      if (++inBatch >= 64) await flush(false);
    }
  }
  await flush(true);
  return n;
}

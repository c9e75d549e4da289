// ISO 2709 → MARCXML for whole files: a record laid out plainly is copied from its bytes (see
// iso2709-xml-copy.ts); anything else — a record the reader would warn about or fail on, text that is not
// plainly NFC, characters XML cannot hold, codes or indicators the writer would sanitize, MARC-8 — is read
// and written as usual, so the output is byte for byte what readIso2709 + writeMarcXml make of the same
// file. The XML is UTF-8, so a MARC 21 file's records say so in leader/09 ("a", as yaz-marcdump writes
// them); the file's format is told from its first records, as its encoding is, and RUSMARC leaders are
// written as they are (RUSMARC leader/09 is undefined).

import type { Writable } from 'node:stream';
import type { MarcEncoding } from './charsets';
import { detectFormat } from './detect-format';
import { MarcParseError } from './errors';
import type { ParseContext } from './iso2709-parse';
import { contextFor, parseSafe, recordContext, resolveEncoding, type ReadOptions } from './iso2709-reader';
import { isFiller, recordEnd, splitRecordStream, splitRecords, type RawRecord } from './iso2709-split';
import { appendIso2709Xml } from './iso2709-xml-copy';
import { MARCXML_HEAD, MARCXML_TAIL, appendRecordXml, type MarcXmlWriteOptions } from './marcxml-writer';
import type { MarcFormat, MarcRecord } from './record';
import { XmlBytes } from './xml-bytes';

export interface Iso2709ToXmlOptions extends ReadOptions, MarcXmlWriteOptions {
  /** A record that cannot be read: it is left out of the XML and reported here. */
  onError?: (error: MarcParseError) => void;
  /** The file's format (for leader/09); 'auto' (default) tells it from the first records' tags. */
  format?: MarcFormat | 'auto';
}

/**
 * The file's format: as given, or told from the records of the sample (read quietly: their warnings come
 * when they are converted). One answer for the whole file, as the importer decides it, so the copied and
 * the written records agree on leader/09.
 */
export function resolveFormat(raws: readonly RawRecord[], encoding: MarcEncoding, options: Iso2709ToXmlOptions): MarcFormat {
  if (options.format && options.format !== 'auto') return options.format;
  const ctx = { ...contextFor(encoding, options), onWarning: undefined };
  const records: MarcRecord[] = [];
  for (const raw of raws) {
    const item = parseSafe(raw.bytes, 0, raw.bytes.length, ctx);
    if (!(item instanceof MarcParseError)) records.push(item);
  }
  return detectFormat(records).format;
}

/** One conversion: where the output goes and what has been written. */
class Conversion {
  readonly batch = new XmlBytes();
  records = 0;
  errors = 0;
  private inBatch = 0;
  readonly pretty: boolean;
  readonly ctx: ParseContext;
  readonly marc21: boolean;
  /** What the record writer is told: the options, with the file's format. */
  readonly writeOptions: Iso2709ToXmlOptions;

  constructor(
    private readonly out: Writable,
    readonly options: Iso2709ToXmlOptions,
    encoding: MarcEncoding,
    format: MarcFormat,
  ) {
    this.pretty = options.pretty ?? true;
    this.ctx = contextFor(encoding, options);
    this.marc21 = format === 'marc21';
    this.writeOptions = { ...options, format };
    this.batch.ascii(MARCXML_HEAD);
  }

  /** Converts the record in b[s, e), the `index`-th of the input, at byte `offset` of it. */
  record(b: Uint8Array, s: number, e: number, index: number, offset: number): void {
    const ctx = this.ctx;
    // The copy path takes no record the writer would drop anything from, so onDrop misses nothing.
    ctx.index = index;
    ctx.offset = offset;
    const read = recordContext(b, s, e, ctx);
    if (appendIso2709Xml(this.batch, b, s, e, read.encoding, this.pretty, this.marc21)) {
      this.records++;
    } else {
      const item = parseSafe(b, s, e, read);
      if (item instanceof MarcParseError) {
        this.errors++;
        this.options.onError?.(item);
        return;
      }
      appendRecordXml(this.batch, item, this.writeOptions, this.records++);
    }
    this.inBatch++;
  }

  /** True when a batch is ready to be written. */
  get full(): boolean {
    return this.inBatch >= 64;
  }

  /**
   * Writes what is batched. Waiting for 'drain' only past 4 MiB of buffered output lets the next batch be
   * built while the last one is written, and still bounds memory.
   */
  async flush(last: boolean): Promise<void> {
    if (last) this.batch.ascii(MARCXML_TAIL);
    this.out.write(this.batch.take());
    this.inBatch = 0;
    if (this.out.writableLength > 4 * 1024 * 1024)
      await new Promise<void>((resolve) => this.out.once('drain', () => resolve()));
  }
}

/**
 * Converts ISO 2709 (a whole file in memory, or a stream of chunks) to a MARCXML collection in UTF-8,
 * written to `out` with back-pressure. The same XML as readIso2709 + writeMarcXml, only faster: records
 * laid out plainly are copied from their bytes. Records that cannot be read are left out and reported
 * through `onError`. Resolves with how many records were written and how many were left out.
 */
export async function iso2709ToMarcXml(
  source: Uint8Array | AsyncIterable<Uint8Array | string>,
  out: Writable,
  options: Iso2709ToXmlOptions = {},
): Promise<{ records: number; errors: number }> {
  // The first records are sampled when the encoding or the format is to be told from them.
  const auto = (options.encoding ?? 'auto') === 'auto' || (options.format ?? 'auto') === 'auto';
  const start = (raws: readonly RawRecord[]) => {
    const encoding = resolveEncoding(raws, options);
    return new Conversion(out, options, encoding, resolveFormat(raws, encoding, options));
  };
  if (source instanceof Uint8Array) {
    const sample: RawRecord[] = [];
    if (auto) {
      let bytes = 0;
      for (const raw of splitRecords(source)) {
        sample.push(raw);
        bytes += raw.bytes.length;
        if (sample.length >= (options.detectRecords ?? 50) || bytes > 4_000_000) break;
      }
    }
    const c = start(sample);
    let index = 0;
    for (let p = 0; p < source.length;) {
      while (p < source.length && isFiller(source[p] as number)) p++;
      if (p >= source.length) break;
      const e = recordEnd(source, p, true);
      c.record(source, p, e, index++, p);
      if (c.full) await c.flush(false);
      p = e;
    }
    await c.flush(true);
    return { records: c.records, errors: c.errors };
  }
  // A stream: the first records are held until the encoding and the format are known (when they are to be told).
  const held: RawRecord[] = [];
  let heldBytes = 0;
  let c: Conversion | undefined = auto ? undefined : start([]);
  const take = async (item: RawRecord | MarcParseError, conv: Conversion) => {
    if (item instanceof MarcParseError) {
      conv.errors++;
      options.onError?.(item);
    } else {
      conv.record(item.bytes, 0, item.bytes.length, item.index, item.offset);
      if (conv.full) await conv.flush(false);
    }
  };
  const early: (RawRecord | MarcParseError)[] = [];
  for await (const item of splitRecordStream(source, options.maxRecordBytes, true)) {
    if (c) {
      await take(item, c);
      continue;
    }
    // Held records are copied: the splitter's bytes are valid only until the next record.
    const kept = item instanceof MarcParseError ? item : { ...item, bytes: Buffer.from(item.bytes) };
    early.push(kept);
    if (!(kept instanceof MarcParseError)) {
      held.push(kept);
      heldBytes += kept.bytes.length;
    }
    if (held.length < (options.detectRecords ?? 50) && heldBytes <= 4_000_000) continue;
    c = start(held);
    for (const h of early.splice(0)) await take(h, c);
  }
  if (!c) {
    c = start(held);
    for (const h of early.splice(0)) await take(h, c);
  }
  await c.flush(true);
  return { records: c.records, errors: c.errors };
}

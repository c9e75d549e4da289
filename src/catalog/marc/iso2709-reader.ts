// Reads ISO 2709 files record by record, from a Buffer or a stream, yielding a MarcRecord or a typed
// MarcParseError for each record and always going on to the next record terminator. It never throws for
// bad data, and it never waits for bytes that cannot complete a record.

import type { EncodingOption, MarcEncoding } from './charsets';
import { detectEncoding, isUtf8Record, textBytesOfRecords, type EncodingGuess } from './detect-encoding';
import { MarcParseError, type MarcWarning } from './errors';
import { parseRecord, viewRecord, type ParseContext } from './iso2709-parse';
import { RecordSplitter, isFiller, recordEnd, splitRecords, type RawRecord } from './iso2709-split';
import type { MarcView } from './iso2709-view';
import type { MarcRecord } from './record';

export interface ReadOptions {
  /** 'auto' (default) detects from the first records; name one to override a wrong guess. */
  encoding?: EncodingOption;
  /** 'nfc' (default) normalises every value; 'none' keeps the bytes' form (for byte-exact round trips). */
  normalize?: 'nfc' | 'none';
  onWarning?: (w: MarcWarning) => void;
  /** Called once with what 'auto' decided (not called when the encoding is given). */
  onEncoding?: (guess: EncodingGuess) => void;
  /** How many records 'auto' looks at before deciding (default 50, at most 4 MB of them). */
  detectRecords?: number;
  /** A record longer than this without a terminator is reported and skipped (default 1 MB). */
  maxRecordBytes?: number;
}

export type ReadItem = MarcRecord | MarcParseError;
export type ViewItem = MarcView | MarcParseError;

function internalError(ctx: ParseContext, err: unknown): MarcParseError {
  // Parsing is written not to throw; this keeps the promise to callers if a bug slips through.
  return new MarcParseError(ctx.index, ctx.offset, 'leader', `internal error: ${(err as Error).message}`);
}

/**
 * The context to read the record in b[s, e) with: `ctx`, or a copy saying UTF-8 when the file's
 * encoding was detected as another and this record is valid UTF-8 (ctx.utf8Records).
 */
export function recordContext(b: Uint8Array, s: number, e: number, ctx: ParseContext): ParseContext {
  if (!ctx.utf8Records || !isUtf8Record(b, s, e)) return ctx;
  ctx.onWarning?.({ index: ctx.index, offset: ctx.offset, kind: 'utf8-record', message: `read as UTF-8 (valid UTF-8, unlike the file's ${ctx.encoding})` });
  return { ...ctx, encoding: 'utf-8', utf8Records: false };
}

/** The record in b[s, e) read into the record model, or what is wrong with it; never throws. */
export function parseSafe(b: Uint8Array, s: number, e: number, ctx: ParseContext): ReadItem {
  try {
    return parseRecord(b, s, e, recordContext(b, s, e, ctx));
  } catch (err) {
    return internalError(ctx, err);
  }
}

/** The record in b[s, e) checked and located (values not decoded), or what is wrong with it; never throws. */
export function viewSafe(b: Uint8Array, s: number, e: number, ctx: ParseContext): ViewItem {
  try {
    return viewRecord(b, s, e, recordContext(b, s, e, ctx));
  } catch (err) {
    return internalError(ctx, err);
  }
}

export function contextFor(encoding: MarcEncoding, options: ReadOptions): ParseContext {
  const detected = (options.encoding ?? 'auto') === 'auto';
  return { encoding, normalize: options.normalize ?? 'nfc', index: 0, offset: 0, onWarning: options.onWarning, utf8Records: detected && encoding !== 'utf-8' };
}

function leader09s(raws: readonly RawRecord[]): { leader09: string[]; isMarc21: boolean } {
  const leader09: string[] = [];
  let marc21 = 0;
  for (const r of raws) {
    if (r.bytes.length >= 24) {
      leader09.push(String.fromCharCode(r.bytes[9] as number));
      if (r.bytes[20] === 0x34 && r.bytes[21] === 0x35 && r.bytes[22] === 0x30 && r.bytes[23] === 0x30) marc21++;
    }
  }
  return { leader09, isMarc21: marc21 > raws.length / 2 };
}

export function detectRawEncoding(raws: readonly RawRecord[]): EncodingGuess {
  return detectEncoding(textBytesOfRecords(raws.map((r) => r.bytes)), leader09s(raws));
}

export function resolveEncoding(raws: readonly RawRecord[], options: ReadOptions): MarcEncoding {
  const enc = options.encoding ?? 'auto';
  if (enc !== 'auto') return enc;
  const guess = detectRawEncoding(raws);
  options.onEncoding?.(guess);
  return guess.encoding;
}

/** Reads every record of an in-memory file into the record model. */
export function readIso2709(data: Uint8Array, options: ReadOptions = {}): Generator<ReadItem> {
  return readBuffer(data, options, parseSafe);
}

/**
 * Reads every record of an in-memory file as a MarcView: checked as readIso2709 checks it (the same
 * errors and warnings), its fields located, no value decoded until it is read.
 */
export function readIso2709Views(data: Uint8Array, options: ReadOptions = {}): Generator<ViewItem> {
  return readBuffer(data, options, viewSafe);
}

function* readBuffer<T>(
  data: Uint8Array,
  options: ReadOptions,
  read: (b: Uint8Array, s: number, e: number, ctx: ParseContext) => T,
): Generator<T> {
  const sampleSize = options.detectRecords ?? 50;
  const sample: RawRecord[] = [];
  if ((options.encoding ?? 'auto') === 'auto') {
    let sampleBytes = 0;
    for (const raw of splitRecords(data)) {
      sample.push(raw);
      sampleBytes += raw.bytes.length;
      if (sample.length >= sampleSize || sampleBytes > 4_000_000) break;
    }
  }
  // One context object, updated per record: the hot loop allocates nothing it does not return.
  const ctx = contextFor(resolveEncoding(sample, options), options);
  let p = 0;
  let index = 0;
  while (p < data.length) {
    while (p < data.length && isFiller(data[p] as number)) p++;
    if (p >= data.length) return;
    const e = recordEnd(data, p, true);
    ctx.index = index++;
    ctx.offset = p;
    yield read(data, p, e, ctx);
    p = e;
  }
}

/** Reads all records of an in-memory file into an array. */
export function readIso2709All(data: Uint8Array, options: ReadOptions = {}): ReadItem[] {
  return [...readIso2709(data, options)];
}

/** Reads records from a Node Readable or any async iterable of byte chunks into the record model. */
export function readIso2709Stream(
  source: AsyncIterable<Uint8Array | string>,
  options: ReadOptions = {},
): AsyncGenerator<ReadItem> {
  return readStream(source, options, parseSafe);
}

/**
 * Reads records from a stream as MarcViews (see readIso2709Views). A view's bytes lie in a buffer the
 * reader reuses: read what you need from it before asking for the next, or keep `view.detach()`.
 */
export function readIso2709ViewStream(
  source: AsyncIterable<Uint8Array | string>,
  options: ReadOptions = {},
): AsyncGenerator<ViewItem> {
  return readStream(source, options, viewSafe);
}

async function* readStream<T>(
  source: AsyncIterable<Uint8Array | string>,
  options: ReadOptions,
  read: (b: Uint8Array, s: number, e: number, ctx: ParseContext) => T,
): AsyncGenerator<T | MarcParseError> {
  const sampleSize = options.detectRecords ?? 50;
  const auto = (options.encoding ?? 'auto') === 'auto';
  const held: (RawRecord | MarcParseError)[] = [];
  let heldBytes = 0;
  let ctx: ParseContext | undefined = auto ? undefined : contextFor(options.encoding as MarcEncoding, options);
  // Records are read straight from the splitter's buffer, one at a time, as it finds them.
  const split = new RecordSplitter(options.maxRecordBytes, true);
  for await (const chunk of chunksThenEnd(source)) {
    const eof = chunk === null;
    if (!eof) split.push(chunk);
    while (split.next(eof)) {
      if (ctx !== undefined) {
        if (split.error) {
          yield split.error;
          continue;
        }
        ctx.index = split.index;
        ctx.offset = split.offset;
        yield read(split.bytes, split.start, split.end, ctx);
        continue;
      }
      // Held until the encoding is known; copied, as the splitter reuses its buffer.
      if (split.error) {
        held.push(split.error);
      } else {
        const bytes = Buffer.from(split.bytes.subarray(split.start, split.end));
        held.push({ bytes, index: split.index, offset: split.offset });
        heldBytes += bytes.length;
      }
      if (held.length < sampleSize && heldBytes <= 4_000_000) continue;
      ctx = contextFor(resolveEncoding(held.filter(isRaw), options), options);
      for (const h of held.splice(0)) yield h instanceof MarcParseError ? h : readRaw(h, ctx, read);
    }
  }
  if (ctx === undefined) {
    ctx = contextFor(resolveEncoding(held.filter(isRaw), options), options);
    for (const h of held) yield h instanceof MarcParseError ? h : readRaw(h, ctx, read);
  }
}

/** The chunks, then null for the end of the input. */
async function* chunksThenEnd<T>(source: AsyncIterable<T>): AsyncGenerator<T | null> {
  yield* source;
  yield null;
}

function isRaw(item: RawRecord | MarcParseError): item is RawRecord {
  return !(item instanceof MarcParseError);
}

function readRaw<T>(raw: RawRecord, ctx: ParseContext, read: (b: Uint8Array, s: number, e: number, ctx: ParseContext) => T): T {
  ctx.index = raw.index;
  ctx.offset = raw.offset;
  return read(raw.bytes, 0, raw.bytes.length, ctx);
}

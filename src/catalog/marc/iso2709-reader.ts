// Reads ISO 2709 files record by record, from a Buffer or a stream, yielding a MarcRecord or a typed
// MarcParseError for each record and always going on to the next record terminator. It never throws for
// bad data, and it never waits for bytes that cannot complete a record.

import type { EncodingOption, MarcEncoding } from './charsets';
import { detectEncoding, textBytesOfRecords, type EncodingGuess } from './detect-encoding';
import { MarcParseError, type MarcWarning } from './errors';
import { parseRecord, type ParseContext } from './iso2709-parse';
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

export interface RawRecord {
  bytes: Uint8Array;
  index: number;
  offset: number;
}

const RT = 0x1d;

export function isFiller(c: number): boolean {
  // Exports often put newlines (or NULs, or spaces) between records.
  return c === 0x0a || c === 0x0d || c === 0x20 || c === 0x00 || c === 0x1a;
}

function leaderLength(b: Uint8Array, p: number): number {
  if (p + 5 > b.length) return -1;
  let v = 0;
  for (let i = p; i < p + 5; i++) {
    const c = (b[i] as number) - 0x30;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function startsLikeLeader(b: Uint8Array, p: number): boolean {
  return leaderLength(b, p) >= 24;
}

/**
 * Finds where the record starting at `p` ends (exclusive), or -1 when more bytes are needed. The first
 * record terminator ends it, except when the leader's length ends it earlier at the start of another
 * record (a terminator lost): then the length wins, so one broken record does not swallow the next.
 */
export function recordEnd(b: Uint8Array, p: number, eof: boolean): number {
  const t = b.indexOf(RT, p);
  const declared = leaderLength(b, p);
  if (declared >= 24 && (t < 0 || p + declared <= t) && p + declared < b.length) {
    if (b[p + declared - 1] === RT) return p + declared;
    if (startsLikeLeader(b, p + declared) && (t < 0 || p + declared < t)) return p + declared;
  }
  if (t >= 0) return t + 1;
  return eof ? b.length : -1;
}

/** Splits a whole buffer into raw records, skipping filler between them. */
export function* splitRecords(b: Uint8Array, firstIndex = 0, baseOffset = 0): Generator<RawRecord> {
  let p = 0;
  let index = firstIndex;
  while (p < b.length) {
    while (p < b.length && isFiller(b[p] as number)) p++;
    if (p >= b.length) return;
    const e = recordEnd(b, p, true);
    yield { bytes: b.subarray(p, e), index: index++, offset: baseOffset + p };
    p = e;
  }
}

export function parseSafe(b: Uint8Array, s: number, e: number, ctx: ParseContext): ReadItem {
  try {
    return parseRecord(b, s, e, ctx);
  } catch (err) {
    // Parsing is written not to throw; this keeps the promise to callers if a bug slips through.
    return new MarcParseError(ctx.index, ctx.offset, 'leader', `internal error: ${(err as Error).message}`);
  }
}

function parseRaw(raw: RawRecord, encoding: MarcEncoding, options: ReadOptions): ReadItem {
  return parseSafe(raw.bytes, 0, raw.bytes.length, {
    encoding,
    normalize: options.normalize ?? 'nfc',
    index: raw.index,
    offset: raw.offset,
    onWarning: options.onWarning,
  });
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

/** Reads every record of an in-memory file. */
export function* readIso2709(data: Uint8Array, options: ReadOptions = {}): Generator<ReadItem> {
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
  const ctx: ParseContext = {
    encoding: resolveEncoding(sample, options),
    normalize: options.normalize ?? 'nfc',
    index: 0,
    offset: 0,
    onWarning: options.onWarning,
  };
  let p = 0;
  let index = 0;
  while (p < data.length) {
    while (p < data.length && isFiller(data[p] as number)) p++;
    if (p >= data.length) return;
    const e = recordEnd(data, p, true);
    ctx.index = index++;
    ctx.offset = p;
    yield parseSafe(data, p, e, ctx);
    p = e;
  }
}

/** Reads all records of an in-memory file into an array. */
export function readIso2709All(data: Uint8Array, options: ReadOptions = {}): ReadItem[] {
  return [...readIso2709(data, options)];
}

/**
 * Splits a stream into raw records, holding at most one partial record in memory. With `reuse`, a record
 * that spans two chunks is put together in a buffer kept from chunk to chunk (not a new one each time):
 * each raw record's bytes are then valid only until the next one is asked for, and a caller that keeps
 * one copies it (readers parse each record at once, so they keep none but the first few while detecting).
 */
export async function* splitRecordStream(
  source: AsyncIterable<Uint8Array | string>,
  maxRecordBytes = 1_000_000,
  reuse = false,
): AsyncGenerator<RawRecord | MarcParseError> {
  let pending: Uint8Array = new Uint8Array(0);
  let joined = Buffer.alloc(0); // with `reuse`: where a record spanning chunks is put together
  let consumed = 0; // file offset of pending[0]
  let index = 0;
  let skipping = false; // inside an over-long record: drop bytes up to its terminator
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    if (pending.length === 0) {
      pending = bytes;
    } else if (reuse) {
      const need = pending.length + bytes.length;
      if (joined.length < need) {
        const next = Buffer.allocUnsafe(Math.max(need, joined.length * 2));
        next.set(pending, 0);
        joined = next;
      } else {
        joined.set(pending, 0); // pending may lie in `joined` itself: set() copies overlapping bytes safely
      }
      joined.set(bytes, pending.length);
      pending = joined.subarray(0, need);
    } else {
      pending = Buffer.concat([pending, bytes]);
    }
    let p = 0;
    for (;;) {
      if (skipping) {
        const t = pending.indexOf(RT, p);
        if (t < 0) {
          p = pending.length;
          break;
        }
        p = t + 1;
        skipping = false;
      }
      while (p < pending.length && isFiller(pending[p] as number)) p++;
      if (p >= pending.length) break;
      const e = recordEnd(pending, p, false);
      if (e < 0) {
        if (pending.length - p > maxRecordBytes) {
          yield new MarcParseError(
            index++,
            consumed + p,
            'too-long',
            `no record terminator within ${maxRecordBytes} bytes`,
          );
          skipping = true;
          p = pending.length;
        }
        break;
      }
      yield { bytes: pending.subarray(p, e), index: index++, offset: consumed + p };
      p = e;
    }
    consumed += p;
    pending = p >= pending.length ? new Uint8Array(0) : pending.subarray(p);
  }
  if (!skipping && pending.length > 0) {
    for (const raw of splitRecords(pending, index, consumed)) yield raw;
  }
}

/** Reads records from a Node Readable or any async iterable of byte chunks. */
export async function* readIso2709Stream(
  source: AsyncIterable<Uint8Array | string>,
  options: ReadOptions = {},
): AsyncGenerator<ReadItem> {
  const sampleSize = options.detectRecords ?? 50;
  const auto = (options.encoding ?? 'auto') === 'auto';
  const held: (RawRecord | MarcParseError)[] = [];
  let heldBytes = 0;
  let encoding: MarcEncoding | undefined = auto ? undefined : (options.encoding as MarcEncoding);
  for await (const item of splitRecordStream(source, options.maxRecordBytes, true)) {
    if (encoding === undefined) {
      held.push(item instanceof MarcParseError ? item : { ...item, bytes: Buffer.from(item.bytes) });
      if (!(item instanceof MarcParseError)) heldBytes += item.bytes.length;
      if (held.length < sampleSize && heldBytes <= 4_000_000) continue;
      encoding = resolveEncoding(
        held.filter((h): h is RawRecord => !(h instanceof MarcParseError)),
        options,
      );
      for (const h of held) yield h instanceof MarcParseError ? h : parseRaw(h, encoding, options);
      held.length = 0;
      continue;
    }
    yield item instanceof MarcParseError ? item : parseRaw(item, encoding, options);
  }
  if (encoding === undefined) {
    encoding = resolveEncoding(
      held.filter((h): h is RawRecord => !(h instanceof MarcParseError)),
      options,
    );
    for (const h of held) yield h instanceof MarcParseError ? h : parseRaw(h, encoding, options);
  }
}

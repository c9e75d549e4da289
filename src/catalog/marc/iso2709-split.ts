// Cutting ISO 2709 input into records: where one record ends and the next begins, skipping filler
// between them, in a whole buffer or in a stream of chunks. Nothing here looks inside a record.

import { MarcParseError } from './errors';

export interface RawRecord {
  bytes: Uint8Array;
  index: number;
  offset: number;
}

const RT = 0x1d;
const EMPTY = new Uint8Array(0);

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

/**
 * Cuts a stream's chunks into records, holding at most one partial record. Give it a chunk with `push`,
 * then call `next` until it says false; at the end of the input call `next(true)` until it says false.
 * After each true, the record is `bytes[start, end)` — or `error` is set, for a record longer than
 * `maxRecordBytes` without a terminator. With `reuse`, a record that spans two chunks is put together in
 * a buffer kept from chunk to chunk (not a new one each time): a record's bytes are then valid only until
 * the next call, and a caller that keeps one copies it.
 */
export class RecordSplitter {
  bytes: Uint8Array = EMPTY;
  start = 0;
  end = 0;
  /** 0-based number of the record in the input, counting good and bad ones. */
  index = -1;
  /** Byte offset of the record in the input. */
  offset = 0;
  error: MarcParseError | undefined;

  private pending: Uint8Array = EMPTY;
  private p = 0;
  private joined = Buffer.alloc(0);
  private consumed = 0; // input offset of pending[0]
  private skipping = false; // inside an over-long record: drop bytes up to its terminator

  constructor(
    private readonly maxRecordBytes = 1_000_000,
    private readonly reuse = false,
  ) {}

  push(chunk: Uint8Array | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    const pending = this.pending;
    if (pending.length === 0) {
      this.pending = bytes;
    } else if (this.reuse) {
      const need = pending.length + bytes.length;
      if (this.joined.length < need) {
        const next = Buffer.allocUnsafe(Math.max(need, this.joined.length * 2));
        next.set(pending, 0);
        this.joined = next;
      } else {
        this.joined.set(pending, 0); // pending may lie in `joined` itself: set() copies overlapping bytes safely
      }
      this.joined.set(bytes, pending.length);
      this.pending = this.joined.subarray(0, need);
    } else {
      this.pending = Buffer.concat([pending, bytes]);
    }
    this.p = 0;
  }

  /** Finds the next record (or error); false when the bytes so far hold no more. */
  next(eof = false): boolean {
    const b = this.pending;
    let p = this.p;
    this.error = undefined;
    if (this.skipping) {
      const t = b.indexOf(RT, p);
      if (t < 0) return this.keep(b.length);
      p = t + 1;
      this.skipping = false;
    }
    while (p < b.length && isFiller(b[p] as number)) p++;
    if (p >= b.length) return this.keep(p);
    const e = recordEnd(b, p, eof);
    if (e < 0) {
      if (b.length - p <= this.maxRecordBytes) return this.keep(p);
      this.error = new MarcParseError(
        ++this.index,
        this.consumed + p,
        'too-long',
        `no record terminator within ${this.maxRecordBytes} bytes`,
      );
      this.skipping = true;
      this.keep(b.length);
      return true;
    }
    this.bytes = b;
    this.start = p;
    this.end = e;
    this.index++;
    this.offset = this.consumed + p;
    this.p = e;
    return true;
  }

  /** Drops the bytes before `p`, keeping the rest for the next chunk. */
  private keep(p: number): false {
    const b = this.pending;
    this.consumed += p;
    this.pending = p >= b.length ? EMPTY : b.subarray(p);
    this.p = 0;
    return false;
  }
}

/** Splits a stream into raw records (see RecordSplitter; with `reuse`, copy a record you keep). */
export async function* splitRecordStream(
  source: AsyncIterable<Uint8Array | string>,
  maxRecordBytes = 1_000_000,
  reuse = false,
): AsyncGenerator<RawRecord | MarcParseError> {
  const split = new RecordSplitter(maxRecordBytes, reuse);
  for await (const chunk of source) {
    split.push(chunk);
    while (split.next()) yield split.error ?? rawOf(split);
  }
  while (split.next(true)) yield split.error ?? rawOf(split);
}

function rawOf(split: RecordSplitter): RawRecord {
  return { bytes: split.bytes.subarray(split.start, split.end), index: split.index, offset: split.offset };
}

// Checks the bytes of one ISO 2709 record and finds its fields (a MarcView, values not decoded), or says
// what is wrong (a MarcParseError); parseRecord decodes the view into a MarcRecord. Works on bytes and
// follows the directory's offsets (data need not be in directory order).

import { decodeLatin1, isAscii, singleByteTable, type MarcEncoding } from './charsets';
import { MarcParseError, type MarcErrorKind, type MarcWarning } from './errors';
import { RecordText, digits, digits4, digits5, tagAt } from './iso2709-fields';
import { MarcView } from './iso2709-view';
import type { MarcField, MarcRecord } from './record';

export interface ParseContext {
  encoding: MarcEncoding;
  normalize: 'nfc' | 'none';
  index: number;
  offset: number;
  onWarning?: ((w: MarcWarning) => void) | undefined;
  /**
   * The encoding was detected and is not UTF-8: a record whose text is valid UTF-8 is read as UTF-8
   * (see isUtf8Record), with a warning.
   */
  utf8Records?: boolean;
}

const FT = 0x1e;
const RT = 0x1d;
const SF = 0x1f;

// Cyrillic letters typed for their Latin look-alikes in leaders (a real case: tounb's leader/06 = "а").
const HOMOGLYPHS: Record<string, string> = {
  а: 'a',
  в: 'b',
  с: 'c',
  е: 'e',
  о: 'o',
  р: 'p',
  х: 'x',
  у: 'y',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  к: 'k',
  м: 'm',
  н: 'n',
  т: 't',
  А: 'a',
  В: 'b',
  С: 'c',
  Е: 'e',
  О: 'o',
  Р: 'p',
  Х: 'x',
  К: 'k',
  М: 'm',
  Н: 'n',
  Т: 't',
  І: 'i',
};

function fail(ctx: ParseContext, kind: MarcErrorKind, reason: string, salvaged?: MarcRecord): MarcParseError {
  return new MarcParseError(ctx.index, ctx.offset, kind, reason, salvaged);
}

function leaderText(b: Uint8Array, s: number, ctx: ParseContext, warnings: string[]): string {
  if (isAscii(b, s, s + 24)) return String.fromCharCode.apply(null, b.subarray(s, s + 24) as unknown as number[]);
  const chars: string[] = [];
  for (let i = 0; i < 24; i++) {
    const byte = b[s + i] as number;
    if (byte < 0x80) {
      chars.push(String.fromCharCode(byte));
      continue;
    }
    const ch =
      ctx.encoding === 'cp1251' || ctx.encoding === 'cp866' || ctx.encoding === 'koi8-r'
        ? String.fromCharCode(singleByteTable(ctx.encoding)[byte] as number)
        : '';
    const fixed = HOMOGLYPHS[ch] ?? ' ';
    warnings.push(
      `leader/${String(i).padStart(2, '0')} is byte 0x${byte.toString(16)}${ch ? ` ("${ch}")` : ''}; read as "${fixed}"`,
    );
    chars.push(fixed);
  }
  return chars.join('');
}

type Problem = { kind: 'directory' | 'base-address' | 'field-bounds' | 'truncated'; reason: string };

/** A record's warnings, gathered while it is checked (reused: a record is checked in one go). */
const notes: string[] = [];

/**
 * Checks the record in bytes [s, e) (its terminator, when present, is the last byte) and finds where its
 * fields lie, decoding no value: a MarcView, with its warnings given to `ctx.onWarning`, or a
 * MarcParseError saying what is wrong (with the fields that could be read, decoded, in `salvaged`).
 */
export function viewRecord(b: Uint8Array, s: number, e: number, ctx: ParseContext): MarcView | MarcParseError {
  // No closures here: the project runs TypeScript through tsx, whose keepNames wraps every function
  // created per call in a name-setting helper, which costs more than the parsing itself.
  const hasRT = e > s && b[e - 1] === RT;
  const end = hasRT ? e - 1 : e; // end of the data area
  if (end - s < 25) return fail(ctx, 'leader', `record is ${e - s} bytes, too short for a leader and a directory`);
  const warnings = notes;
  warnings.length = 0;

  const declared = digits(b, s, 5);
  if (declared !== e - s) {
    warnings.push(
      declared < 0 ? 'record length in leader is not a number' : `leader says ${declared} bytes, record has ${e - s}`,
    );
  }
  const leader = isAscii(b, s, s + 24) ? undefined : leaderText(b, s, ctx, warnings);
  let indCount = digits(b, s + 10, 1);
  if (indCount < 0) {
    warnings.push('leader/10 (indicator count) is not a digit; 2 assumed');
    indCount = 2;
  }
  const codeLen = digits(b, s + 11, 1);
  if (codeLen < 0) warnings.push('leader/11 (subfield code length) is not a digit; 2 assumed');
  let lenLen = digits(b, s + 20, 1);
  let startLen = digits(b, s + 21, 1);
  let implLen = digits(b, s + 22, 1);
  if (lenLen <= 0 || startLen <= 0 || implLen < 0) {
    warnings.push('leader/20-22 (entry map) not usable; 4, 5, 0 assumed');
    lenLen = 4;
    startLen = 5;
    implLen = 0;
  }
  const entryLen = 3 + lenLen + startLen + implLen;

  let dirEnd = b.indexOf(FT, s + 24);
  if (dirEnd >= end) dirEnd = -1;
  if (dirEnd < 0) return fail(ctx, 'directory', 'no field terminator after the directory');
  const dirLen = dirEnd - (s + 24);
  if (dirLen === 0) return fail(ctx, 'directory', 'the directory is empty: the record has no fields');

  let problems: Problem[] | undefined;
  if (dirLen % entryLen !== 0) {
    problems = [{ kind: 'directory', reason: `directory is ${dirLen} bytes, not a multiple of ${entryLen}` }];
  }
  const base = digits(b, s + 12, 5);
  const realBase = dirEnd + 1 - s;
  if (base !== realBase) {
    (problems ??= []).push({
      kind: 'base-address',
      reason:
        base < 0
          ? 'base address (leader/12-16) is not a number'
          : `base address is ${base}, the directory ends at ${realBase}`,
    });
  }

  // Nothing is stored per field: a view reads the directory again when a field is asked for.
  const entries = Math.floor(dirLen / entryLen);
  const dataStart = s + realBase;
  let n = 0; // fields whose entry is sound
  const leaderWarnings = warnings.length;
  let badEntries = 0;
  // The record's text, decoded only to word a warning about text before a field's first subfield.
  let text: RecordText | undefined;
  const usual = lenLen === 4 && startLen === 5;
  for (let k = 0; k < entries; k++) {
    const at = s + 24 + k * entryLen;
    const len = usual ? digits4(b, at + 3) : digits(b, at + 3, lenLen);
    const start = usual ? digits5(b, at + 7) : digits(b, at + 3 + lenLen, startLen);
    if (len < 0 || start < 0) {
      (problems ??= []).push({
        kind: 'directory',
        reason: `directory entry ${k} (tag ${JSON.stringify(tagAt(b, at))}) has non-digit length or start`,
      });
      continue;
    }
    const from = dataStart + start;
    const to = from + len; // one past the field terminator
    if (len === 0 || to > end) {
      badEntries++;
      (problems ??= []).push({
        kind: to > end && !hasRT ? 'truncated' : 'field-bounds',
        reason: `field ${tagAt(b, at)} (entry ${k}) spans bytes ${start}-${start + len} of a ${end - s - realBase}-byte data area`,
      });
      continue;
    }
    if (b[to - 1] !== FT) {
      badEntries++;
      (problems ??= []).push({
        kind: 'field-bounds',
        reason: `field ${tagAt(b, at)} (entry ${k}) does not end with a field terminator`,
      });
      continue;
    }
    n++;
    if (mayHaveLeadText(b, at, from, to - 1, indCount, ctx.encoding)) {
      text ??= new RecordText(b, s, end, ctx.encoding, ctx.normalize === 'nfc');
      text.field(tagAt(b, at), from, to - 1, indCount, warnings);
    }
  }

  let between: Int32Array | undefined; // where each field lies, when not where the directory says
  if (problems && badEntries > 0 && badEntries === problems.length) {
    // Lengths a few bytes off (a re-encoded export that kept the old directory) with the data still in
    // directory order: read the fields between terminators instead, as long as the directory agrees.
    const dir = { at: s + 24, entries, lenLen, startLen, entryLen };
    const seq = sequentialFields(b, dataStart, end, dir);
    if (seq) {
      // What the fields said as the directory cut them no longer holds.
      warnings.length = leaderWarnings;
      warnings.push(`directory lengths are off by up to ${seq.drift} bytes; fields read between field terminators`);
      between = new Int32Array(entries * 2);
      for (let k = 0; k < seq.bounds.length; k++) {
        const [f, t] = seq.bounds[k] as [number, number];
        const at = dir.at + k * entryLen;
        between[k * 2] = f;
        between[k * 2 + 1] = t;
        if (mayHaveLeadText(b, at, f, t, indCount, ctx.encoding)) {
          text ??= new RecordText(b, s, end, ctx.encoding, ctx.normalize === 'nfc');
          text.field(tagAt(b, at), f, t, indCount, warnings);
        }
      }
      problems = undefined;
    }
  }

  if (problems) {
    const first = problems[0] as Problem;
    const more =
      problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    // For the importer's eyes only: whatever a tolerant reading recovers, never a silent success.
    text ??= new RecordText(b, s, end, ctx.encoding, ctx.normalize === 'nfc');
    const leaderString = leader ?? decodeLatin1(b, s, s + 24);
    const resynced = resyncFields(b, s + 24, dirEnd, dataStart, end, { lenLen, startLen, entryLen });
    const salvaged: MarcField[] = [];
    if (resynced.length > n) {
      for (const [tag, f, t] of resynced) salvaged.push(text.field(tag, f, t, indCount, warnings));
    } else {
      // The fields whose entries are sound, as the loop above found them.
      for (let k = 0; k < entries; k++) {
        const at = s + 24 + k * entryLen;
        const len = digits(b, at + 3, lenLen);
        const from = dataStart + digits(b, at + 3 + lenLen, startLen);
        if (len <= 0 || from < dataStart || from + len > end || b[from + len - 1] !== FT) continue;
        salvaged.push(text.field(tagAt(b, at), from, from + len - 1, indCount, warnings));
      }
    }
    warnings.length = 0;
    return fail(ctx, first.kind, first.reason + more, salvaged.length > 0 ? { leader: leaderString, fields: salvaged } : undefined);
  }
  if (!hasRT) warnings.push('no record terminator at the end');
  if (warnings.length > 0) {
    const list = warnings.splice(0);
    if (ctx.onWarning) for (const message of list) ctx.onWarning({ index: ctx.index, offset: ctx.offset, message });
  }
  const layout = { dataStart, dataEnd: end, entryLen, lenLen, startLen, indicatorCount: indCount, between };
  return new MarcView(b, s, e, entries, ctx, layout, leader, text);
}

/**
 * Whether decoding the field in bytes [from, to) might find text between its indicators and its first
 * subfield delimiter (a warning): only when no delimiter comes within the indicators' bytes, since no
 * encoding makes more characters than bytes. MARC-8's escape sequences can swallow a delimiter, so one
 * there leaves the answer to decoding too.
 */
function mayHaveLeadText(b: Uint8Array, at: number, from: number, to: number, indCount: number, enc: MarcEncoding): boolean {
  if (b[at] === 0x30 && b[at + 1] === 0x30) return false; // 00X: a control field, never subfields
  const p = from + indCount;
  if (p >= to) return false;
  if (enc === 'marc-8') for (let i = from; i <= p; i++) if (b[i] === 0x1b) return true;
  if (b[p] === SF) return false;
  for (let i = from; i < p; i++) if (b[i] === SF) return false;
  return true;
}

/** Parses bytes [s, e) holding one record into the record model. */
export function parseRecord(b: Uint8Array, s: number, e: number, ctx: ParseContext): MarcRecord | MarcParseError {
  const view = viewRecord(b, s, e, ctx);
  return view instanceof MarcParseError ? view : view.toRecord();
}

/** Field bounds found by field terminators when each lies within a few bytes of what the directory says. */
function sequentialFields(
  b: Uint8Array,
  dataStart: number,
  end: number,
  dir: { at: number; entries: number; lenLen: number; startLen: number; entryLen: number },
): { bounds: [number, number][]; drift: number } | undefined {
  const MAX_DRIFT = 8;
  const bounds: [number, number][] = [];
  let from = dataStart;
  let drift = 0;
  for (let k = 0; k < dir.entries; k++) {
    const at = dir.at + k * dir.entryLen;
    const len = digits(b, at + 3, dir.lenLen);
    const start = digits(b, at + 3 + dir.lenLen, dir.startLen);
    let t = from;
    while (t < end && b[t] !== FT) t++;
    if (t >= end) return undefined;
    const ds = Math.abs(from - dataStart - start);
    const dl = Math.abs(t + 1 - from - len);
    if (start < 0 || len < 0 || ds > MAX_DRIFT || dl > MAX_DRIFT) return undefined;
    drift = Math.max(drift, ds, dl);
    bounds.push([from, t]);
    from = t + 1;
  }
  return from === end ? { bounds, drift } : undefined;
}

/**
 * Fields of a record whose directory has lost or gained a byte: each entry is looked for where it should
 * be or up to three bytes either side, and taken only when it points at a whole field (one that starts
 * after a field terminator and ends with one).
 */
function resyncFields(
  b: Uint8Array,
  dirStart: number,
  dirEnd: number,
  dataStart: number,
  end: number,
  map: { lenLen: number; startLen: number; entryLen: number },
): [string, number, number][] {
  const out: [string, number, number][] = [];
  let p = dirStart;
  while (p + map.entryLen <= dirEnd) {
    let found = -1;
    for (const d of [0, -1, 1, -2, 2, -3, 3]) {
      const q = p + d;
      if (q < dirStart || q + map.entryLen > dirEnd) continue;
      const len = digits(b, q + 3, map.lenLen);
      const start = digits(b, q + 3 + map.lenLen, map.startLen);
      if (len <= 0 || start < 0) continue;
      const from = dataStart + start;
      const to = from + len;
      if (to <= end && b[to - 1] === FT && (from === dataStart || b[from - 1] === FT)) {
        out.push([tagAt(b, q), from, to - 1]);
        found = q;
        break;
      }
    }
    p = found < 0 ? p + map.entryLen : found + map.entryLen;
  }
  return out;
}

// Writes MarcRecords as UTF-8 ISO 2709. Lengths, base address and the entry map are computed; the rest
// of the leader is kept as given, except MARC 21 leader/09 which must say 'a' (UCS/Unicode) for UTF-8.

import { detectFormat } from './detect-format';
import { isDataField, type MarcFormat, type MarcRecord } from './record';

export interface WriteOptions {
  /** Decides whether leader/09 is set to 'a'; 'auto' (default) looks at the record's tags. */
  format?: MarcFormat | 'auto';
  /** 'none' (default) writes values as they are; 'nfd' suits MARC 21 practice, 'nfc' the web's. */
  normalize?: 'none' | 'nfc' | 'nfd';
}

const FT = '\x1e';
const SF = '\x1f';

export class MarcWriteError extends Error {
  override readonly name = 'MarcWriteError';
}

function fixLeader(leader: string): string {
  // Leaders are ASCII by definition; anything else would also break the byte arithmetic below.
  const l = leader.replace(/[^\x20-\x7e]/g, ' ');
  return l.length >= 24 ? l.slice(0, 24) : l.padEnd(24, ' ');
}

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

/** Serialises one record; throws MarcWriteError when it cannot be expressed in ISO 2709. */
export function writeIso2709Record(record: MarcRecord, options: WriteOptions = {}): Buffer {
  const norm = options.normalize ?? 'none';
  const n =
    norm === 'none'
      ? (s: string) => s
      : norm === 'nfc'
        ? (s: string) => s.normalize('NFC')
        : (s: string) => s.normalize('NFD');
  const bodies: string[] = [];
  const lengths: number[] = [];
  let dataLength = 0;
  for (let i = 0; i < record.fields.length; i++) {
    const f = record.fields[i]!;
    if (f.tag.length !== 3) throw new MarcWriteError(`tag ${JSON.stringify(f.tag)} is not 3 characters`);
    let body: string;
    if (isDataField(f)) {
      const parts: string[] = [(f.ind1 || ' ').charAt(0), (f.ind2 || ' ').charAt(0)];
      for (const s of f.subfields) parts.push(s.code === '' ? n(s.value) : SF + s.code + n(s.value));
      parts.push(FT);
      body = parts.join('');
    } else {
      body = n(f.value) + FT;
    }
    const len = Buffer.byteLength(body, 'utf8');
    if (len > 9999) throw new MarcWriteError(`field ${f.tag} is ${len} bytes; ISO 2709 allows 9999`);
    bodies.push(body);
    lengths.push(len);
    dataLength += len;
  }
  const base = 24 + 12 * record.fields.length + 1;
  const total = base + dataLength + 1;
  if (total > 99999) throw new MarcWriteError(`record is ${total} bytes; ISO 2709 allows 99999`);

  let format = options.format ?? 'auto';
  if (format === 'auto') format = detectFormat([record]).format;
  const l = fixLeader(record.leader);
  const leader =
    pad(total, 5) +
    l.slice(5, 9) +
    (format === 'marc21' ? 'a' : l.charAt(9)) +
    '22' +
    pad(base, 5) +
    l.slice(17, 20) +
    '450' +
    l.charAt(23);

  const dir: string[] = [];
  let start = 0;
  for (let i = 0; i < bodies.length; i++) {
    dir.push(record.fields[i]!.tag + pad(lengths[i]!, 4) + pad(start, 5));
    start += lengths[i]!;
  }
  const out = Buffer.allocUnsafe(total);
  let at = out.write(leader + dir.join('') + FT, 0, 'latin1');
  for (const body of bodies) at += out.write(body, at, 'utf8');
  out[at] = 0x1d;
  return out;
}

/** Serialises many records into one buffer (a whole .mrc file). */
export function writeIso2709(records: Iterable<MarcRecord>, options: WriteOptions = {}): Buffer {
  const parts: Buffer[] = [];
  for (const r of records) parts.push(writeIso2709Record(r, options));
  return Buffer.concat(parts);
}

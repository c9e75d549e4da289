/**
 * Benchmark data made from real records: the records of a file under shared/testdata/marc, repeated
 * and varied (each copy gets its own control number, ISBN, year and a varied title, optionally copies
 * in holdings fields) and written as ISO 2709 in UTF-8 or CP1251. Deterministic: the same bytes on
 * every machine.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodeSingleByte } from '../src/catalog/marc/charsets';
import {
  MarcParseError,
  controlField,
  dataField,
  isDataField,
  readIso2709,
  type MarcEncoding,
  type MarcFormat,
  type MarcRecord,
} from '../src/catalog/marc/index';
import { toIsbn13 } from '../src/catalog/isbn';

export const TESTDATA = fileURLToPath(new URL('../../shared/testdata/marc/', import.meta.url));

export interface Source {
  name: string;
  path: string;
  encoding: MarcEncoding;
  format: MarcFormat;
}

export const RUSMARC_CP1251: Source = { name: 'rusmarc-cp1251', path: 'rusmarc/nlr_test1_cp1251.iso', encoding: 'cp1251', format: 'rusmarc' };
export const MARC21_UTF8: Source = { name: 'marc21-utf8', path: 'marc21/pride-and-prejudice-fixed.mrc', encoding: 'utf-8', format: 'marc21' };

export function baseRecords(source: Source): MarcRecord[] {
  const out: MarcRecord[] = [];
  for (const r of readIso2709(readFileSync(TESTDATA + source.path), { encoding: source.encoding })) {
    if (!(r instanceof MarcParseError)) out.push(r);
  }
  return out;
}

const VARIANTS = ['', 'Избранное', 'Сборник', 'Т. 2', 'Кн. 1', 'Жаңы басылыш', 'Повести и рассказы', 'Изд. 3-е', 'Тандалмалар', 'Очерки'];

/**
 * Copy `n` of a base record (of `baseCount`): new identity, ISBN and year; the title varied and
 * numbered like an issue, so no two copies are the same edition; `copies` holdings added.
 */
export function varyRecord(base: MarcRecord, n: number, baseCount: number, format: MarcFormat, copies = 0): MarcRecord {
  const titleTag = format === 'rusmarc' ? '200' : '245';
  const isbnTag = format === 'rusmarc' ? '010' : '020';
  const yearTag = format === 'rusmarc' ? '210' : '260';
  const yearCode = format === 'rusmarc' ? 'd' : 'c';
  const issue = Math.floor(n / baseCount);
  const variant = [VARIANTS[issue % VARIANTS.length], issue ? `Вып. ${issue}` : ''].filter(Boolean).join('. ');
  const year = String(1950 + (n % 75));
  const isbn = toIsbn13(`5${String(n % 100_000_000).padStart(8, '0')}0`) ?? '';
  const fields = base.fields
    .filter((f) => f.tag !== '001' && f.tag !== isbnTag && f.tag !== '899' && f.tag !== '910' && f.tag !== '852' && f.tag !== '876')
    .map((f) => {
      if (!isDataField(f)) return f;
      if (f.tag === titleTag) {
        let done = false;
        const subfields = f.subfields.map((s) => {
          if (done || s.code !== 'a' || !variant) return s;
          done = true;
          return { code: 'a', value: `${s.value} ${variant}` };
        });
        return { ...f, subfields };
      }
      if (f.tag === yearTag) return { ...f, subfields: f.subfields.map((s) => (s.code === yearCode ? { code: s.code, value: year } : s)) };
      return f;
    });
  const holdings = Array.from({ length: copies }, (_, c) =>
    format === 'rusmarc'
      ? dataField('910', ' ', ' ', [['a', '0'], ['b', `${n}-${c}`], ['c', '20230115'], ['d', 'ФБ'], ['e', '250,00']])
      : dataField('876', ' ', ' ', [['a', `${n}-${c}`], ['c', '250.00'], ['d', '20230115']]),
  );
  return {
    leader: base.leader,
    fields: [controlField('001', `KPB${n}`), dataField(isbnTag, ' ', ' ', [['a', isbn]]), ...fields, ...holdings],
  };
}

const FT = 0x1e;
const SF = 0x1f;
const RT = 0x1d;

/** One record as ISO 2709 bytes in UTF-8 or CP1251 (lengths counted in bytes of that encoding). */
export function isoBytes(record: MarcRecord, encoding: 'utf-8' | 'cp1251'): Buffer {
  const encode = (s: string) => (encoding === 'utf-8' ? Buffer.from(s, 'utf8') : Buffer.from(encodeSingleByte(s, 'cp1251')));
  const data: Buffer[] = [];
  const directory: string[] = [];
  let offset = 0;
  for (const f of record.fields) {
    const parts: Buffer[] = [];
    if (isDataField(f)) {
      parts.push(encode(f.ind1 + f.ind2));
      for (const s of f.subfields) parts.push(Buffer.from([SF]), encode(s.code + s.value));
    } else {
      parts.push(encode(f.value));
    }
    parts.push(Buffer.from([FT]));
    const field = Buffer.concat(parts);
    directory.push(f.tag + String(field.length).padStart(4, '0') + String(offset).padStart(5, '0'));
    data.push(field);
    offset += field.length;
  }
  const dir = Buffer.from(`${directory.join('')}\x1e`, 'latin1');
  const base = 24 + dir.length;
  const length = base + offset + 1;
  const leader = `${String(length).padStart(5, '0')}${record.leader.slice(5, 12)}${String(base).padStart(5, '0')}${record.leader.slice(17, 24)}`;
  return Buffer.concat([Buffer.from(leader, 'latin1'), dir, ...data, Buffer.from([RT])]);
}

/** `count` varied records, `batch` at a time (so a caller can stream them to a file). */
export function* variedBatches(source: Source, count: number, options: { copies?: number; batch?: number; encoding?: 'utf-8' | 'cp1251' } = {}) {
  const base = baseRecords(source);
  const encoding = options.encoding ?? (source.encoding === 'cp1251' ? 'cp1251' : 'utf-8');
  const size = options.batch ?? 1000;
  for (let from = 0; from < count; from += size) {
    const parts: Buffer[] = [];
    for (let n = from; n < Math.min(count, from + size); n++) {
      parts.push(isoBytes(varyRecord(base[n % base.length]!, n, base.length, source.format, options.copies ?? 0), encoding));
    }
    yield Buffer.concat(parts);
  }
}

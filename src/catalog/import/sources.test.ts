/** Reading an uploaded file's records: a resumed import's earlier records are counted, not decoded. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { controlField, dataField, readIso2709All, writeIso2709, type MarcFormat, type MarcRecord } from '../marc';
import { otherFileKind, readRecords, sniffContainer, type SourceItem } from './sources';

function rusmarcRecord(n: number): MarcRecord {
  return {
    leader: '00000nam0 2200000   450 ',
    fields: [
      controlField('001', `SRC-${n}`),
      dataField('200', '1', ' ', [['a', `Повесть номер ${n}`], ['f', 'Ч. Айтматов']]),
      dataField('210', ' ', ' ', [['a', 'Бишкек'], ['d', String(1980 + n)]]),
      dataField('801', ' ', '0', [['a', 'KG'], ['b', 'KEMIN']]),
    ],
  };
}

async function readAll(bytes: Buffer, skipBefore: number, schema: MarcFormat | 'auto' = 'auto') {
  const items: SourceItem[] = [];
  let decided: MarcFormat | null = null;
  const chunks = Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]);
  for await (const item of readRecords(chunks, { container: 'auto', schema, encoding: 'auto', skipBefore }, (s) => (decided = s))) items.push(item);
  return { items, schema: decided };
}

describe('readRecords', () => {
  const records = Array.from({ length: 40 }, (_, i) => rusmarcRecord(i));
  // Record 30 is broken: its directory points past its end.
  const parts = records.map((r) => writeIso2709([r]));
  parts[30] = Buffer.from(parts[30]!.toString('latin1').replace(/^(.{24}\d{3})\d{4}/, '$19999'), 'latin1');
  const file = Buffer.concat(parts);
  const model = readIso2709All(file);

  it('gives every record, and each broken one as an error', async () => {
    const { items, schema } = await readAll(file, 0);
    expect(schema).toBe('rusmarc');
    expect(items.map((i) => i.index)).toEqual(records.map((_, i) => i));
    expect(items.map((i) => i.record ?? i.error)).toEqual(model);
    expect(items[30]!.error?.kind).toBe('field-bounds');
  });

  it('resuming at record 35: the records before it come without their content, broken ones still as errors', async () => {
    const { items, schema } = await readAll(file, 35, 'rusmarc');
    expect(schema).toBe('rusmarc');
    expect(items.map((i) => i.index)).toEqual(records.map((_, i) => i));
    expect(items.slice(0, 35).every((i) => i.record === null)).toBe(true);
    expect(items.slice(0, 35).filter((i) => i.error).map((i) => i.index)).toEqual([30]);
    expect(items.slice(35).map((i) => i.record)).toEqual(model.slice(35));
  });

  it('resuming with the schema to be told: the first records are still read to tell it', async () => {
    const { items, schema } = await readAll(file, 35);
    expect(schema).toBe('rusmarc');
    expect(items.slice(0, 20).map((i) => i.record)).toEqual(model.slice(0, 20));
    expect(items.slice(20, 30).every((i) => i.record === null)).toBe(true);
    expect(items.slice(35).map((i) => i.record)).toEqual(model.slice(35));
  });
});

describe('sniffContainer', () => {
  const iso = writeIso2709([rusmarcRecord(1)]);
  it('tells ISO 2709, MARCXML, an empty file and text apart by the first bytes', () => {
    expect(sniffContainer(iso)).toBe('iso2709');
    expect(sniffContainer(Buffer.from('\ufeff  <?xml version="1.0"?><collection/>'))).toBe('marcxml');
    expect(sniffContainer(Buffer.from(' \n\t'))).toBe('empty');
    expect(sniffContainer(Buffer.from('Список литературы\n1. Айтматов Ч. Джамиля'))).toBe('unknown');
  });
  it('takes a file whose first record is damaged for ISO 2709 when a record terminator follows (the reader reports it and goes on)', () => {
    expect(sniffContainer(Buffer.concat([Buffer.from('\x00\x00junk'), iso]))).toBe('iso2709');
  });
  it('takes a PDF, an office document or an archive for what it is, whatever bytes it holds', () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0x1d, 0x1e, 0x1f])]);
    expect(sniffContainer(pdf)).toBe('unknown');
    expect(otherFileKind(pdf)).toBe('PDF');
    expect(otherFileKind(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x1d]))).toBe('ZIP (DOCX, XLSX, ODT)');
    expect(otherFileKind(iso)).toBeNull();
  });
});

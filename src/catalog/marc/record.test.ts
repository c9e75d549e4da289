// The record model's helpers and the ISO 2709 writer on records built in code (no test data needed).

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MarcParseError } from './errors';
import { readIso2709All, readIso2709Stream } from './iso2709-reader';
import { MarcWriteError, writeIso2709, writeIso2709Record } from './iso2709-writer';
import {
  cloneRecord,
  dataField,
  emptyLeader,
  getControlValue,
  getDataFields,
  getSubfields,
  getValue,
  insertFieldOrdered,
  type MarcRecord,
} from './record';

const book = (): MarcRecord => ({
  leader: emptyLeader('rusmarc'),
  fields: [
    { tag: '001', value: 'kp\\0001' },
    dataField('200', '1', ' ', [
      ['a', 'Жамиля'],
      ['f', 'Чингиз Айтматов'],
    ]),
    dataField('210', ' ', ' ', [
      ['a', 'Бишкек'],
      ['c', 'Турар'],
      ['d', '2018'],
    ]),
    dataField('610', '0', ' ', [
      ['a', 'өнөр'],
      ['a', 'повесть'],
    ]),
  ],
});

describe('record helpers', () => {
  it('finds fields, subfields and values', () => {
    const r = book();
    expect(getControlValue(r, '001')).toBe('kp\\0001');
    expect(getValue(r, '210', 'd')).toBe('2018');
    expect(getSubfields(getDataFields(r, '610')[0]!, 'a')).toEqual(['өнөр', 'повесть']);
    insertFieldOrdered(r, dataField('205', ' ', ' ', [['a', '2-е изд.']]));
    expect(r.fields.map((f) => f.tag)).toEqual(['001', '200', '205', '210', '610']);
    const c = cloneRecord(r);
    c.fields.pop();
    expect(r.fields).toHaveLength(5);
  });
});

describe('ISO 2709 writer', () => {
  it('computes lengths and base address, and reads back what it wrote (UTF-8, Kyrgyz letters)', () => {
    const bytes = writeIso2709Record(book());
    expect(bytes.toString('latin1', 0, 5)).toBe(String(bytes.length).padStart(5, '0'));
    expect(bytes[bytes.length - 1]).toBe(0x1d);
    const [back] = readIso2709All(bytes) as MarcRecord[];
    expect(back!.fields).toEqual(book().fields);
    expect(back!.leader.slice(12, 17)).toBe(String(24 + 12 * 4 + 1).padStart(5, '0'));
    expect(back!.leader.charAt(9)).toBe(' '); // RUSMARC: leader/09 is not a character-set flag
  });

  it("sets MARC 21 leader/09 to 'a' and the entry map to 4500", () => {
    const r: MarcRecord = {
      leader: '00000nam  2200000 a 4500',
      fields: [{ tag: '008', value: ''.padEnd(40) }, dataField('245', '1', '0', [['a', 'T']])],
    };
    const leader = writeIso2709Record(r).toString('latin1', 0, 24);
    expect(leader.charAt(9)).toBe('a');
    expect(leader.slice(20)).toBe('4500');
  });

  it('refuses what ISO 2709 cannot hold instead of writing a broken record', () => {
    const long: MarcRecord = {
      leader: emptyLeader(),
      fields: [dataField('500', ' ', ' ', [['a', 'x'.repeat(10_000)]])],
    };
    expect(() => writeIso2709Record(long)).toThrow(MarcWriteError);
    expect(() => writeIso2709Record({ leader: emptyLeader(), fields: [{ tag: '5000', value: 'x' }] })).toThrow(
      MarcWriteError,
    );
  });

  it('normalises on request (NFD is MARC 21 practice)', () => {
    const r: MarcRecord = { leader: emptyLeader(), fields: [dataField('245', '1', '0', [['a', 'école']])] };
    const nfd = writeIso2709Record(r, { normalize: 'nfd' });
    expect(nfd.includes(Buffer.from('e\u0301', 'utf8'))).toBe(true);
    const [back] = readIso2709All(nfd) as MarcRecord[];
    expect(getValue(back!, '245', 'a')).toBe('école'); // the reader gives NFC by default
  });
});

describe('ISO 2709 reader basics', () => {
  it('reads a stream, filler between records, and a file that ends without a terminator', async () => {
    const one = writeIso2709([book()]);
    const data = Buffer.concat([one, Buffer.from('\r\n'), one, one.subarray(0, one.length - 1)]);
    const items: unknown[] = [];
    for await (const it of readIso2709Stream(Readable.from([data.subarray(0, 7), data.subarray(7)]))) items.push(it);
    expect(items).toHaveLength(3);
    expect(items.every((i) => !(i instanceof MarcParseError))).toBe(true);
  });

  it('maps UTF-8 offsets right with astral characters, NFD input and a directory out of data order', () => {
    const r: MarcRecord = {
      leader: emptyLeader(),
      fields: [
        { tag: '001', value: 'x' },
        dataField('245', '1', '0', [
          ['a', 'Ноты 𝄞 и е\u0301ще'],
          ['b', '𝔸𝔹'],
        ]),
        dataField('500', ' ', ' ', [['a', 'Өнөр']]),
      ],
    };
    const bytes = writeIso2709Record(r);
    // Reverse the directory: same entries, so the data area is no longer in directory order.
    const entries: Buffer[] = [];
    for (let k = 0; k < 3; k++) entries.push(bytes.subarray(24 + 12 * k, 36 + 12 * k));
    const swapped = Buffer.concat([bytes.subarray(0, 24), ...entries.reverse(), bytes.subarray(60)]);
    const [back] = readIso2709All(swapped) as MarcRecord[];
    expect(back!.fields.map((f) => f.tag)).toEqual(['500', '245', '001']);
    expect(getValue(back!, '245', 'a')).toBe('Ноты 𝄞 и е\u0301ще'.normalize('NFC'));
    expect(getValue(back!, '245', 'b')).toBe('𝔸𝔹');
    expect(getValue(back!, '500', 'a')).toBe('Өнөр');
    const [raw] = readIso2709All(swapped, { normalize: 'none' }) as MarcRecord[];
    expect(getValue(raw!, '245', 'a')).toBe('Ноты 𝄞 и е\u0301ще');
  });

  it('reports a record cut short in the middle of its data', () => {
    const one = writeIso2709([book()]);
    const items = readIso2709All(Buffer.concat([one.subarray(0, 60), one]));
    expect(items[0]).toBeInstanceOf(MarcParseError);
    expect(items[1]).not.toBeInstanceOf(MarcParseError);
  });
});

// Encoding and format detection: each test file's truth from the README table (where leaders and 100$a
// lie), synthetic Russian text in each code page, and the user's override.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeSingleByte, type SingleByteEncoding } from './charsets';
import { detectEncoding } from './detect-encoding';
import { detectFormat } from './detect-format';
import { MarcParseError } from './errors';
import { readIso2709All } from './iso2709-reader';
import { readMarcXmlString } from './marcxml-reader';
import { dataField, getValue, type MarcRecord } from './record';
import { FILES, HAVE_TESTDATA, MARC_DIR, SKIP_TESTDATA, converted, throughModel } from './test-support';

describe.skipIf(!HAVE_TESTDATA)(
  `detection on the test files (${HAVE_TESTDATA ? 'testdata found' : SKIP_TESTDATA})`,
  () => {
    for (const file of FILES) {
      it(`${file.path} is ${file.encoding}, ${file.format}`, () => {
        let detected = '';
        const items = readIso2709All(readFileSync(MARC_DIR + file.path), {
          onEncoding: (g) => (detected = g.encoding),
        });
        expect(detected).toBe(file.encoding);
        const recs = items.filter((i): i is MarcRecord => !(i instanceof MarcParseError));
        expect(recs).toHaveLength(file.records);
        expect(detectFormat(recs).format).toBe(file.format);
      });
    }

    it('does not trust the leader: rkp claims MARC-8, urait claims CP1251 in 100$a', () => {
      const rkp = readFileSync(`${MARC_DIR}marc21/rkp_marc21_cp1251.mrc`);
      expect(String.fromCharCode(rkp[9]!)).toBe(' '); // MARC 21 leader/09 blank = MARC-8
      const urait = readIso2709All(readFileSync(`${MARC_DIR}rusmarc/urait_utf8.iso`))[0] as MarcRecord;
      // RUSMARC 100$a/26-27 "89" names Windows-1251, yet the bytes are UTF-8 and are read as such.
      expect(getValue(urait, '100', 'a')!.slice(26, 28)).toBe('89');
      expect(getValue(urait, '200', 'a')).toMatch(/^ПЕДАГОГИКА/);
    });

    it('detects RUSMARC carried in MARCXML', () => {
      const recs = readMarcXmlString(
        readFileSync(`${MARC_DIR}rusmarc/rusmarc_marcxml_utf8.xml`, 'utf8'),
      ) as MarcRecord[];
      expect(detectFormat(recs).format).toBe('rusmarc');
    });

    it('reads the records of a MARC-8 file that are valid UTF-8 as UTF-8 (pride-and-prejudice-with-many-errors)', () => {
      const bytes = readFileSync(`${MARC_DIR}malformed/pride-and-prejudice-with-many-errors.mrc`);
      const warnings: string[] = [];
      let detected = '';
      const items = readIso2709All(bytes, { onEncoding: (g) => (detected = g.encoding), onWarning: (w) => warnings.push(`${w.index}: ${w.message}`) });
      expect(detected).toBe('marc-8');
      const title = (i: number) => getValue(items[i] as MarcRecord, '245', 'c');
      expect(title(320)).toBe('Jane Austen ; z ang. przeł. Anna Przedpełska-Trzeciakowska.');
      expect(getValue(items[320] as MarcRecord, '260', 'b')).toBe('Świat Książki - Bertelsmann Media,');
      expect(warnings).toContain("320: read as UTF-8 (valid UTF-8, unlike the file's marc-8)");
      // Its MARC-8 records stay MARC-8; the encoding the user names is used for every record.
      expect(warnings.some((w) => w.startsWith('23:'))).toBe(false);
      expect(getValue(readIso2709All(bytes, { encoding: 'marc-8' })[320] as MarcRecord, '245', 'c')).not.toContain('przeł.');
    });

    it('a CP1251 file with a UTF-8 record among its records reads both rightly, in the record model and in MARCXML', async () => {
      const cp1251 = readFileSync(`${MARC_DIR}rusmarc/nlr_test1_cp1251.iso`);
      const utf8 = readFileSync(`${MARC_DIR}rusmarc/urait_utf8.iso`);
      const mixed = Buffer.concat([cp1251, utf8, cp1251]);
      const items = readIso2709All(mixed) as MarcRecord[];
      expect(items).toHaveLength(163);
      expect(getValue(items[81]!, '200', 'a')).toMatch(/^ПЕДАГОГИКА/);
      expect(items.slice(0, 81)).toEqual(readIso2709All(cp1251));
      expect(items.slice(82)).toEqual(readIso2709All(cp1251));
      const xml = await converted(mixed, 'auto', 'nfc');
      expect(xml).toEqual(throughModel(mixed, 'auto', 'nfc'));
      expect(xml.xml).toContain('ПЕДАГОГИКА');
    });

    it('lets the user override a guess', () => {
      const bytes = readFileSync(`${MARC_DIR}rusmarc/nlr_test2_cp1251.iso`);
      const asKoi = readIso2709All(bytes, { encoding: 'koi8-r' })[0] as MarcRecord;
      const asCp = readIso2709All(bytes, { encoding: 'cp1251' })[0] as MarcRecord;
      expect(JSON.stringify(asKoi)).not.toBe(JSON.stringify(asCp));
      expect(readIso2709All(bytes)).toEqual([asCp]);
    });
  },
);

describe('encoding detection on synthetic text', () => {
  const texts = [
    'Задачи и этюды : сборник / редкол.: В. Н. Барсуков и др. — Санкт-Петербург, 1997. — 80 с.',
    'Шахматные композиции. Сборники',
    'Организатором семинара выступила компания, которая занимается внедрением информационных технологий',
    'ЁЛКИ. Щука съела ёжика',
  ];
  for (const enc of ['cp1251', 'cp866', 'koi8-r'] as SingleByteEncoding[]) {
    it(`tells ${enc} from the other code pages and from MARC-8`, () => {
      for (const t of texts) expect(detectEncoding([encodeSingleByte(t, enc)]).encoding).toBe(enc);
    });
  }

  it('takes valid UTF-8 with multibyte sequences as UTF-8', () => {
    expect(detectEncoding([Buffer.from(texts[0]!, 'utf8')]).encoding).toBe('utf-8');
  });

  it('takes escape sequences and ANSEL marks before Latin letters as MARC-8', () => {
    expect(detectEncoding([Buffer.from('\x1b(NbUJDA\x1b(B', 'latin1')]).encoding).toBe('marc-8');
    expect(detectEncoding([Buffer.from('Dvo\xe9rak, Anton\xedn; \xe2Ecole fran\xf0caise', 'latin1')]).encoding).toBe(
      'marc-8',
    );
  });

  it('falls back on leader/09 only when the sample is pure ASCII', () => {
    const ascii = [Buffer.from('Pride and prejudice')];
    expect(detectEncoding(ascii, { leader09: [' '], isMarc21: true }).encoding).toBe('marc-8');
    expect(detectEncoding(ascii, { leader09: ['a'], isMarc21: true }).encoding).toBe('utf-8');
  });
});

describe('format detection', () => {
  it('scores RUSMARC and MARC 21 by their own tags, and obeys an override', () => {
    const rus: MarcRecord = {
      leader: '00000nam  2200000   450 ',
      fields: [dataField('200', '1', ' ', [['a', 'Заглавие']]), dataField('210', ' ', ' ', [['d', '2020']])],
    };
    const m21: MarcRecord = {
      leader: '00000nam a2200000 a 4500',
      fields: [{ tag: '008', value: ''.padEnd(40) }, dataField('245', '1', '0', [['a', 'Title']])],
    };
    expect(detectFormat([rus]).format).toBe('rusmarc');
    expect(detectFormat([m21]).format).toBe('marc21');
    expect(detectFormat([m21], 'rusmarc').format).toBe('rusmarc');
    expect(detectFormat([{ leader: '00000nam  2200000   450 ', fields: [] }]).format).toBe('rusmarc');
  });
});

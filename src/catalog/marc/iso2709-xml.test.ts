// iso2709ToMarcXml copies plainly laid-out records from their bytes; whatever it writes must be byte for
// byte what reading the records (readIso2709) and writing them (toMarcXml / writeMarcXml) makes, with the
// same drops and errors reported, for every test file, hand-made awkward records and (in
// robustness.test.ts) damaged ones.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBytes, type EncodingOption } from './charsets';
import { writeIso2709 } from './iso2709-writer';
import { controlField, dataField, type MarcRecord } from './record';
import { FILES, HAVE_TESTDATA, MARC_DIR, SKIP_TESTDATA, converted, throughModel, xmlLeaders } from './test-support';

describe.skipIf(!HAVE_TESTDATA)(`every test file (${HAVE_TESTDATA ? 'testdata found' : SKIP_TESTDATA})`, () => {
  const files = [
    ...FILES.map((f) => ({ path: f.path, encoding: f.encoding as EncodingOption })),
    ...[
      'bad_leaders_10_11.mrc',
      'pride-and-prejudice-with-many-errors.mrc',
      'pymarc_bad_records.mrc',
      'unordered-directory-entries.mrc',
    ].map((f) => ({ path: `malformed/${f}`, encoding: 'auto' as EncodingOption })),
  ];
  for (const { path, encoding } of files) {
    it(`${path}: the same XML, drops and errors as reading and writing the records`, async () => {
      const bytes = readFileSync(MARC_DIR + path);
      for (const normalize of ['nfc', 'none'] as const) {
        const model = throughModel(bytes, encoding, normalize);
        expect(await converted(bytes, encoding, normalize)).toEqual(model);
        expect(await converted(bytes, encoding, normalize, { chunk: 1000 })).toEqual(model);
      }
      expect(await converted(bytes, 'auto', 'nfc')).toEqual(throughModel(bytes, 'auto', 'nfc'));
      expect(await converted(bytes, encoding, 'nfc', { pretty: false })).toEqual(
        throughModel(bytes, encoding, 'nfc', false),
      );
    });
  }
});

describe('awkward records', () => {
  const record = (fields: MarcRecord['fields']): MarcRecord => ({ leader: '00000nam a2200000 a 4500', fields });
  const cases: [string, MarcRecord][] = [
    [
      'markup characters in values and codes',
      record([
        controlField('001', 'a<b>&"c"'),
        dataField('245', '1', '0', [
          ['a', 'Tom & Jerry <1>'],
          ['"', 'x'],
          ['&', 'y'],
        ]),
      ]),
    ],
    [
      'Cyrillic, Kyrgyz, CJK, dashes, № and ₽',
      record([dataField('245', '0', '0', [['a', 'Жамиля. Өнөр — «№ 5» 100 ₽ 北京']])]),
    ],
    [
      'decomposed letters (NFD)',
      record([dataField('100', '1', ' ', [['a', 'Gore\u0301, Jose\u0301']]), dataField('245', '0', '0', [['a', 'й']])]),
    ],
    [
      'a lone combining mark and a compatibility ideograph',
      record([dataField('245', '0', '0', [['a', '\u0301x \uf900']])]),
    ],
    [
      'a control character in a value',
      record([dataField('245', '0', '0', [['a', 'bell\u0007 here']]), controlField('005', 'x\u0001')]),
    ],
    [
      'indicators and codes the schema rejects',
      record([
        dataField('245', 'Я', '#', [
          ['a', 'x'],
          ['é', 'y'],
        ]),
      ]),
    ],
    [
      'text before the first subfield',
      record([
        {
          tag: '610',
          ind1: '0',
          ind2: ' ',
          subfields: [
            { code: '', value: 'lead' },
            { code: 'a', value: 'x' },
          ],
        },
      ]),
    ],
    [
      'empty values, a field of indicators only, a letter tag',
      record([
        dataField('500', ' ', ' ', [
          ['a', ''],
          ['b', 'x'],
        ]),
        dataField('090', ' ', ' ', []),
        dataField('CAT', ' ', ' ', [['a', 'x']]),
      ]),
    ],
    ['U+FFFD and astral characters', record([dataField('245', '0', '0', [['a', 'a\ufffdb \u{1f600}']])])],
  ];
  for (const [name, r] of cases) {
    it(name, async () => {
      const bytes = writeIso2709([r, r]);
      for (const normalize of ['nfc', 'none'] as const) {
        const model = throughModel(bytes, 'utf-8', normalize);
        expect(model.xml).toContain('<record>');
        expect(await converted(bytes, 'utf-8', normalize)).toEqual(model);
        expect(await converted(bytes, 'utf-8', normalize, { chunk: 7 })).toEqual(model);
      }
    });
  }

  it('invalid UTF-8 and a stray byte in a tag', async () => {
    const bytes = writeIso2709([record([dataField('245', '0', '0', [['a', 'abcdef']])])]);
    const broken = Buffer.from(bytes);
    broken[broken.indexOf('bcd')] = 0xc3; // a lead byte followed by ASCII
    expect(await converted(broken, 'utf-8', 'nfc')).toEqual(throughModel(broken, 'utf-8', 'nfc'));
    const tag = Buffer.from(bytes);
    tag[24] = 0xe9;
    expect(await converted(tag, 'utf-8', 'nfc')).toEqual(throughModel(tag, 'utf-8', 'nfc'));
  });

  it('CP866 control bytes 0x1A, 0x1C and 0x7F read as ASCII (Node\'s IBM866 decoder swaps them)', async () => {
    const bytes = Buffer.from(writeIso2709([record([dataField('245', '0', '0', [['a', 'a\x1ab\x1cc\x7fd']])])]));
    const model = throughModel(bytes, 'cp866', 'nfc');
    expect(model.drops.map((d) => d.detail)).toEqual(['U+001A', 'U+001C']); // DEL is allowed in XML
    expect(await converted(bytes, 'cp866', 'nfc')).toEqual(model);
    expect(decodeBytes(bytes, 0, bytes.length, 'cp866')).toBe(bytes.toString('latin1'));
  });

  it('escapes markup and keeps letters as they are', async () => {
    const { xml } = await converted(writeIso2709([cases[0]![1], cases[1]![1]]), 'utf-8', 'nfc');
    expect(xml).toContain('<controlfield tag="001">a&lt;b&gt;&amp;&quot;c&quot;</controlfield>');
    expect(xml).toContain('<subfield code="&quot;">x</subfield>');
    expect(xml).toContain('Жамиля. Өнөр — «№ 5» 100 ₽ 北京');
  });

  it('writes control fields stored after data fields first, as MARC21slim.xsd requires', async () => {
    const late = record([
      dataField('020', ' ', ' ', [['a', '0140378502']]),
      controlField('005', '20240101000000.0'),
      dataField('245', '1', '0', [['a', 'x']]),
      controlField('008', '960101s1996    xx            000 0 eng d'),
    ]);
    for (const pretty of [true, false]) {
      const { xml } = await converted(writeIso2709([late]), 'utf-8', 'nfc', { pretty });
      const tags = [...xml.matchAll(/<(?:controlfield|datafield) tag="(\d+)"/g)].map((m) => m[1]);
      expect(tags).toEqual(['005', '008', '020', '245']);
      expect(xml.indexOf('<leader>')).toBeLessThan(xml.indexOf('<controlfield'));
    }
  });

  it('says UTF-8 in MARC 21 leader/09 whether a record is copied or written, and keeps RUSMARC leaders', async () => {
    // Leaders that say blank (not Unicode) at 09, as CP1251 and MARC-8 exports do; writing as 'rusmarc'
    // keeps it. The second record of each file is NFD, so it goes through the record writer.
    const marc21 = (title: string): MarcRecord => ({
      leader: '00000nam  2200000 i 4500',
      fields: [
        controlField('008', '960101s1996    ru            000 0 rus d'),
        dataField('245', '1', '0', [['a', title]]),
        dataField('260', ' ', ' ', [['c', '1996']]),
      ],
    });
    const rusmarc = (title: string): MarcRecord => ({
      leader: '00000nam0 2200000 i 450 ',
      fields: [dataField('200', '1', ' ', [['a', title]]), dataField('210', ' ', ' ', [['d', '1996']])],
    });
    for (const [make, leader] of [
      [marc21, '00000nam a2200000 i 4500'],
      [rusmarc, '00000nam0 2200000 i 450 '],
    ] as const) {
      const bytes = writeIso2709([make('Жамиля'), make('Й'.normalize('NFD'))], { format: 'rusmarc' });
      expect(String.fromCharCode(bytes[9]!)).toBe(' ');
      expect(xmlLeaders(throughModel(bytes, 'utf-8', 'nfc').xml).map((l) => l.charAt(9))).toEqual([leader.charAt(9), leader.charAt(9)]);
      for (const pretty of [true, false]) {
        const { xml } = await converted(bytes, 'utf-8', 'nfc', { pretty, chunk: pretty ? undefined : 5 });
        expect(xmlLeaders(xml).map((l) => l.slice(5, 10))).toEqual([leader.slice(5, 10), leader.slice(5, 10)]);
      }
    }
  });

  it('says Unicode in RUSMARC 100 $a/26-29 whether a record is copied or written, and leaves MARC 21 100 alone', async () => {
    // An ИРБИС record says CP1251 ("89"), a short 100 $a is padded; the NFD one goes through the record writer.
    const rusmarc = (a: string, title: string): MarcRecord => ({
      leader: '00000nam0 2200000 i 450 ',
      fields: [dataField('100', ' ', ' ', [['a', a]]), dataField('200', '1', ' ', [['a', title]])],
    });
    const cp1251 = '20110725d2011    k  y0rusy0189    ca';
    const bytes = writeIso2709([rusmarc(cp1251, 'Жамиля'), rusmarc(cp1251, 'Й'.normalize('NFD')), rusmarc('20110725d2011', 'Ак кеме')], { format: 'rusmarc' });
    const hundreds = (xml: string) => [...xml.matchAll(/<datafield tag="100"[^>]*>\s*<subfield code="a">([^<]*)</g)].map((m) => m[1]);
    const expected = ['20110725d2011    k  y0rusy50      ca', '20110725d2011    k  y0rusy50      ca', '20110725d2011             50        '];
    for (const pretty of [true, false]) expect(hundreds((await converted(bytes, 'auto', 'nfc', { pretty })).xml)).toEqual(expected);
    expect(hundreds(throughModel(bytes, 'auto', 'nfc').xml)).toEqual(expected);
    // MARC 21 100 is the author: never touched.
    const author = 'Айтматов, Чингиз Торекулович, 1928-2008';
    const marc21 = writeIso2709([{ leader: '00000nam a2200000 i 4500', fields: [dataField('100', '1', ' ', [['a', author]]), dataField('245', '1', '0', [['a', 'Жамиля']])] }]);
    expect(hundreds((await converted(marc21, 'auto', 'nfc')).xml)).toEqual([author]);
  });
});

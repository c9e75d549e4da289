// RUSMARC ↔ MARC 21 crosswalk on real records: every mapped field survives the way there and back,
// the MARC 21 side is recognised as MARC 21 (and is valid MARCXML), and nothing unmapped slips through.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rusmarcToMarc21 } from './crosswalk-to-marc21';
import { marc21ToRusmarc } from './crosswalk-to-rusmarc';
import { detectFormat } from './detect-format';
import { readIso2709All } from './iso2709-reader';
import { toMarcXml } from './marcxml-writer';
import {
  cloneRecord,
  controlField,
  dataField,
  getControlValue,
  getDataFields,
  getValue,
  type MarcRecord,
} from './record';
import { rusmarcControlSource } from './unicode-marks';
import { M21_PAIRS, project, RUS_PAIRS } from './crosswalk.test-pairs';
import { HAVE_TESTDATA, HAVE_XMLLINT, MARC_DIR, SKIP_TESTDATA, XSD_DIR } from './test-support';

describe('crosswalk rules', () => {
  it('puts ББК from 686 $2 rubbk into 084 $2 rubbk and back', () => {
    const rus: MarcRecord = {
      leader: '00000nam  2200000 i 450 ',
      fields: [
        dataField('686', ' ', ' ', [
          ['a', 'Ч515.815я43'],
          ['2', 'rubbk'],
        ]),
      ],
    };
    const m = rusmarcToMarc21(rus);
    expect(getValue(m, '084', 'a')).toBe('Ч515.815я43');
    expect(getValue(m, '084', '2')).toBe('rubbk');
    expect(getValue(marc21ToRusmarc(m), '686', '2')).toBe('rubbk');
  });

  it("says the type of record in each format's codes: an electronic resource is RUSMARC l, MARC 21 m", () => {
    const rus = (type: string, level = 'm'): MarcRecord => ({
      leader: `00000n${type}${level}0 2200000   450 `,
      fields: [dataField('200', '1', ' ', [['a', 'Словарь']])],
    });
    const typeOf = (r: MarcRecord) => r.leader.slice(6, 8);
    const pairs: [string, string][] = [
      ['l', 'm'],
      ['b', 't'],
      ['m', 'o'],
      ['a', 'a'],
      ['j', 'j'],
    ];
    for (const [r, m] of pairs) {
      const marc21 = rusmarcToMarc21(rus(r));
      expect(typeOf(marc21), r).toBe(`${m}m`);
      expect(typeOf(marc21ToRusmarc(marc21)), r).toBe(`${r}m`);
    }
    // MARC 21 mixed materials are multimedia in RUSMARC; a serial's component part is an analytic.
    const marc21 = (type: string, level: string): MarcRecord => ({
      leader: `00000n${type}${level} a2200000 i 4500`,
      fields: [dataField('245', '0', '0', [['a', 'Архив']])],
    });
    expect(typeOf(marc21ToRusmarc(marc21('p', 'c')))).toBe('mc');
    expect(typeOf(marc21ToRusmarc(marc21('a', 'b')))).toBe('aa');
  });

  it('writes "Surname, Initials" for 700 and splits it back into $a and $b', () => {
    const rus: MarcRecord = {
      leader: '00000nam  2200000 i 450 ',
      fields: [
        dataField('700', ' ', '1', [
          ['a', 'Айтматов'],
          ['b', 'Ч. Т.'],
          ['4', '070'],
        ]),
      ],
    };
    const m = rusmarcToMarc21(rus);
    expect(getValue(m, '100', 'a')).toBe('Айтматов, Ч. Т.');
    expect(getValue(m, '100', '4')).toBe('aut');
    const back = marc21ToRusmarc(m);
    expect(getValue(back, '700', 'a')).toBe('Айтматов');
    expect(getValue(back, '700', 'b')).toBe('Ч. Т.');
    expect(getValue(back, '700', '4')).toBe('070');
  });

  it('carries the age label between RUSMARC 333 and MARC 21 521, as the cataloguing form writes it', () => {
    const rus: MarcRecord = {
      leader: '00000nam  2200000 i 450 ',
      fields: [dataField('200', '1', ' ', [['a', 'Джамиля']]), dataField('333', ' ', ' ', [['a', '12+']])],
    };
    const unmapped: string[] = [];
    const m = rusmarcToMarc21(rus, { onUnmapped: (f) => unmapped.push(f.tag) });
    expect(getValue(m, '521', 'a')).toBe('12+');
    expect(unmapped).toEqual([]);
    const back = marc21ToRusmarc(m, { onUnmapped: (f) => unmapped.push(f.tag) });
    expect(getValue(back, '333', 'a')).toBe('12+');
    expect(unmapped).toEqual([]);
  });

  it("carries ISSN between RUSMARC 011 and MARC 21 022, cancelled and erroneous numbers in each format's subfield", () => {
    const rus: MarcRecord = {
      leader: '00000nas  2200000 i 450 ',
      fields: [
        dataField('011', '0', ' ', [
          ['a', '1694-7584'],
          ['f', '1694-7584'],
          ['y', '0320-9601'],
          ['z', '1694-758X'],
        ]),
        dataField('200', '1', ' ', [['a', 'Ала-Тоо']]),
      ],
    };
    const unmapped: string[] = [];
    const m = rusmarcToMarc21(rus, { onUnmapped: (f) => unmapped.push(f.tag) });
    expect(getDataFields(m, '022')).toEqual([
      dataField('022', '0', ' ', [
        ['a', '1694-7584'],
        ['l', '1694-7584'],
        ['z', '0320-9601'],
        ['y', '1694-758X'],
      ]),
    ]);
    expect(getDataFields(marc21ToRusmarc(m, { onUnmapped: (f) => unmapped.push(f.tag) }), '011')).toEqual(
      getDataFields(rus, '011'),
    );
    expect(unmapped).toEqual([]);
  });

  it('keeps 856 (electronic location) both ways, indicators and all, trading $y and $2 where the formats differ', () => {
    const rus: MarcRecord = {
      leader: '00000nlm  2200000 i 450 ',
      fields: [
        dataField('200', '1', ' ', [['a', 'Манас']]),
        dataField('856', '4', ' ', [
          ['u', 'https://example.kg/manas.pdf'],
          ['z', 'Полный текст'],
          ['q', 'application/pdf'],
          ['2', 'Читать'],
        ]),
      ],
    };
    const unmapped: string[] = [];
    const m = rusmarcToMarc21(rus, { onUnmapped: (f) => unmapped.push(f.tag) });
    expect(getDataFields(m, '856')).toEqual([
      dataField('856', '4', ' ', [
        ['u', 'https://example.kg/manas.pdf'],
        ['z', 'Полный текст'],
        ['q', 'application/pdf'],
        ['y', 'Читать'],
      ]),
    ]);
    const back = marc21ToRusmarc(m, { onUnmapped: (f) => unmapped.push(f.tag) });
    expect(getDataFields(back, '856')).toEqual(getDataFields(rus, '856'));
    expect(unmapped).toEqual([]);
    // MARC 21's relationship (ind2) and materials specified ($3) come back as they were.
    const m21: MarcRecord = {
      leader: '00000nam a2200000 i 4500',
      fields: [
        dataField('245', '0', '0', [['a', 'Emma']]),
        dataField('856', '4', '2', [
          ['3', 'Publisher description'],
          ['u', 'http://example.org/d.html'],
        ]),
      ],
    };
    expect(getDataFields(rusmarcToMarc21(marc21ToRusmarc(m21)), '856')).toEqual(getDataFields(m21, '856'));
  });

  it('links a volume to its set (461) and a part to its piece (463) through 773, and back', () => {
    // As NLR writes a volume: the set's 001 and 200 embedded in 461 ($1), not to be shown as a note.
    const volume: MarcRecord = {
      leader: '00000nam2 2200000 i 450 ',
      fields: [
        controlField('001', 'RU\\NLR\\bibl\\3424'),
        dataField('200', '0', ' ', [['a', 'Вып. 22']]),
        dataField('461', ' ', '0', [
          ['1', '001RU\\NLR\\bibl\\5996'],
          ['1', '2001 '],
          ['a', 'Задачи и этюды'],
          ['v', 'Вып. 22'],
        ]),
      ],
    };
    const unmapped: string[] = [];
    const m = rusmarcToMarc21(volume, { onUnmapped: (f) => unmapped.push(f.tag) });
    expect(getDataFields(m, '773')).toEqual([
      dataField('773', '1', ' ', [
        ['t', 'Задачи и этюды'],
        ['g', 'Вып. 22'],
        ['w', 'RU\\NLR\\bibl\\5996'],
      ]),
    ]);
    const back = marc21ToRusmarc(m, { onUnmapped: (f) => unmapped.push(f.tag) });
    expect(getDataFields(back, '461')).toEqual(getDataFields(volume, '461'));
    expect(unmapped).toEqual([]);

    // An article in a host: RUSMARC 463 in the standard subfields, with the host's author; leader/07 "a"
    // (a component part) brings it back as 463.
    const article: MarcRecord = {
      leader: '00000naa0 2200000 i 450 ',
      fields: [
        dataField('200', '1', ' ', [['a', 'Манас и его сказители']]),
        dataField('463', ' ', '1', [
          ['t', 'Ала-Тоо'],
          ['v', '1995, № 3'],
          ['x', '0131-3622'],
        ]),
      ],
    };
    const m2 = rusmarcToMarc21(article);
    expect(getDataFields(m2, '773')).toEqual([
      dataField('773', '0', ' ', [
        ['t', 'Ала-Тоо'],
        ['g', '1995, № 3'],
        ['x', '0131-3622'],
      ]),
    ]);
    expect(getDataFields(marc21ToRusmarc(m2), '463')).toEqual([
      dataField('463', ' ', '1', [
        ['1', '2001 '],
        ['a', 'Ала-Тоо'],
        ['v', '1995, № 3'],
        ['1', '011  '],
        ['a', '0131-3622'],
      ]),
    ]);
  });

  it("writes the agency behind 001 as MARC 21 003 and back, where the catalogue reads each format's", () => {
    const rus: MarcRecord = {
      leader: '00000nam0 2200000 i 450 ',
      fields: [
        controlField('001', 'RU\\NLR\\bibl\\3424'),
        controlField('003', 'http://nlr.ru/bibl/3424'),
        dataField('200', '1', ' ', [['a', 'А']]),
        dataField('801', ' ', '0', [
          ['a', 'RU'],
          ['b', 'NLR'],
          ['c', '19980716'],
        ]),
        dataField('801', ' ', '1', [
          ['a', 'RU'],
          ['b', 'NLR'],
        ]),
      ],
    };
    const unmapped: string[] = [];
    const m = rusmarcToMarc21(rus, { onUnmapped: (f) => unmapped.push(f.tag) });
    expect(getControlValue(m, '003')).toBe('NLR');
    // RUSMARC 003 is a persistent identifier, not an agency: it is not passed off as one.
    expect(unmapped).toEqual(['003']);
    const back = marc21ToRusmarc(m);
    expect(getDataFields(back, '801')).toEqual(
      getDataFields(rus, '801').map((f) => ({ ...f, subfields: f.subfields.filter((x) => x.code !== 'c') })),
    );
    expect(rusmarcControlSource(back)).toBe('NLR');

    // Numbered by OCLC (003), catalogued by IEF (040 $a): 801 ind2 3 names the issuer, ind2 0 the cataloguer.
    const oclc: MarcRecord = {
      leader: '00000nam a2200000 a 4500',
      fields: [
        controlField('001', 'ocm12345'),
        controlField('003', 'OCoLC'),
        dataField('040', ' ', ' ', [
          ['a', 'IEF'],
          ['c', 'IEF'],
        ]),
        dataField('245', '1', '0', [['a', 'Pride and prejudice']]),
      ],
    };
    const r = marc21ToRusmarc(oclc);
    expect(getDataFields(r, '801').map((f) => `${f.ind2} ${getValue({ ...r, fields: [f] }, '801', 'b')}`)).toEqual([
      '0 IEF',
      '1 IEF',
      '3 OCoLC',
    ]);
    expect(rusmarcControlSource(r)).toBe('OCoLC');
    const again = rusmarcToMarc21(r);
    expect(getControlValue(again, '003')).toBe('OCoLC');
    expect(getDataFields(again, '040')).toEqual([
      dataField('040', ' ', ' ', [
        ['a', 'IEF'],
        ['b', 'rus'],
        ['c', 'IEF'],
      ]),
    ]);
    // No 001, no 003 to speak for; a record without 801 has no 003.
    expect(getControlValue(rusmarcToMarc21({ ...rus, fields: rus.fields.slice(1) }), '003')).toBeUndefined();
    expect(getControlValue(rusmarcToMarc21({ ...rus, fields: rus.fields.slice(0, 3) }), '003')).toBeUndefined();
  });

  it('does not change its input and reports what it cannot map', () => {
    const rus: MarcRecord = {
      leader: '00000nam  2200000 i 450 ',
      fields: [dataField('200', '1', ' ', [['a', 'А']]), dataField('999', ' ', ' ', [['a', 'x']])],
    };
    const before = cloneRecord(rus);
    const unmapped: string[] = [];
    rusmarcToMarc21(rus, { onUnmapped: (f) => unmapped.push(f.tag) });
    expect(rus).toEqual(before);
    expect(unmapped).toEqual(['999']);
  });
});

describe.skipIf(!HAVE_TESTDATA)(
  `crosswalk on real records (${HAVE_TESTDATA ? 'testdata found' : SKIP_TESTDATA})`,
  () => {
    const nlr = () => readIso2709All(readFileSync(`${MARC_DIR}rusmarc/nlr_test1_cp1251.iso`)) as MarcRecord[];
    const pride = () => readIso2709All(readFileSync(`${MARC_DIR}marc21/pride-and-prejudice-fixed.mrc`)) as MarcRecord[];

    it('NLR RUSMARC → MARC 21 → RUSMARC keeps every mapped field (81 records)', () => {
      let compared = 0;
      let links = 0;
      for (const r of nlr()) {
        const m = rusmarcToMarc21(r);
        expect(detectFormat([m]).format).toBe('marc21');
        const back = marc21ToRusmarc(m);
        expect(project(back, RUS_PAIRS)).toEqual(project(r, RUS_PAIRS));
        expect(project(back, ['700a', '700b'])).toEqual(project(r, ['700a', '700b']));
        // 701 and 702 both become MARC 21 700, which comes back as 701.
        expect(project(back, ['701a', '701b'])).toEqual(
          project(r, ['701a', '701b', '702a', '702b'])
            .map((v) => v.replace(/^702/, '701'))
            .sort((x, y) => (x.slice(3, 4) < y.slice(3, 4) ? -1 : 0)),
        );
        // The set a volume belongs to, through 773, and the agency behind 001, through 003.
        expect(getDataFields(back, '461')).toEqual(getDataFields(r, '461'));
        expect(rusmarcControlSource(back)).toBe(rusmarcControlSource(r));
        links += getDataFields(r, '461').length;
        compared += project(r, RUS_PAIRS).length;
      }
      expect(compared).toBeGreaterThan(500);
      expect(links).toBe(39);
    });

    it('MARC 21 → RUSMARC → MARC 21 keeps every mapped field (383 records of pride-and-prejudice)', () => {
      let compared = 0;
      for (const r of pride()) {
        const rus = marc21ToRusmarc(r);
        expect(detectFormat([rus]).format).toBe('rusmarc');
        const back = rusmarcToMarc21(rus);
        expect(project(back, M21_PAIRS)).toEqual(project(r, M21_PAIRS));
        // 008's language becomes an explicit 041 on the way back, so 041 may only gain values.
        expect(project(back, ['041a'])).toEqual(expect.arrayContaining(project(r, ['041a'])));
        expect(project(back, ['100a', '100d'])).toEqual(project(r, ['100a', '100d']));
        expect(project(back, ['040a', '040c', '773t', '773g', '773w'])).toEqual(
          project(r, ['040a', '040c', '773t', '773g', '773w']),
        );
        // 003 comes back where it speaks for a 001. (Without a 003, RUSMARC cannot say so beside the 801s
        // made from 040: the agency they name comes back as 003.)
        if (getControlValue(r, '003') || !getControlValue(r, '001')) {
          expect(getControlValue(back, '003')).toBe(getControlValue(r, '001') ? getControlValue(r, '003') : undefined);
        }
        compared += project(r, M21_PAIRS).length;
      }
      expect(compared).toBeGreaterThan(3000);
    });

    it.skipIf(!HAVE_XMLLINT)('the MARC 21 made from RUSMARC is valid MARCXML', () => {
      const dir = mkdtempSync(join(tmpdir(), 'kp-cw-'));
      try {
        const out = join(dir, 'nlr-marc21.xml');
        writeFileSync(out, toMarcXml(nlr().map((r) => rusmarcToMarc21(r))));
        execFileSync('xmllint', ['--nonet', '--noout', '--schema', `${XSD_DIR}MARC21slim.xsd`, out], {
          env: { ...process.env, XML_CATALOG_FILES: `${XSD_DIR}catalog.xml` },
          stdio: 'pipe',
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);

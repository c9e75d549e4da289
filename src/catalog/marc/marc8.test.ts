// MARC-8 decoding against converted references: pymarc's 1515 line pairs, yaz's MARCXML of two records,
// marc4j's MARCBreaker text, and the hand-written cases MARC-8's rules are about.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MarcParseError } from './errors';
import { readIso2709All } from './iso2709-reader';
import { decodeMarc8, eaccToUnicode } from './marc8';
import { readMarcXmlString } from './marcxml-reader';
import { getDataFields, isDataField, type MarcRecord } from './record';
import { HAVE_TESTDATA, MARC_DIR, SKIP_TESTDATA } from './test-support';

const m8 = (s: string) => decodeMarc8(Buffer.from(s, 'latin1'), 0, Buffer.byteLength(s, 'latin1')).normalize('NFC');

describe('MARC-8 decoder rules', () => {
  it('moves ANSEL diacritics after their base letter and composes', () => {
    expect(m8('\xe2ecole')).toBe('école');
    expect(m8('Dvo\xe9r\xe2ak')).toBe('Dvořák');
    expect(m8('\xe8u\xe2')).toBe('\u01d8');
  });

  it('keeps two marks on one letter in order and spans ligature halves as U+0361', () => {
    expect(m8('\xf2\xe3a')).toBe('\u1ead');
    expect(m8('\xebt\xecs')).toBe('t\u0361s');
  });

  it('reads the ANSEL special letters and the default G1', () => {
    expect(m8('\xa1\xb1\xa2\xb2\xc7\xc8')).toBe('ŁłØøß€');
  });

  it('switches G0 to basic and extended Cyrillic, and back', () => {
    expect(m8('\x1b(NbUJDA, \x1b(Q\x1b(N`RIJ.\x1b(B')).toBe('Буйда, Юрий.');
    expect(m8('\x1b(Qa\x1b(B')).toBe('Ђ');
    expect(m8('\x1b)QBelgrad \xe1\x1b(B')).toBe('Belgrad Ђ');
  });

  it('reads Greek, Hebrew, Arabic, subscripts and superscripts', () => {
    expect(m8('\x1b(SaBG\x1b(B')).toBe('\u03b1\u0392\u03da');
    expect(m8('\x1b(2`ab\x1b(B')).toBe('אבג');
    expect(m8('\x1b(3HGL\x1b(B')).toBe('\u0628\u0627\u062c');
    expect(m8('H\x1bb2\x1bsO')).toBe('H₂O');
    expect(m8('x\x1bp2\x1bs')).toBe('x²');
  });

  it('reads EACC ideographs and starts every subfield from the default sets', () => {
    expect(eaccToUnicode(0x213021)).toBe(0x4e00);
    expect(m8('\x1b$1!0!!0"\x1b(B')).toBe('一丁');
    expect(m8('\x1b(Nab\x1fcab')).toBe('АБ\x1fcab');
  });

  it('never throws on junk and marks unknown codes', () => {
    expect(m8('\x1b(Zab\x1b')).toBe('ab');
    expect(m8('\xff')).toBe('\ufffd');
  });
});

describe.skipIf(!HAVE_TESTDATA)(
  `MARC-8 against reference conversions (${HAVE_TESTDATA ? 'testdata found' : SKIP_TESTDATA})`,
  () => {
    it('converts pymarc_test_marc8.txt to pymarc_test_utf8.txt line by line (all 1515)', () => {
      const src = readFileSync(`${MARC_DIR}marc8/pymarc_test_marc8.txt`);
      const want = readFileSync(`${MARC_DIR}marc8/pymarc_test_utf8.txt`, 'utf8').split('\n');
      const failed: number[] = [];
      let start = 0;
      let line = 0;
      for (let i = 0; i <= src.length; i++) {
        if (i < src.length && src[i] !== 0x0a) continue;
        if (i === src.length && start === i) break;
        if (decodeMarc8(src, start, i).normalize('NFC') !== (want[line] ?? '').normalize('NFC')) failed.push(line + 1);
        line++;
        start = i + 1;
      }
      expect(line).toBe(1515);
      expect(failed).toEqual([]);
    });

    const viaYaz = (name: string) => {
      const ours = readIso2709All(readFileSync(`${MARC_DIR}marc8/${name}.mrc`), { encoding: 'marc-8' });
      const yaz = readMarcXmlString(readFileSync(`${MARC_DIR}marc8/${name}.expected.xml`, 'utf8'));
      expect(ours.some((r) => r instanceof MarcParseError)).toBe(false);
      // yaz sets leader/09 to 'a' when it converts to UTF-8; the fields are what is compared.
      expect((ours as MarcRecord[]).map((r) => r.fields)).toEqual((yaz as MarcRecord[]).map((r) => r.fields));
    };

    it('matches yaz on marc7 (Latin diacritics)', () => viaYaz('yaz_marc7_diacritics_marc8'));
    it('matches yaz on marc9 (Arabic)', () => viaYaz('yaz_marc9_arabic_marc8'));

    it('decodes cyrillic_capital_e_marc8.mrc 880 $a as "Буйда, Юрий."', () => {
      const [r] = readIso2709All(readFileSync(`${MARC_DIR}marc8/cyrillic_capital_e_marc8.mrc`)) as MarcRecord[];
      const names = getDataFields(r!, '880').flatMap((f) =>
        f.subfields.filter((s) => s.code === 'a').map((s) => s.value),
      );
      expect(names).toContain('Буйда, Юрий.');
    });

    it('agrees with brkrtest_marc8.expected.mrk on structure and on every plain-ASCII value', () => {
      const recs = readIso2709All(readFileSync(`${MARC_DIR}marc8/brkrtest_marc8.mrc`)) as MarcRecord[];
      const mrk = readFileSync(`${MARC_DIR}marc8/brkrtest_marc8.expected.mrk`, 'latin1')
        .split(/\r?\n\r?\n/)
        .filter((b) => b.trim());
      expect(recs).toHaveLength(mrk.length);
      let compared = 0;
      mrk.forEach((block, i) => {
        const lines = block.split(/\r?\n/).filter((l) => l.startsWith('=') && !l.startsWith('=LDR'));
        const rec = recs[i]!;
        expect(rec.fields.map((f) => f.tag)).toEqual(lines.map((l) => l.slice(1, 4)));
        lines.forEach((l, k) => {
          const f = rec.fields[k]!;
          const body = l.slice(6);
          if (!isDataField(f)) return;
          expect(f.ind1 + f.ind2).toBe(body.slice(0, 2).replace(/\\/g, ' '));
          const subs = body.slice(3).split('$');
          expect(f.subfields.map((s) => s.code)).toEqual(subs.map((s) => s.charAt(0)));
          subs.forEach((s, j) => {
            if (/[{\\]/.test(s)) return; // mnemonics and blanks are MARCBreaker notation
            expect(f.subfields[j]!.value).toBe(s.slice(1));
            compared++;
          });
        });
      });
      expect(compared).toBeGreaterThan(100);
    });
  },
);

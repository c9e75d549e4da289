/** The MARC text editor's format: every real record survives the round trip; mistakes are named by line. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MARC_INDICATOR, MARC_LEADER, secondControlNumber, ZMarcRecord } from './catalog.schemas';
import { inTagOrder, linesToMarc, marcToLines } from './marc-lines';
import { controlField, dataField, MarcParseError, readIso2709All, type MarcRecord } from './marc';
import { FILES, HAVE_TESTDATA, MARC_DIR, SKIP_TESTDATA } from './marc/test-support';

const jamila: MarcRecord = {
  leader: '00000nam  2200000   450 ',
  fields: [
    controlField('001', 'KG-1'),
    controlField('008', '880101s1988    ky            000 1 rus  '),
    dataField('200', '1', ' ', [['a', 'Джамиля'], ['e', 'повесть'], ['f', 'Чингиз Айтматов']]),
    dataField('010', ' ', ' ', [['a', '5-655-00001-X'], ['d', '1 $ 20 сом ']]),
  ],
};

describe('MARC as lines of text', () => {
  it('writes the record as cataloguers read it and reads it back unchanged', () => {
    const text = marcToLines(jamila);
    expect(text.split('\n')).toEqual([
      'LDR 00000nam  2200000   450 ',
      '001 KG-1',
      '008 880101s1988    ky            000 1 rus  ',
      '200 1# $aДжамиля$eповесть$fЧингиз Айтматов',
      '010 ## $a5-655-00001-X$d1 {dollar} 20 сом ',
      '',
    ]);
    expect(linesToMarc(text)).toEqual({ marc: jamila, fieldLines: [2, 3, 4, 5], problems: [] });
    // Typed by hand: Windows line ends, blank indicators as spaces, empty lines between fields.
    const typed = 'LDR 00000nam  2200000   450\r\n\r\n200 1  $aДжамиля\r\n';
    expect(linesToMarc(typed).marc).toEqual({ leader: '00000nam  2200000   450 ', fields: [dataField('200', '1', ' ', [['a', 'Джамиля']])] });
  });

  it('puts the fields in tag order for saving, keeping the order of repeated ones', () => {
    const added = { ...jamila, fields: [...jamila.fields, dataField('700', ' ', '1', [['a', 'Айтматов']]), dataField('300', ' ', ' ', [['a', 'Первая']]), dataField('300', ' ', ' ', [['a', 'Вторая']])] };
    expect(inTagOrder(added).fields.map((f) => f.tag)).toEqual(['001', '008', '010', '200', '300', '300', '700']);
    expect(inTagOrder(added).fields.filter((f) => f.tag === '300')).toEqual([added.fields[5], added.fields[6]]);
  });

  it('names every mistake with its line', () => {
    const text = ['LDR 00000nam  2200000   450 ', '20 1# $aбез метки', '200 1#$aбез пробела', '700 #1 Айтматов', '700 #1 $aАйтматов$', '2001# $aслитно'].join('\n');
    expect(linesToMarc(text)).toEqual({
      marc: null,
      problems: [
        { line: 2, code: 'tag' },
        { line: 3, code: 'indicators' },
        { line: 4, code: 'no_subfields' },
        { line: 5, code: 'subfield_code' },
        { line: 6, code: 'separator' },
      ],
    });
    expect(linesToMarc('200 1# $aЗаглавие').problems).toEqual([{ line: 0, code: 'leader_missing' }]);
    expect(linesToMarc('LDR 00000nam  2200000   450 XYZ\n200 1# $aЗаглавие').problems).toEqual([{ line: 1, code: 'leader_length' }]);
    expect(linesToMarc('LDR 00000nam  2200000   450 ').problems).toEqual([{ line: 0, code: 'no_fields' }]);
    expect(linesToMarc('LDR 00000nam  2200000   450 \n200 1# $aЗаглавие\x1eещё').problems).toEqual([{ line: 2, code: 'terminator' }]);
  });

  it('refuses a leader typed over, indicators outside the allowed set and a second 001, naming the line', () => {
    const record = (...lines: string[]) => linesToMarc(['LDR 00000nam  2200000   450 ', ...lines].join('\n'));
    expect(linesToMarc('LDR garbage\n200 1# $aЗаглавие').problems).toEqual([{ line: 1, code: 'leader_invalid' }]);
    // A leader shifted by a missing character: its counts and entry map are out of place.
    expect(linesToMarc('LDR 0000nam  2200000   450 \n200 1# $aЗаглавие').problems).toEqual([{ line: 1, code: 'leader_invalid' }]);
    expect(record('200 ЖЖ $aЗаглавие', '700 #A $aАйтматов', '701 -1 $aАйтматов').problems).toEqual([
      { line: 2, code: 'indicator_value' },
      { line: 3, code: 'indicator_value' },
      { line: 4, code: 'indicator_value' },
    ]);
    expect(record('001 KG-1', '200 1# $aЗаглавие', '001 KG-2').problems).toEqual([{ line: 4, code: 'control_number_repeated' }]);
    // What may be written: digits, lowercase letters, blanks as # or a space; a MARC 21 leader; a record
    // not written yet with blanks for its length and base address.
    expect(record('200 1a $aЗаглавие', '700  1 $aАйтматов').marc).not.toBeNull();
    expect(linesToMarc('LDR      nam a22      a 4500\n245 10 $aTitle').marc?.leader).toBe('     nam a22      a 4500');
  });

  it('refuses the same mistakes when the record comes to the API (ZMarcRecord)', () => {
    const fields = [dataField('200', '1', ' ', [['a', 'Заглавие']])];
    const issues = (marc: MarcRecord) => (ZMarcRecord.safeParse(marc).error?.issues ?? []).map((i) => i.path.join('.'));
    expect(issues({ leader: '00000nam  2200000   450 ', fields })).toEqual([]);
    expect(issues({ leader: 'garbage'.padEnd(24, ' '), fields })).toEqual(['leader']);
    expect(issues({ leader: '00000nam  2200000   450 ', fields: [dataField('200', 'Ж', '#', [['a', 'x']])] })).toEqual(['fields.0.ind1', 'fields.0.ind2']);
    expect(issues({ leader: '00000nam  2200000   450 ', fields: [controlField('001', 'a'), ...fields, controlField('001', 'b')] })).toEqual(['fields.2.tag']);
  });

  it.skipIf(!HAVE_TESTDATA)(`keeps every record of the real test files as it was (${HAVE_TESTDATA ? 'all files' : SKIP_TESTDATA})`, () => {
    let records = 0;
    for (const file of FILES) {
      for (const record of readIso2709All(readFileSync(`${MARC_DIR}${file.path}`), { encoding: file.encoding })) {
        if (record instanceof MarcParseError) continue;
        // Values with a terminator, the empty subfield code of a damaged record and fields without
        // indicators outside 00X (a file with indicator count 0) cannot be typed; the record check
        // (ZMarcRecord) refuses all three in any editor.
        // eslint-disable-next-line no-control-regex -- the ISO 2709 terminators are what is looked for
        if (JSON.stringify(record).match(/[\x1d\x1e\x1f]/)) continue;
        if (record.fields.some((f) => ('subfields' in f ? f.subfields.some((sf) => sf.code.length !== 1) : !f.tag.startsWith('00')))) continue;
        // Nor can a leader or indicators the record check refuses, or a second 001: the lines name them.
        if (!MARC_LEADER.test(record.leader) || secondControlNumber(record.fields) >= 0) continue;
        if (record.fields.some((f) => 'subfields' in f && !(MARC_INDICATOR.test(f.ind1) && MARC_INDICATOR.test(f.ind2)))) continue;
        expect(linesToMarc(marcToLines(record)).marc, `${file.path} record ${records}`).toEqual(record);
        records++;
      }
    }
    expect(records).toBeGreaterThan(100);
  });
});

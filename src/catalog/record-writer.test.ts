/** The cataloguing form written into MARC: round trips in both formats, untouched areas stay byte-for-byte. */
import { describe, expect, it } from 'vitest';
import { getDataFields, getSubfield, getValue, type MarcRecord } from './marc/record';
import { ZRecordInput, type TRecordInput } from './catalog.schemas';
import { extractRecordFields } from './record-fields';
import { jamilyaMarc21, jamilyaRusmarc } from './catalog.test-records';
import { recordToForm, writeFormToMarc } from './record-writer';

const form: TRecordInput = ZRecordInput.parse({
  title: 'Белый пароход',
  otherTitle: 'после сказки',
  responsibility: 'Чингиз Айтматов',
  authors: ['Айтматов, Ч.', 'Мамытбеков Жолдош'],
  place: 'Фрунзе',
  publisher: 'Мектеп',
  year: 1970,
  extent: '144 с. : ил. ; 21 см',
  series: 'Библиотека школьника ; 3',
  isbns: ['978-5-389-07435-4'],
  language: 'rus',
  subjects: ['Кыргызская литература -- Повести', 'Иссык-Куль'],
  bbk: ['84(2Ки)6'],
  udc: ['821.512.154'],
  summary: 'Повесть о мальчике и Рогатой матери-оленихе.',
  ageLabel: '12+',
  materialType: 'book',
});

const tags = (r: MarcRecord) => r.fields.map((f) => f.tag);

describe('writeFormToMarc', () => {
  it('builds a new RUSMARC record that reads back as the form', () => {
    const marc = writeFormToMarc(form, 'rusmarc', null, { controlNumber: 'abc', now: new Date('2026-03-01T00:00:00Z') });
    expect(tags(marc)).toEqual(['001', '010', '100', '101', '200', '210', '215', '225', '330', '333', '606', '606', '675', '686', '700', '701']);
    expect(marc.leader.slice(6, 8)).toBe('am');
    expect(getValue(marc, '100', 'a')).toBe('20260301d1970    u  y0rusy50      ca');
    const [second] = getDataFields(marc, '701');
    expect(second && [getSubfield(second, 'a'), getSubfield(second, 'b'), getSubfield(second, 'g')]).toEqual(['Мамытбеков', 'Ж.', 'Жолдош']);
    expect(getDataFields(marc, '686')[0]?.subfields).toEqual([{ code: 'a', value: '84(2Ки)6' }, { code: '2', value: 'rubbk' }]);
    expect(recordToForm(extractRecordFields(marc, 'rusmarc'))).toEqual({ ...form, authors: ['Айтматов, Ч.', 'Мамытбеков, Ж.'] });
  });

  it('builds a new MARC 21 record with ISBD punctuation that reads back as the form', () => {
    const marc = writeFormToMarc({ ...form, materialType: 'e-resource', language: 'kir' }, 'marc21', null, { now: new Date('2026-03-01T00:00:00Z') });
    expect(tags(marc)).toEqual(['008', '020', '080', '084', '100', '245', '264', '300', '490', '520', '521', '650', '650', '700']);
    expect(marc.leader.slice(6, 8)).toBe('mm');
    expect(getDataFields(marc, '245')[0]?.subfields.map((s) => s.value)).toEqual(['Белый пароход :', 'после сказки /', 'Чингиз Айтматов.']);
    expect(getDataFields(marc, '264')[0]?.subfields.map((s) => s.value)).toEqual(['Фрунзе :', 'Мектеп,', '1970.']);
    const fixed = marc.fields[0] as { value: string };
    expect(fixed.value).toHaveLength(40);
    expect(fixed.value.slice(35, 38)).toBe('kir');
    const back = recordToForm(extractRecordFields(marc, 'marc21'));
    expect(back).toEqual({ ...form, materialType: 'e-resource', language: 'kir', authors: ['Айтматов, Ч.', 'Мамытбеков, Ж.'] });
  });

  it('leaves an imported record exactly as it was when the form is saved unchanged', () => {
    for (const [record, format] of [[jamilyaRusmarc, 'rusmarc'], [jamilyaMarc21, 'marc21']] as const) {
      const unchanged = recordToForm(extractRecordFields(record, format));
      expect(writeFormToMarc(unchanged, format, record)).toEqual(record);
    }
  });

  it('rewrites only the areas that changed, keeping what the form does not show', () => {
    const current = recordToForm(extractRecordFields(jamilyaRusmarc, 'rusmarc'));
    const edited = writeFormToMarc({ ...current, year: 1990, subjects: ['Кыргызская литература -- Повести', 'любовь', 'Талас'] }, 'rusmarc', jamilyaRusmarc);
    const fields = extractRecordFields(edited, 'rusmarc');
    expect(fields.year).toBe(1990);
    expect(fields.subjects).toEqual(['Кыргызская литература -- Повести', 'любовь', 'Талас']);
    // 010 $d (price) and the non-ББК 686 survive; 607 and the two-term 610 went, the kept term and Талас became 606.
    expect(getDataFields(edited, '010')[0]?.subfields).toHaveLength(2);
    expect(getDataFields(edited, '686')).toHaveLength(2);
    expect(getDataFields(edited, '607')).toHaveLength(0);
    expect(getDataFields(edited, '200')).toEqual(getDataFields(jamilyaRusmarc, '200'));
  });

  it('writes a changed year into the coded data too (RUSMARC 100 $a, MARC 21 008), the rest of it as it was', () => {
    const rusmarc = writeFormToMarc({ ...recordToForm(extractRecordFields(jamilyaRusmarc, 'rusmarc')), year: 2024 }, 'rusmarc', jamilyaRusmarc);
    expect(getDataFields(rusmarc, '100')[0]?.subfields[0]?.value).toBe('19990101d2024    u  y0rusy50      ca');
    const marc21 = writeFormToMarc({ ...recordToForm(extractRecordFields(jamilyaMarc21, 'marc21')), year: 2024 }, 'marc21', jamilyaMarc21);
    expect(marc21.fields.find((f) => f.tag === '008')).toEqual({ tag: '008', value: '880101s2024    ki a          000 1 rus d' });
  });

  it('edits authors: keeps the fields of names that stay, drops removed corporate bodies', () => {
    const current = recordToForm(extractRecordFields(jamilyaRusmarc, 'rusmarc'));
    expect(current.authors).toEqual(['Айтматов, Ч. Т.', 'Дмитриева, А.', 'Союз писателей Киргизии']);
    const edited = writeFormToMarc({ ...current, authors: ['Дмитриева, А.', 'Айтматов, Ч. Т.', 'Абдыкадыров Турар'] }, 'rusmarc', jamilyaRusmarc);
    expect(tags(edited).filter((t) => t.startsWith('7'))).toEqual(['700', '701', '701']);
    expect(getValue(edited, '700', '4')).toBe('730');
    expect(getValue(edited, '701', 'g')).toBe('Чингиз Торекулович');
    expect(extractRecordFields(edited, 'rusmarc').authors).toEqual(['Дмитриева, А.', 'Айтматов, Ч. Т.', 'Абдыкадыров, Т.']);
  });
});

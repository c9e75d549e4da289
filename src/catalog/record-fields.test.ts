/** Reading the normalised fields from hand-made RUSMARC and MARC 21 records, and the ГОСТ description. */
import { describe, expect, it } from 'vitest';
import { controlField, dataField, type MarcRecord } from './marc/record';
import { jamilyaMarc21, jamilyaRusmarc } from './catalog.test-records';
import { renderGostDescription } from './gost-description';
import { extractRecordFields } from './record-fields';
import { initialsOf, parseAgeLabel, parseYear, trimIsbd } from './marc-text';

describe('extractRecordFields', () => {
  it('reads a RUSMARC record', () => {
    const f = extractRecordFields(jamilyaRusmarc, 'rusmarc');
    expect(f).toEqual({
      controlNumber: 'RU\\NLR\\bibl\\123',
      controlSource: 'NLR',
      title: 'Джамиля',
      otherTitle: 'повесть',
      responsibility: 'Чингиз Айтматов ; пер. с кирг. А. Дмитриевой',
      authors: ['Айтматов, Ч. Т.', 'Дмитриева, А.'],
      corporateAuthors: ['Союз писателей Киргизии'],
      fullNames: ['Айтматов, Чингиз Торекулович'],
      edition: '',
      place: 'Бишкек',
      publisher: 'Кыргызстан',
      year: 1988,
      extent: '96 с. : ил. ; 20 см',
      series: 'Школьная библиотека ; 12',
      isbns: ['5-655-00012-3'],
      issn: '',
      language: 'rus',
      subjects: ['Кыргызская литература -- Повести', 'Кыргызстан', 'любовь', 'война'],
      bbk: ['84(2Ки)6'],
      udc: ['821.512.154-31'],
      notes: 'На обл. загл.: Жамийла',
      summary: 'Повесть о любви.',
      materialType: 'book',
      ageLabel: '12+',
    });
  });

  it('reads a MARC 21 record, stripping ISBD punctuation', () => {
    const f = extractRecordFields(jamilyaMarc21, 'marc21');
    expect(f).toMatchObject({
      controlNumber: 'ocm12345',
      controlSource: 'OCoLC',
      title: 'Джамиля',
      otherTitle: 'повесть',
      responsibility: 'Чингиз Айтматов',
      authors: ['Айтматов, Ч.', 'Дмитриева, А.'],
      fullNames: ['Айтматов, Чингиз', 'Дмитриева, А.'],
      edition: '2-е изд.',
      place: 'Бишкек',
      publisher: 'Кыргызстан',
      year: 1988,
      extent: '96 с. : ил. ; 20 см.',
      series: 'Школьная библиотека ; 12',
      isbns: ['5655000123'],
      language: 'rus',
      subjects: ['Кыргызская литература -- Повести', 'любовь'],
      bbk: ['84(2Ки)6'],
      udc: ['821.512.154-31'],
      notes: 'Пер. с кирг.',
      materialType: 'book',
      ageLabel: '16+',
    });
  });

  it('falls back to 260, 008 year and 041 language, and reads material types from the leader', () => {
    const record: MarcRecord = {
      leader: '00000cas a2200000 a 4500',
      fields: [
        controlField('008', '990101c19959999ru    |||||||||||||||  |   |'),
        dataField('022', ' ', ' ', [['a', '0131-6095']]),
        dataField('041', '0', ' ', [['a', 'kir']]),
        dataField('245', '0', '0', [['a', 'Ала-Тоо.']]),
        dataField('260', ' ', ' ', [['a', 'Фрунзе :'], ['b', 'Кыргызстан']]),
      ],
    };
    const f = extractRecordFields(record, 'marc21');
    expect(f).toMatchObject({ title: 'Ала-Тоо', year: 1995, language: 'kir', issn: '0131-6095', materialType: 'periodical', place: 'Фрунзе' });
    expect(f.authors).toEqual([]);
    const leader = (type: string) => `00000n${type}  2200000   450 `;
    const typeOf = (l: string, format: 'rusmarc' | 'marc21') => extractRecordFields({ leader: l, fields: [] }, format).materialType;
    expect(typeOf(leader('lm'), 'rusmarc')).toBe('e-resource');
    expect(typeOf(leader('mm'), 'marc21')).toBe('e-resource');
    expect(typeOf(leader('jm'), 'rusmarc')).toBe('audio');
    expect(typeOf(leader('gm'), 'marc21')).toBe('video');
    expect(typeOf(leader('em'), 'rusmarc')).toBe('map');
    expect(typeOf(leader('km'), 'rusmarc')).toBe('other');
    expect(typeOf(leader('as'), 'rusmarc')).toBe('periodical');
  });

  it('titles a volume after its set (461) and writes a size given alone without a leading ";"', () => {
    // As the National Library of Russia writes a volume: 200 $a "Вып. 13.", the set in 461's embedded 200.
    const volume: MarcRecord = {
      leader: '00000nam0 2200000   450 ',
      fields: [
        controlField('001', 'RU\\NLR\\bibl\\3415'),
        dataField('200', '0', ' ', [['a', 'Вып. 13.']]),
        dataField('210', ' ', ' ', [['d', '1997']]),
        dataField('215', ' ', ' ', [['d', '20 см']]),
        dataField('461', ' ', '0', [['1', '001RU\\NLR\\bibl\\5996'], ['1', '2001 '], ['a', 'Задачи и этюды'], ['v', 'Вып. 13']]),
      ],
    };
    const f = extractRecordFields(volume, 'rusmarc');
    expect(f.title).toBe('Задачи и этюды. Вып. 13');
    expect(f.extent).toBe('20 см');
    expect(renderGostDescription(f)).toBe('Задачи и этюды. Вып. 13. – [Б. м. : б. и.], 1997. – 20 см.');
    // The set named in $t (standard subfields), and a title that already starts with it, are written once.
    const standard = { ...volume, fields: [...volume.fields.slice(0, 4), dataField('461', ' ', '0', [['t', 'Задачи и этюды']])] };
    expect(extractRecordFields(standard, 'rusmarc').title).toBe('Задачи и этюды. Вып. 13');
    const whole = { ...volume, fields: [dataField('200', '0', ' ', [['a', 'Задачи и этюды'], ['h', 'Вып. 13']]), volume.fields[4]!] };
    expect(extractRecordFields(whole, 'rusmarc').title).toBe('Задачи и этюды. Вып. 13');
  });

  it('takes the agency behind a RUSMARC 001 from 801 $b: the issuing agency, else the original cataloguer, else the first', () => {
    const agency = (ind2: string, b: string) => dataField('801', ' ', ind2, [['a', 'RU'], ['b', b]]);
    const source = (...fields: MarcRecord['fields']) =>
      extractRecordFields({ leader: '00000nam0 2200000 i 450 ', fields: [controlField('001', '1'), ...fields] }, 'rusmarc').controlSource;
    // ind2 3 is where a record converted from MARC 21 keeps 003 (OCLC numbered it, IEF catalogued it).
    expect(source(agency('0', 'IEF'), agency('1', 'IEF'), agency('3', 'OCoLC'))).toBe('OCoLC');
    expect(source(agency('1', 'KEMIN'), agency('0', 'NLR'))).toBe('NLR');
    expect(source(agency('2', 'KEMIN'), agency('1', 'NLR'))).toBe('KEMIN');
    expect(source()).toBeNull();
  });

  it('takes the year from RUSMARC 100 when 210 has none', () => {
    const record: MarcRecord = {
      leader: '00000nam  2200000   450 ',
      fields: [dataField('100', ' ', ' ', [['a', '20200101d2019    u  y0rusy50      ca']]), dataField('200', '1', ' ', [['a', 'Без выходных данных']])],
    };
    expect(extractRecordFields(record, 'rusmarc')).toMatchObject({ year: 2019, title: 'Без выходных данных', place: '' });
  });
});

describe('text rules', () => {
  it('trims ISBD punctuation but keeps abbreviations', () => {
    expect(trimIsbd('Джамиля :')).toBe('Джамиля');
    expect(trimIsbd('1988.')).toBe('1988');
    expect(trimIsbd('96 с.')).toBe('96 с.');
    expect(trimIsbd('Айтматов, Ч.')).toBe('Айтматов, Ч.');
    expect(trimIsbd('Чингиз Айтматов.')).toBe('Чингиз Айтматов');
    expect(trimIsbd('[и др.] /')).toBe('[и др.]');
  });

  it('makes initials, years and age labels', () => {
    expect(initialsOf('Чингиз Торекулович')).toBe('Ч. Т.');
    expect(initialsOf('Ч.Т.')).toBe('Ч. Т.');
    expect(initialsOf('Жан-Поль')).toBe('Ж.-П.');
    expect(parseYear('[1988]')).toBe(1988);
    expect(parseYear('c2005, cop. 2004')).toBe(2005);
    expect(parseYear('б. г.')).toBeNull();
    expect(parseAgeLabel('16+')).toBe('16+');
    expect(parseAgeLabel('0 +')).toBe('0+');
    expect(parseAgeLabel('для 100+ читателей')).toBeNull();
  });
});

describe('renderGostDescription', () => {
  it('renders the example from the brief', () => {
    const f = extractRecordFields(jamilyaRusmarc, 'rusmarc');
    const simple = { ...f, authors: ['Айтматов, Ч.'], responsibility: 'Чингиз Айтматов', extent: '96 с.', series: '' };
    expect(renderGostDescription(simple)).toBe(
      'Айтматов, Ч. Джамиля : повесть / Чингиз Айтматов. – Бишкек : Кыргызстан, 1988. – 96 с. – ISBN 5-655-00012-3.',
    );
  });

  it('renders edition, series and ISSN; no heading with four or more authors; no doubled periods', () => {
    const f = extractRecordFields(jamilyaMarc21, 'marc21');
    expect(renderGostDescription(f)).toBe(
      'Айтматов, Ч. Джамиля : повесть / Чингиз Айтматов. – 2-е изд. – Бишкек : Кыргызстан, 1988. – 96 с. : ил. ; 20 см. – (Школьная библиотека ; 12). – ISBN 5655000123.',
    );
    const many = { ...f, authors: ['А, А.', 'Б, Б.', 'В, В.', 'Г, Г.'], edition: '', place: '', publisher: '', year: 2001, extent: '', series: '', isbns: [], issn: '1234-5678' };
    expect(renderGostDescription(many)).toBe('Джамиля : повесть / Чингиз Айтматов. – [Б. м. : б. и.], 2001. – ISSN 1234-5678.');
  });

  it('says "[Б. м.]" for no place and "[б. и.]" for no publisher when the record has a year, as ГОСТ Р 7.0.100-2018 does', () => {
    const f = { ...extractRecordFields(jamilyaRusmarc, 'rusmarc'), authors: [], responsibility: '', otherTitle: '', extent: '', series: '', isbns: [] };
    const area = (place: string, publisher: string, year: number | null) => renderGostDescription({ ...f, place, publisher, year });
    expect(area('', 'Илим', 2001)).toBe('Джамиля. – [Б. м.] : Илим, 2001.');
    expect(area('Москва', '', 1985)).toBe('Джамиля. – Москва : [б. и.], 1985.');
    expect(area('', '', 1997)).toBe('Джамиля. – [Б. м. : б. и.], 1997.');
    expect(area('Бишкек', 'Кыргызстан', 1988)).toBe('Джамиля. – Бишкек : Кыргызстан, 1988.');
    // Without a year the area holds what there is, unmarked.
    expect(area('Бишкек', '', null)).toBe('Джамиля. – Бишкек.');
    expect(area('', '', null)).toBe('Джамиля.');
  });
});

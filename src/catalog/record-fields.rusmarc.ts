/** Reading the normalised fields from a RUSMARC record (the UNIMARC family, Russia's national format). */
import { getControlValue, getDataFields, getSubfield, getSubfields, type MarcDataField, type MarcRecord } from './marc/record';
import { rusmarcControlSource } from './marc/unicode-marks';
import { normalizeIssn } from './isbn';
import {
  isbnAsWritten,
  joinHeading,
  materialTypeFromLeader,
  parseAgeLabel,
  parseYear,
  physicalDescription,
  personName,
  trimIsbd,
  uniqueNonEmpty,
  firstSubfieldValue as first,
} from './marc-text';
import type { RecordFields } from './record-fields';


/** 700/701/702 $a surname, $b initials, $g full forenames. */
export function rusmarcPerson(field: MarcDataField): string {
  const surname = getSubfield(field, 'a') ?? '';
  const initials = getSubfield(field, 'b');
  return personName(surname, initials ?? getSubfield(field, 'g') ?? '');
}

/** 700-702 with the full forenames of $g ("Маралов, Владимир Иванович"); '' when the record has only initials. */
export function rusmarcFullName(field: MarcDataField): string {
  const forenames = trimIsbd(getSubfield(field, 'g') ?? '');
  return forenames ? `${trimIsbd(getSubfield(field, 'a') ?? '')}, ${forenames}` : '';
}

/** 710-712 $a name and $b subdivisions: "Национальная библиотека. Отдел редких книг". */
export function rusmarcCorporate(field: MarcDataField): string {
  return getSubfields(field, 'a', 'b').map(trimIsbd).filter(Boolean).join('. ');
}

/**
 * The common title of the set a volume belongs to (461): the $a of the embedded 200 ($1 200…, as ИРБИС
 * and national libraries write it), or $t in the standard subfield technique; '' when none.
 */
function setTitleOf(record: MarcRecord): string {
  const field = getDataFields(record, '461')[0];
  if (!field) return '';
  let embedded = '';
  for (const { code, value } of field.subfields) {
    if (code === '1') embedded = value.slice(0, 3);
    else if (code === 'a' && embedded === '200' && trimIsbd(value)) return trimIsbd(value);
  }
  return trimIsbd(getSubfield(field, 't') ?? '');
}

/**
 * 200 $a title proper ($h/$i the part), $e other title, $f/$g responsibility. A volume of a set is
 * titled after the set first, as ГОСТ describes it: "Задачи и этюды. Вып. 13", not "Вып. 13" alone.
 */
function titleOf(record: MarcRecord) {
  const field = getDataFields(record, '200')[0];
  if (!field) return { title: '', otherTitle: '', responsibility: '' };
  const titles = getSubfields(field, 'a').map(trimIsbd).filter(Boolean);
  const parts = getSubfields(field, 'h', 'i').map(trimIsbd).filter(Boolean);
  const own = [titles.join(' ; '), ...parts].filter(Boolean).join('. ');
  const set = setTitleOf(record);
  const title = set && own && !own.toLowerCase().startsWith(set.toLowerCase()) ? `${set}. ${own}` : own || set;
  const otherTitle = getSubfields(field, 'e').map(trimIsbd).filter(Boolean).join(' : ');
  const first = getSubfields(field, 'f').map(trimIsbd).filter(Boolean);
  const subsequent = getSubfields(field, 'g').map(trimIsbd).filter(Boolean);
  return { title, otherTitle, responsibility: [...first, ...subsequent].join(' ; ') };
}

/** 210 (or 214 in recent RUSMARC): $a place, $c publisher, $d date. */
function publicationOf(record: MarcRecord) {
  const tag = getDataFields(record, '210').length ? '210' : '214';
  // 100 $a/9-12 (date 1 of the coded data) when the publication statement has no year.
  const coded = getDataFields(record, '100')[0];
  const codedYear = coded ? (getSubfield(coded, 'a') ?? '').slice(9, 13) : '';
  const year = parseYear(first(record, tag, 'd')) ?? parseYear(codedYear);
  return { place: first(record, tag, 'a'), publisher: first(record, tag, 'c'), year };
}

/** 215 $a extent, $c other physical details, $d dimensions → "96 с. : ил. ; 20 см". */
function extentOf(record: MarcRecord): string {
  const field = getDataFields(record, '215')[0];
  if (!field) return '';
  return physicalDescription(getSubfields(field, 'a'), getSubfield(field, 'c'), getSubfield(field, 'd'));
}

function seriesOf(record: MarcRecord): string {
  const field = getDataFields(record, '225')[0];
  if (!field) return '';
  const name = trimIsbd(getSubfield(field, 'a') ?? '');
  const number = trimIsbd(getSubfield(field, 'v') ?? '');
  return name && number ? `${name} ; ${number}` : name;
}

export function extractRusmarcFields(record: MarcRecord): RecordFields {
  const persons = getDataFields(record, '700', '701', '702').map(rusmarcPerson);
  const corporate = getDataFields(record, '710', '711', '712').map(rusmarcCorporate);
  const subjects = [
    ...getDataFields(record, '606', '607').map((f) => joinHeading(getSubfields(f, 'a', 'x', 'y', 'z'))),
    ...getDataFields(record, '610').flatMap((f) => getSubfields(f, 'a').map(trimIsbd)),
  ];
  const bbk = getDataFields(record, '686')
    .filter((f) => (getSubfield(f, '2') ?? '').toLowerCase().startsWith('rubbk'))
    .flatMap((f) => getSubfields(f, 'a'));
  const notes = getDataFields(record, '300').flatMap((f) => getSubfields(f, 'a').map((v) => v.trim()));
  const summary = getDataFields(record, '330').flatMap((f) => getSubfields(f, 'a').map((v) => v.trim()));
  const language = first(record, '101', 'a').toLowerCase();
  return {
    controlNumber: getControlValue(record, '001')?.trim() || null,
    // The agency behind 001 (801 $b): the crosswalk writes it as MARC 21 003 and back, so an export in
    // either schema is matched to the same records when imported again.
    controlSource: rusmarcControlSource(record),
    ...titleOf(record),
    authors: uniqueNonEmpty(persons),
    corporateAuthors: uniqueNonEmpty(corporate),
    fullNames: uniqueNonEmpty(getDataFields(record, '700', '701', '702').map(rusmarcFullName)),
    edition: first(record, '205', 'a'),
    ...publicationOf(record),
    extent: extentOf(record),
    series: seriesOf(record),
    isbns: uniqueNonEmpty(getDataFields(record, '010').flatMap((f) => getSubfields(f, 'a').map((v) => isbnAsWritten(v) ?? ''))),
    issn: normalizeIssn(first(record, '011', 'a')),
    language: /^[a-z]{3}$/.test(language) ? language : '',
    subjects: uniqueNonEmpty(subjects),
    bbk: uniqueNonEmpty(bbk),
    udc: uniqueNonEmpty(getDataFields(record, '675').flatMap((f) => getSubfields(f, 'a'))),
    notes: notes.filter(Boolean).join(' '),
    summary: summary.filter(Boolean).join('\n'),
    materialType: materialTypeFromLeader(record.leader, 'rusmarc'),
    ageLabel: parseAgeLabel(first(record, '333', 'a')),
  };
}

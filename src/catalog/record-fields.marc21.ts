/** Reading the normalised fields from a MARC 21 bibliographic record. */
import { getControlValue, getDataFields, getSubfield, getSubfields, type MarcDataField, type MarcRecord } from './marc/record';
import { normalizeIssn } from './isbn';
import {
  initialsOf,
  isbnAsWritten,
  joinHeading,
  materialTypeFromLeader,
  parseAgeLabel,
  parseYear,
  physicalDescription,
  trimIsbd,
  uniqueNonEmpty,
  firstSubfieldValue as first,
} from './marc-text';
import type { RecordFields } from './record-fields';


/** 100/700 $a "Айтматов, Чингиз," → "Айтматов, Ч."; a forename-only name (ind1 0) stays whole. */
export function marcPerson(field: MarcDataField): string {
  const name = trimIsbd(getSubfield(field, 'a') ?? '');
  const comma = name.indexOf(',');
  if (field.ind1 === '0' || comma < 0) return name;
  const surname = name.slice(0, comma).trim();
  const rest = name.slice(comma + 1).trim();
  return rest ? `${surname}, ${initialsOf(rest)}` : surname;
}

export function marcCorporate(field: MarcDataField): string {
  return getSubfields(field, 'a', 'b').map(trimIsbd).filter(Boolean).join('. ');
}

/** 245 $a $n $p title, $b other title information, $c statement of responsibility. */
function titleOf(record: MarcRecord) {
  const field = getDataFields(record, '245')[0];
  if (!field) return { title: '', otherTitle: '', responsibility: '' };
  const title = getSubfields(field, 'a', 'n', 'p').map(trimIsbd).filter(Boolean).join('. ');
  return {
    title,
    otherTitle: getSubfields(field, 'b').map(trimIsbd).filter(Boolean).join(' : '),
    responsibility: getSubfields(field, 'c').map(trimIsbd).filter(Boolean).join(' ; '),
  };
}

/** 264 with ind2 1 (publication), else 260: $a place, $b publisher, $c date; 008/07-10 as a fallback year. */
function publicationOf(record: MarcRecord) {
  const field = getDataFields(record, '264').find((f) => f.ind2 === '1') ?? getDataFields(record, '260')[0];
  const fixed = getControlValue(record, '008') ?? '';
  const year = parseYear(field ? getSubfield(field, 'c') : undefined) ?? parseYear(fixed.slice(7, 11));
  const value = (code: string) => trimIsbd((field && getSubfield(field, code)) ?? '');
  return { place: value('a'), publisher: value('b'), year };
}

function extentOf(record: MarcRecord): string {
  const field = getDataFields(record, '300')[0];
  if (!field) return '';
  return physicalDescription(getSubfields(field, 'a'), getSubfield(field, 'b'), getSubfield(field, 'c'));
}

function seriesOf(record: MarcRecord): string {
  const field = getDataFields(record, '490', '440')[0];
  if (!field) return '';
  const name = trimIsbd(getSubfield(field, 'a') ?? '');
  const number = trimIsbd(getSubfield(field, 'v') ?? '');
  return name && number ? `${name} ; ${number}` : name;
}

function languageOf(record: MarcRecord): string {
  const fixed = (getControlValue(record, '008') ?? '').slice(35, 38).toLowerCase();
  if (/^[a-z]{3}$/.test(fixed)) return fixed;
  const coded = first(record, '041', 'a').toLowerCase();
  return /^[a-z]{3}$/.test(coded) ? coded : '';
}

export function extractMarc21Fields(record: MarcRecord): RecordFields {
  const persons = getDataFields(record, '100', '700').map(marcPerson);
  const corporate = getDataFields(record, '110', '111', '710', '711').map(marcCorporate);
  const subjects = [
    ...getDataFields(record, '600', '610', '650', '651').map((f) => joinHeading(getSubfields(f, 'a', 'x', 'y', 'z'))),
    ...getDataFields(record, '653').flatMap((f) => getSubfields(f, 'a').map(trimIsbd)),
  ];
  const bbk = getDataFields(record, '084')
    .filter((f) => (getSubfield(f, '2') ?? '').toLowerCase().startsWith('rubbk'))
    .flatMap((f) => getSubfields(f, 'a'));
  const age = getDataFields(record, '521').map((f) => getSubfields(f, 'a').join(' '));
  return {
    controlNumber: getControlValue(record, '001')?.trim() || null,
    controlSource: getControlValue(record, '003')?.trim() || null,
    ...titleOf(record),
    authors: uniqueNonEmpty(persons),
    corporateAuthors: uniqueNonEmpty(corporate),
    fullNames: uniqueNonEmpty(getDataFields(record, '100', '700').map((f) => trimIsbd(getSubfield(f, 'a') ?? ''))),
    edition: first(record, '250', 'a'),
    ...publicationOf(record),
    extent: extentOf(record),
    series: seriesOf(record),
    isbns: uniqueNonEmpty(getDataFields(record, '020').flatMap((f) => getSubfields(f, 'a').map((v) => isbnAsWritten(v) ?? ''))),
    issn: normalizeIssn(first(record, '022', 'a')),
    language: languageOf(record),
    subjects: uniqueNonEmpty(subjects),
    bbk: uniqueNonEmpty(bbk),
    udc: uniqueNonEmpty(getDataFields(record, '080').flatMap((f) => getSubfields(f, 'a'))),
    notes: getDataFields(record, '500').flatMap((f) => getSubfields(f, 'a').map((v) => v.trim())).filter(Boolean).join(' '),
    summary: getDataFields(record, '520').flatMap((f) => getSubfields(f, 'a').map((v) => v.trim())).filter(Boolean).join('\n'),
    materialType: materialTypeFromLeader(record.leader, 'marc21'),
    ageLabel: age.map(parseAgeLabel).find((label) => label !== null) ?? null,
  };
}

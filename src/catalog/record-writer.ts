/**
 * The cataloguing form → the MARC record, in the record's own format, so that MARC stays the source
 * of truth. Editing touches only the areas whose values changed: an unchanged area keeps its fields
 * exactly as imported (indicators, subfields the form does not show), and list areas (subjects, ББК,
 * УДК, authors) keep the field of every value that stays.
 */
import {
  cloneRecord,
  controlField,
  dataField,
  emptyLeader,
  insertFieldOrdered,
  isDataField,
  type MarcDataField,
  type MarcField,
  type MarcFormat,
  type MarcRecord,
} from './marc/record';
import type { TRecordInput } from './catalog.schemas';
import { normalizeIssn } from './isbn';
import { leaderCodesFor } from './marc-text';
import { allAuthors, extractRecordFields, type RecordFields } from './record-fields';
import { marcCorporate, marcPerson } from './record-fields.marc21';
import { rusmarcCorporate, rusmarcPerson } from './record-fields.rusmarc';
import { areaWriters, listWriters, personField, type AreaWriter, type ListWriter } from './record-writer.formats';

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Has the cataloguer changed this area of the form? */
const AREA_UNCHANGED: Record<string, (i: TRecordInput, c: RecordFields) => boolean> = {
  isbn: (i, c) => sameList(i.isbns, c.isbns),
  issn: (i, c) => normalizeIssn(i.issn) === c.issn,
  language: (i, c) => i.language === c.language,
  title: (i, c) => i.title === c.title && i.otherTitle === c.otherTitle && i.responsibility === c.responsibility,
  edition: (i, c) => i.edition === c.edition,
  publication: (i, c) => i.place === c.place && i.publisher === c.publisher && i.year === c.year,
  extent: (i, c) => i.extent === c.extent,
  series: (i, c) => i.series === c.series,
  summary: (i, c) => i.summary === c.summary,
  ageLabel: (i, c) => i.ageLabel === c.ageLabel,
};

/** The form's values for a record, as the cataloguer sees them. */
export function recordToForm(fields: RecordFields): TRecordInput {
  return {
    title: fields.title,
    otherTitle: fields.otherTitle,
    responsibility: fields.responsibility,
    authors: allAuthors(fields),
    edition: fields.edition,
    place: fields.place,
    publisher: fields.publisher,
    year: fields.year,
    extent: fields.extent,
    series: fields.series,
    isbns: fields.isbns,
    issn: fields.issn,
    language: fields.language,
    subjects: fields.subjects,
    bbk: fields.bbk,
    udc: fields.udc,
    summary: fields.summary,
    ageLabel: fields.ageLabel,
    materialType: fields.materialType,
  };
}

export interface WriteOptions {
  /** 001 of a new record. */
  controlNumber?: string;
  now?: Date;
}

/** Applies the form to `existing` (or builds a new record when null) and returns the new MARC record. */
export function writeFormToMarc(
  input: TRecordInput,
  format: MarcFormat,
  existing: MarcRecord | null,
  options: WriteOptions = {},
): MarcRecord {
  const record = existing ? cloneRecord(existing) : newRecord(input, format, options);
  const current = existing ? extractRecordFields(existing, format) : null;
  writeAuthors(record, format, input.authors, current);
  for (const [area, writer] of Object.entries(areaWriters(format))) {
    if (current && AREA_UNCHANGED[area]?.(input, current)) continue;
    replaceArea(record, writer, input);
  }
  const lists = listWriters(format);
  syncList(record, lists.subjects, input.subjects);
  syncList(record, lists.bbk, input.bbk);
  syncList(record, lists.udc, input.udc);
  if (!current || current.materialType !== input.materialType) {
    record.leader = record.leader.slice(0, 6) + leaderCodesFor(input.materialType, format) + record.leader.slice(8);
  }
  if (format === 'marc21' && (!current || current.language !== input.language)) setFixedLanguage(record, input.language);
  if (current && current.year !== input.year) setCodedYear(record, format, input.year);
  return record;
}

/**
 * The year in the coded data too (RUSMARC 100 $a/9-12, MARC 21 008/07-10), or an export says 2023 in
 * 008 beside 2024 in 260 $c. A blank type of date becomes a single date.
 */
function setCodedYear(record: MarcRecord, format: MarcFormat, year: number | null) {
  const date = year === null ? '    ' : String(year).padStart(4, '0').slice(0, 4);
  const splice = (value: string, typeAt: number, single: string, width: number) => {
    const padded = value.padEnd(width, ' ');
    const type = padded[typeAt] === ' ' && year !== null ? single : padded[typeAt];
    return padded.slice(0, typeAt) + type + date + padded.slice(typeAt + 5);
  };
  if (format === 'rusmarc') {
    const coded = record.fields.find((f): f is MarcDataField => isDataField(f) && f.tag === '100');
    const a = coded?.subfields.find((s) => s.code === 'a');
    if (a) a.value = splice(a.value, 8, 'd', 36);
    return;
  }
  const fixed = record.fields.find((f): f is MarcField & { value: string } => f.tag === '008' && !isDataField(f));
  if (fixed) fixed.value = splice(fixed.value, 6, 's', 40);
}

function newRecord(input: TRecordInput, format: MarcFormat, options: WriteOptions): MarcRecord {
  const now = options.now ?? new Date();
  const record: MarcRecord = { leader: emptyLeader(format), fields: [] };
  if (options.controlNumber) record.fields.push(controlField('001', options.controlNumber));
  const date = now.toISOString().slice(0, 10).replace(/-/g, '');
  const year = input.year?.toString() ?? '    ';
  if (format === 'rusmarc') {
    // 100 $a coded data: date entered, single date, year, audience unknown, Russian cataloguing, Unicode (50), Cyrillic.
    record.fields.push(dataField('100', ' ', ' ', [['a', `${date}d${year}    u  y0rusy50      ca`]]));
  } else {
    // 008: date entered, single date, year, no place, blanks, language, source 'd' (other).
    record.fields.push(controlField('008', `${date.slice(2)}s${year}    xx ${' '.repeat(17)}${input.language || '   '} d`));
  }
  return record;
}

function setFixedLanguage(record: MarcRecord, language: string) {
  const fixed = record.fields.find((f): f is MarcField & { value: string } => f.tag === '008' && !isDataField(f));
  if (!fixed) return;
  const value = fixed.value.padEnd(40, ' ');
  fixed.value = value.slice(0, 35) + (language || '   ') + value.slice(38);
}

function replaceArea(record: MarcRecord, writer: AreaWriter, input: TRecordInput) {
  const owned = (f: MarcField): f is MarcDataField => isDataField(f) && writer.tags.includes(f.tag) && (writer.owns?.(f) ?? true);
  const old = record.fields.find(owned);
  record.fields = record.fields.filter((f) => !owned(f));
  for (const field of writer.build(input, old)) insertFieldOrdered(record, field);
}

/** Keeps each field whose values all stay, drops the others, adds a field for each new value. */
function syncList(record: MarcRecord, writer: ListWriter, desired: readonly string[]) {
  const owned = (f: MarcField): f is MarcDataField => isDataField(f) && writer.tags.includes(f.tag) && (writer.owns?.(f) ?? true);
  const kept = new Set<string>();
  record.fields = record.fields.filter((f) => {
    if (!owned(f)) return true;
    const values = writer.values(f);
    const stays = values.length > 0 && values.every((v) => desired.includes(v) && !kept.has(v));
    if (stays) values.forEach((v) => kept.add(v));
    return stays;
  });
  for (const value of desired) {
    if (!kept.has(value)) {
      insertFieldOrdered(record, writer.build(value));
      kept.add(value);
    }
  }
}

/**
 * Names in the form that are the record's corporate bodies stay in their 71X/11X fields; every other
 * name is a person. The first person is the main entry (RUSMARC 700, MARC 21 100).
 */
function writeAuthors(record: MarcRecord, format: MarcFormat, names: readonly string[], current: RecordFields | null) {
  const rusmarc = format === 'rusmarc';
  const corporateTags = rusmarc ? ['710', '711', '712'] : ['110', '111', '710', '711'];
  const personTags = rusmarc ? ['700', '701', '702'] : ['100', '700'];
  const corporate = current?.corporateAuthors ?? [];
  const corporateName = rusmarc ? rusmarcCorporate : marcCorporate;
  record.fields = record.fields.filter(
    (f) => !(isDataField(f) && corporateTags.includes(f.tag) && !names.includes(corporateName(f))),
  );
  const persons = names.filter((n) => !corporate.includes(n));
  if (current && sameList(persons, current.authors)) return;
  const personName = rusmarc ? rusmarcPerson : marcPerson;
  const byName = new Map<string, MarcDataField>();
  record.fields = record.fields.filter((f) => {
    if (!isDataField(f) || !personTags.includes(f.tag)) return true;
    if (!byName.has(personName(f))) byName.set(personName(f), f);
    return false;
  });
  persons.forEach((name, index) => {
    const old = byName.get(name);
    const added = rusmarc ? (old?.tag === '702' ? '702' : '701') : '700';
    const tag = index === 0 ? (rusmarc ? '700' : '100') : added;
    insertFieldOrdered(record, old ? { ...old, tag } : personField(tag, name, format));
  });
}

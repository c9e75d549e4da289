/**
 * How each form area is written as MARC fields, in RUSMARC and in MARC 21. MARC 21 subfields carry
 * their ISBD punctuation (as records from other libraries do); RUSMARC subfields do not.
 */
import { dataField, type MarcDataField, type MarcFormat } from './marc/record';
import { initialsOf, joinHeading, trimIsbd } from './marc-text';
import { isbnWithLatinX, normalizeIssn } from './isbn';
import type { TRecordInput } from './catalog.schemas';

export type Sub = readonly [string, string];

/** One area of the form: the fields it owns and how to write them from the form's values. */
export interface AreaWriter {
  tags: readonly string[];
  /** Only fields of `tags` this returns true for belong to the area (e.g. 686 with $2 rubbk). */
  owns?: (field: MarcDataField) => boolean;
  build: (input: TRecordInput, old: MarcDataField | undefined) => MarcDataField[];
}

/** A list area (subjects, ББК, УДК): one field per value, unchanged values keep their field. */
export interface ListWriter {
  tags: readonly string[];
  owns?: (field: MarcDataField) => boolean;
  /** The values a field holds, as extraction reads them. */
  values: (field: MarcDataField) => string[];
  build: (value: string) => MarcDataField;
}

const present = (subs: readonly (Sub | null)[]): Sub[] => subs.filter((s): s is Sub => s !== null && s[1].trim() !== '');
const field = (tag: string, ind1: string, ind2: string, subs: readonly (Sub | null)[]) => {
  const list = present(subs);
  return list.length ? [dataField(tag, ind1, ind2, list)] : [];
};
/** Subfields of the old field the form does not manage, kept so that editing never loses data. */
const unmanaged = (old: MarcDataField | undefined, managed: string): Sub[] =>
  (old?.subfields ?? []).filter((s) => !managed.includes(s.code)).map((s) => [s.code, s.value] as const);
/** The ISSN as NNNN-NNNC with a Latin X; a value that holds none (the schema refuses it) as typed. */
const issnAsWritten = (issn: string) => normalizeIssn(issn) || issn;
const end = (text: string, mark: string) => (/[.?!]$/.test(text) && mark === '.' ? text : `${text}${mark}`);

/** "96 с. : ил. ; 20 см" → extent, other physical details, dimensions. */
export function splitExtent(value: string): [string, string, string] {
  const [main = '', size = ''] = value.split(/\s;\s/, 2);
  const [extent = '', other = ''] = main.split(/\s:\s/, 2);
  return [extent.trim(), other.trim(), size.trim()];
}

/** "Школьная библиотека ; 12" → name and number. */
export function splitSeries(value: string): [string, string] {
  const [name = '', number = ''] = value.split(/\s;\s/, 2);
  return [name.trim(), number.trim()];
}

export const isRubbk = (f: MarcDataField) => f.subfields.some((s) => s.code === '2' && s.value.toLowerCase().startsWith('rubbk'));
const codes = (f: MarcDataField, ...wanted: string[]) => f.subfields.filter((s) => wanted.includes(s.code)).map((s) => s.value);
const aValues = (f: MarcDataField) => codes(f, 'a').map((v) => v.trim());
/** Keyword fields (RUSMARC 610, MARC 21 653) hold one term per $a; others one heading with subdivisions. */
const headingValues = (keywordTag: string) => (f: MarcDataField) =>
  f.tag === keywordTag ? codes(f, 'a').map(trimIsbd) : [joinHeading(codes(f, 'a', 'x', 'y', 'z'))];
const headingSubs = (heading: string): Sub[] =>
  heading.split(/\s+--\s+/).map((part, i) => [i === 0 ? 'a' : 'x', part.trim()] as const);

const RUSMARC_AREAS: Record<string, AreaWriter> = {
  isbn: { tags: ['010'], build: (i) => i.isbns.flatMap((isbn) => field('010', ' ', ' ', [['a', isbnWithLatinX(isbn)]])) },
  issn: { tags: ['011'], build: (i) => field('011', ' ', ' ', [['a', issnAsWritten(i.issn)]]) },
  language: { tags: ['101'], build: (i, old) => field('101', old?.ind1 ?? '0', ' ', [['a', i.language], ...unmanaged(old, 'a')]) },
  title: {
    tags: ['200'],
    build: (i, old) =>
      field('200', '1', ' ', [['a', i.title], ['e', i.otherTitle], ['f', i.responsibility], ...unmanaged(old, 'aefghi')]),
  },
  edition: { tags: ['205'], build: (i) => field('205', ' ', ' ', [['a', i.edition]]) },
  publication: {
    tags: ['210'],
    build: (i, old) =>
      field('210', ' ', ' ', [['a', i.place], ['c', i.publisher], ['d', i.year?.toString() ?? ''], ...unmanaged(old, 'acd')]),
  },
  extent: {
    tags: ['215'],
    build: (i) => {
      const [a, c, d] = splitExtent(i.extent);
      return field('215', ' ', ' ', [['a', a], ['c', c], ['d', d]]);
    },
  },
  series: {
    tags: ['225'],
    build: (i) => {
      const [a, v] = splitSeries(i.series);
      return field('225', '1', ' ', [['a', a], ['v', v]]);
    },
  },
  summary: { tags: ['330'], build: (i) => field('330', ' ', ' ', [['a', i.summary]]) },
  ageLabel: { tags: ['333'], build: (i) => field('333', ' ', ' ', [['a', i.ageLabel ?? '']]) },
};

const MARC21_AREAS: Record<string, AreaWriter> = {
  isbn: { tags: ['020'], build: (i) => i.isbns.flatMap((isbn) => field('020', ' ', ' ', [['a', isbnWithLatinX(isbn)]])) },
  issn: { tags: ['022'], build: (i) => field('022', ' ', ' ', [['a', issnAsWritten(i.issn)]]) },
  // The language also lives in 008/35-37, which record-writer.ts sets; 041 is kept in step when present.
  language: { tags: ['041'], build: (i, old) => (old ? field('041', old.ind1, old.ind2, [['a', i.language], ...unmanaged(old, 'a')]) : []) },
  title: {
    tags: ['245'],
    build: (i, old) => {
      const subs: Sub[] = [['a', end(i.title, i.otherTitle ? ' :' : i.responsibility ? ' /' : '.')]];
      if (i.otherTitle) subs.push(['b', end(i.otherTitle, i.responsibility ? ' /' : '.')]);
      if (i.responsibility) subs.push(['c', end(i.responsibility, '.')]);
      return field('245', i.authors.length ? '1' : '0', old?.ind2 ?? '0', [...subs, ...unmanaged(old, 'abcnp')]);
    },
  },
  edition: { tags: ['250'], build: (i) => field('250', ' ', ' ', [['a', i.edition && end(i.edition, '.')]]) },
  publication: {
    tags: ['264', '260'],
    owns: (f) => f.tag === '260' || f.ind2 === '1',
    build: (i, old) => {
      const year = i.year?.toString() ?? '';
      const subs: (Sub | null)[] = [
        ['a', i.place && `${i.place}${i.publisher ? ' :' : year ? ',' : '.'}`],
        ['b', i.publisher && `${i.publisher}${year ? ',' : '.'}`],
        ['c', year && `${year}.`],
      ];
      return field(old?.tag ?? '264', ' ', old?.tag === '260' ? old.ind2 : '1', [...subs, ...unmanaged(old, 'abc')]);
    },
  },
  extent: {
    tags: ['300'],
    build: (i) => {
      const [a, b, c] = splitExtent(i.extent);
      return field('300', ' ', ' ', [['a', a && `${a}${b ? ' :' : c ? ' ;' : ''}`], ['b', b && `${b}${c ? ' ;' : ''}`], ['c', c]]);
    },
  },
  series: {
    tags: ['490'],
    build: (i) => {
      const [a, v] = splitSeries(i.series);
      return field('490', '0', ' ', [['a', a && `${a}${v ? ' ;' : ''}`], ['v', v]]);
    },
  },
  summary: { tags: ['520'], build: (i) => field('520', ' ', ' ', [['a', i.summary]]) },
  ageLabel: { tags: ['521'], build: (i) => field('521', ' ', ' ', [['a', i.ageLabel ?? '']]) },
};

export function areaWriters(format: MarcFormat): Record<string, AreaWriter> {
  return format === 'rusmarc' ? RUSMARC_AREAS : MARC21_AREAS;
}

export function listWriters(format: MarcFormat): Record<'subjects' | 'bbk' | 'udc', ListWriter> {
  if (format === 'rusmarc') {
    return {
      subjects: { tags: ['606', '607', '610'], values: headingValues('610'), build: (v) => dataField('606', '0', ' ', headingSubs(v)) },
      bbk: { tags: ['686'], owns: isRubbk, values: aValues, build: (v) => dataField('686', ' ', ' ', [['a', v], ['2', 'rubbk']]) },
      udc: { tags: ['675'], values: aValues, build: (v) => dataField('675', ' ', ' ', [['a', v]]) },
    };
  }
  return {
    subjects: { tags: ['600', '610', '650', '651', '653'], values: headingValues('653'), build: (v) => dataField('650', ' ', '4', headingSubs(v)) },
    bbk: { tags: ['084'], owns: isRubbk, values: aValues, build: (v) => dataField('084', ' ', ' ', [['a', v], ['2', 'rubbk']]) },
    udc: { tags: ['080'], values: aValues, build: (v) => dataField('080', ' ', ' ', [['a', v]]) },
  };
}

/** A person as a name field: RUSMARC 700/701 $a surname $b initials; MARC 21 100/700 $a "Surname, I.". */
export function personField(tag: string, name: string, format: MarcFormat): MarcDataField {
  if (format === 'marc21') {
    if (name.includes(',')) return dataField(tag, '1', ' ', [['a', name]]);
    const [surname, rest] = splitSurname(name);
    return rest ? dataField(tag, '1', ' ', [['a', `${surname}, ${rest}`]]) : dataField(tag, '0', ' ', [['a', surname]]);
  }
  const comma = name.indexOf(',');
  const [surname, rest] = comma >= 0 ? [name.slice(0, comma), name.slice(comma + 1)] : splitSurname(name);
  const restTrimmed = trimIsbd(rest);
  const isInitials = /^(\p{L}\.\s?-?)+$/u.test(restTrimmed);
  return dataField(tag, ' ', '1', present([
    ['a', surname.trim()],
    ['b', restTrimmed && initialsOf(restTrimmed)],
    ['g', isInitials ? '' : restTrimmed],
    ['4', '070'],
  ]));
}

/** "Айтматов Чингиз" → surname and forenames (librarians type both orders; the surname comes first). */
function splitSurname(name: string): [string, string] {
  const space = name.trim().indexOf(' ');
  return space < 0 ? [name.trim(), ''] : [name.trim().slice(0, space), name.trim().slice(space + 1)];
}

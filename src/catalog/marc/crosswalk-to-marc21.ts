// RUSMARC → MARC 21 for the fields a public library's catalogue lives on (title, publication, extent,
// series, notes, subjects, classification incl. ББК, names, source, holdings, the host record of a volume
// or part, electronic location). Pure: the input is not changed; fields without a mapping are reported through onUnmapped and
// left out.

import { df, firstValue, mapSubfields, punctuate, relatorToMarc21, typeAndLevelToMarc21, type CrosswalkOptions } from './crosswalk-common';
import { linkToMarc21 } from './crosswalk-links';
import { isDataField, type MarcDataField, type MarcField, type MarcRecord, type MarcSubfield } from './record';
import { rusmarcControlSource } from './unicode-marks';

/** 008 (40 characters) from RUSMARC 100$a (dates), 101$a (language) and 102$a (country). */
function build008(rec: MarcRecord): string {
  const data100 = rec.fields.find((f): f is MarcDataField => f.tag === '100' && isDataField(f));
  const a = (data100 && firstValue(data100, 'a')) ?? '';
  const entered = /^\d{8}/.test(a) ? a.slice(2, 8) : '||||||';
  const type = a.charAt(8);
  const dateType = type === 'a' || type === 'b' ? 'c' : type === 'g' ? 'm' : type === 'h' || type === 'i' ? 'r' : 's';
  const date1 = (a.slice(9, 13) || '    ').padEnd(4, ' ').replace(/ /g, a.length > 9 ? ' ' : '|');
  const date2 = (a.slice(13, 17) || '    ').padEnd(4, ' ');
  const f102 = rec.fields.find((f): f is MarcDataField => f.tag === '102' && isDataField(f));
  const country = ((f102 && firstValue(f102, 'a')) ?? '').toLowerCase().slice(0, 2).padEnd(3, ' ');
  const f101 = rec.fields.find((f): f is MarcDataField => f.tag === '101' && isDataField(f));
  const lang = ((f101 && firstValue(f101, 'a')) ?? '|||').slice(0, 3).padEnd(3, ' ');
  const s = entered + dateType + date1 + date2 + (country.trim() ? country : 'xx ') + ' '.repeat(17) + lang + ' d';
  return s.slice(0, 40).padEnd(40, ' ');
}

function personal(f: MarcDataField, tag: string): MarcDataField {
  // RUSMARC: $a surname, $b initials/forenames; MARC 21: "Surname, Initials" in one $a.
  const a = firstValue(f, 'a') ?? '';
  const b = firstValue(f, 'b');
  const subs = [{ code: 'a', value: b ? `${a}, ${b}` : a }];
  for (const s of f.subfields) {
    if (s.code === 'g') subs.push({ code: 'q', value: `(${s.value})` });
    else if (s.code === 'c') subs.push({ code: 'c', value: s.value });
    else if (s.code === 'f') subs.push({ code: 'd', value: s.value });
    else if (s.code === '4') subs.push({ code: '4', value: relatorToMarc21(s.value) });
    else if (s.code === '3') subs.push({ code: '0', value: s.value });
  }
  return df(tag, f.ind2 === '0' ? '0' : '1', ' ', punctuate(subs, { c: ',', d: ',' }));
}

const THESAURUS_IND2: Record<string, string> = { lcsh: '0', lcshac: '1', mesh: '2', nal: '3', cash: '5', rvm: '6' };

function subject(f: MarcDataField, tag: string): MarcDataField {
  const subs = mapSubfields(f, { a: 'a', x: 'x', y: 'z', z: 'y', j: 'v', '2': '2', '3': '0' });
  const source = subs.find((s) => s.code === '2')?.value;
  const ind2 = source === undefined ? '4' : THESAURUS_IND2[source];
  // MARC 21 names the big thesauri by ind2 alone; others keep $2 with ind2 7.
  return ind2
    ? df(
        tag,
        ' ',
        ind2,
        subs.filter((s) => s.code !== '2'),
      )
    : df(tag, ' ', '7', subs);
}

type Rule = (f: MarcDataField, rec: MarcRecord) => MarcDataField | MarcDataField[] | undefined;

/**
 * 856, electronic location and access, has one structure in both formats (the same indicators, $u URI,
 * $z public note, $q format, $x nonpublic note…) except two codes that trade places: UNIMARC's, and so
 * RUSMARC's, $y is the access method and $2 the link text; MARC 21's $y is the link text and $2 the
 * access method. The same swap serves both directions.
 */
export function electronicLocation(f: MarcDataField): MarcDataField {
  const swap: Record<string, string> = { y: '2', '2': 'y' };
  return df('856', f.ind1, f.ind2, f.subfields.map((s) => ({ code: swap[s.code] ?? s.code, value: s.value })));
}

const RULES: Record<string, Rule> = {
  '010': (f) => df('020', ' ', ' ', mapSubfields(f, { a: 'a', b: 'q', d: 'c', z: 'z' })),
  // ISSN: UNIMARC's cancelled ($y) and erroneous ($z) are MARC 21's canceled ($z) and incorrect ($y).
  '011': (f) => df('022', f.ind1, ' ', mapSubfields(f, { a: 'a', f: 'l', g: 'm', y: 'z', z: 'y' })),
  '101': (f) => df('041', f.ind1 === '1' ? '1' : '0', ' ', mapSubfields(f, { a: 'a', b: 'b', c: 'h' })),
  '200': (f, rec) => {
    // MARC 21 has one $c: later responsibility statements ($g) join the first with " ; ".
    const merged: MarcSubfield[] = [];
    for (const s of mapSubfields(f, { a: 'a', b: 'h', e: 'b', f: 'c', g: 'c', h: 'n', i: 'p' })) {
      const prev = merged[merged.length - 1];
      if (s.code === 'c' && prev?.code === 'c') prev.value = `${prev.value} ; ${s.value}`;
      else merged.push(s);
    }
    const hasMain = rec.fields.some((x) => x.tag === '700' || x.tag === '710' || x.tag === '720');
    return df('245', hasMain ? '1' : '0', '0', punctuate(merged, { b: ' :', c: ' /', p: ',' }));
  },
  '205': (f) => df('250', ' ', ' ', mapSubfields(f, { a: 'a', b: 'b', f: 'b' })),
  '210': (f) => df('260', ' ', ' ', punctuate(mapSubfields(f, { a: 'a', c: 'b', d: 'c' }), { b: ' :', c: ',' })),
  '215': (f) =>
    df('300', ' ', ' ', punctuate(mapSubfields(f, { a: 'a', c: 'b', d: 'c', e: 'e' }), { b: ' :', c: ' ;', e: ' +' })),
  '225': (f) =>
    df(
      '490',
      '0',
      ' ',
      punctuate(mapSubfields(f, { a: 'a', e: 'a', h: 'a', i: 'a', v: 'v', x: 'x' }), { v: ' ;', x: ',' }),
    ),
  '300': (f) => df('500', ' ', ' ', mapSubfields(f, { a: 'a' })),
  '330': (f) => df('520', ' ', ' ', mapSubfields(f, { a: 'a' })),
  // The age label (знак информационной продукции, "12+"): MARC 21 names the target audience in 521.
  '333': (f) => df('521', ' ', ' ', mapSubfields(f, { a: 'a' })),
  '606': (f) => subject(f, '650'),
  '607': (f) => subject(f, '651'),
  '610': (f) => df('653', f.ind1 === '1' || f.ind1 === '2' ? f.ind1 : ' ', ' ', mapSubfields(f, { a: 'a' })),
  '675': (f) => df('080', ' ', ' ', mapSubfields(f, { a: 'a', v: '2' })),
  '686': (f) => df('084', ' ', ' ', mapSubfields(f, { a: 'a', '2': '2' })),
  '700': (f) => personal(f, '100'),
  '701': (f) => personal(f, '700'),
  '702': (f) => personal(f, '700'),
  '710': (f) => df(f.ind1 === '1' ? '111' : '110', '2', ' ', mapSubfields(f, { a: 'a', b: 'b', '4': '4' })),
  '711': (f) => df(f.ind1 === '1' ? '711' : '710', '2', ' ', mapSubfields(f, { a: 'a', b: 'b', '4': '4' })),
  '461': (f) => linkToMarc21(f),
  '463': (f) => linkToMarc21(f),
  '856': electronicLocation,
  '899': (f) => df('852', ' ', ' ', mapSubfields(f, { a: 'a', b: 'b', c: 'c', j: 'h', p: 'p', x: 'x', z: 'z' })),
};

/** 801 fields (one per agency role, ind2 0 original, 1 transcribing, 2 modifying) become one 040. */
function build040(fields: readonly MarcDataField[], rec: MarcRecord): MarcDataField | undefined {
  const data100 = rec.fields.find((f): f is MarcDataField => f.tag === '100' && isDataField(f));
  const lang = ((data100 && firstValue(data100, 'a')) ?? '').slice(22, 25).trim() || 'rus';
  const by = (ind2: string) =>
    fields
      .filter((f) => f.ind2 === ind2)
      .map((f) => firstValue(f, 'b'))
      .filter(Boolean) as string[];
  const original = by('0');
  const transcribing = by('1');
  const modifying = by('2');
  const rules = fields.map((f) => firstValue(f, 'g')).find(Boolean);
  const subs = [
    ...original.slice(0, 1).map((v) => ({ code: 'a', value: v })),
    { code: 'b', value: lang },
    ...(rules ? [{ code: 'e', value: rules }] : []),
    ...transcribing.slice(0, 1).map((v) => ({ code: 'c', value: v })),
    ...modifying.map((v) => ({ code: 'd', value: v })),
  ];
  return subs.length > 1 ? df('040', ' ', ' ', subs) : undefined;
}

export function rusmarcToMarc21(record: MarcRecord, options: CrosswalkOptions = {}): MarcRecord {
  const l = record.leader.padEnd(24, ' ');
  const leader = `00000${l.charAt(5)}${typeAndLevelToMarc21(l)} a2200000 i 4500`;
  const out: MarcField[] = [];
  const agencies: MarcDataField[] = [];
  for (const f of record.fields) {
    if (!isDataField(f)) {
      // RUSMARC 003 is a persistent identifier (a URI), not MARC 21's agency code: it is not copied there.
      if (f.tag === '001' || f.tag === '005') out.push({ tag: f.tag, value: f.value });
      else options.onUnmapped?.(f);
      continue;
    }
    if (f.tag === '801') {
      agencies.push(f);
      continue;
    }
    const rule = RULES[f.tag];
    const made = rule?.(f, record);
    if (!made) {
      if (f.tag !== '100' && f.tag !== '102') options.onUnmapped?.(f);
      continue;
    }
    for (const m of Array.isArray(made) ? made : [made]) if (m.subfields.length > 0) out.push(m);
  }
  out.push({ tag: '008', value: build008(record) });
  // The agency behind 001 (801 $b) as 003: the catalogue knows a record by 001 and its source, read from
  // 801 in RUSMARC and from 003 in MARC 21, so the MARC 21 export is matched to the same records.
  const source = rusmarcControlSource(record);
  if (source && out.some((f) => f.tag === '001')) out.push({ tag: '003', value: source });
  const f040 = build040(agencies, record);
  if (f040) out.push(f040);
  out.sort((x, y) => (x.tag < y.tag ? -1 : x.tag > y.tag ? 1 : 0)); // stable: repeated fields keep their order
  return { leader, fields: out };
}

// MARC 21 → RUSMARC, the reverse of crosswalk-to-marc21 for the same fields: ISBD separators inside
// MARC 21 subfields are removed, "Surname, Initials" is split into $a and $b, 040 becomes 801s, 008's
// dates and language feed 100 and 101, 003 becomes 801 $b, 773 a 461/463 link, 856 stays 856. Pure; unmapped fields
// are reported, not copied.

import { df, firstValue, mapSubfields, relatorToRusmarc, typeAndLevelToRusmarc, unpunctuate, type CrosswalkOptions } from './crosswalk-common';
import { linkToRusmarc } from './crosswalk-links';
import { electronicLocation } from './crosswalk-to-marc21';
import { getControlValue, isDataField, type MarcDataField, type MarcField, type MarcRecord } from './record';
import { rusmarcControlSource } from './unicode-marks';

const CYRILLIC = /[\u0400-\u04ff]/;

function build100(rec: MarcRecord): MarcDataField {
  const f008 = getControlValue(rec, '008') ?? '';
  const yy = f008.slice(0, 2);
  const entered = /^\d{6}/.test(f008) ? `${Number(yy) > 50 ? '19' : '20'}${f008.slice(0, 6)}` : '        ';
  const t = f008.charAt(6);
  const type = t === 'c' ? 'a' : t === 'm' ? 'g' : t === 'r' ? 'h' : 'd';
  const date1 = (f008.slice(7, 11) || '    ').padEnd(4, ' ');
  const date2 = (f008.slice(11, 15) || '    ').padEnd(4, ' ').replace(/\|/g, ' ');
  const f040 = rec.fields.find((f): f is MarcDataField => f.tag === '040' && isDataField(f));
  const lang = ((f040 && firstValue(f040, 'b')) ?? 'rus').slice(0, 3).padEnd(3, ' ');
  const f245 = rec.fields.find((f): f is MarcDataField => f.tag === '245' && isDataField(f));
  const script = f245 && CYRILLIC.test(firstValue(f245, 'a') ?? '') ? 'ca' : 'ba';
  // 22-24 language of cataloguing; 26-29 "50  ": the record is in Unicode; 34-35 title script.
  return df('100', ' ', ' ', [{ code: 'a', value: `${entered}${type}${date1}${date2}u  y0${lang}y50      ${script}` }]);
}

function personal(f: MarcDataField, tag: string): MarcDataField {
  const a = firstValue(f, 'a') ?? '';
  const comma = a.indexOf(', ');
  const subs =
    comma > 0
      ? [
          { code: 'a', value: a.slice(0, comma) },
          { code: 'b', value: a.slice(comma + 2) },
        ]
      : [{ code: 'a', value: a }];
  for (const s of f.subfields) {
    if (s.code === 'q') subs.push({ code: 'g', value: s.value.replace(/^\(|\)[,.]?$/g, '') });
    else if (s.code === 'c') subs.push({ code: 'c', value: s.value });
    else if (s.code === 'd') subs.push({ code: 'f', value: s.value });
    else if (s.code === '4' || s.code === 'e') subs.push({ code: '4', value: relatorToRusmarc(s.value) });
    else if (s.code === '0') subs.push({ code: '3', value: s.value });
  }
  return df(tag, ' ', f.ind1 === '0' ? '0' : '1', unpunctuate(subs));
}

// MARC 21 says the thesaurus in ind2; RUSMARC only in $2.
const THESAURUS: Record<string, string> = {
  '0': 'lcsh',
  '1': 'lcshac',
  '2': 'mesh',
  '3': 'nal',
  '5': 'cash',
  '6': 'rvm',
};

function subject(f: MarcDataField, tag: string): MarcDataField {
  const subs = unpunctuate(mapSubfields(f, { a: 'a', x: 'x', z: 'y', y: 'z', v: 'j', '2': '2', '0': '3' }));
  const source = THESAURUS[f.ind2];
  if (source && !subs.some((s) => s.code === '2')) subs.push({ code: '2', value: source });
  return df(tag, ' ', ' ', subs);
}

function publication(f: MarcDataField): MarcDataField {
  return df('210', ' ', ' ', unpunctuate(mapSubfields(f, { a: 'a', b: 'c', c: 'd' })));
}

type Rule = (f: MarcDataField, rec: MarcRecord) => MarcDataField | undefined;

const RULES: Record<string, Rule> = {
  '020': (f) => df('010', ' ', ' ', unpunctuate(mapSubfields(f, { a: 'a', q: 'b', c: 'd', z: 'z' }))),
  '022': (f) => df('011', f.ind1, ' ', mapSubfields(f, { a: 'a', l: 'f', m: 'g', z: 'y', y: 'z' })),
  '041': (f) => df('101', f.ind1 === '1' ? '1' : '0', ' ', mapSubfields(f, { a: 'a', b: 'b', h: 'c' })),
  '245': (f) => {
    // "First statement ; second" in 245 $c is RUSMARC's $f followed by $g.
    const subs = mapSubfields(f, { a: 'a', h: 'b', b: 'e', c: 'f', n: 'h', p: 'i' }).flatMap((s) =>
      s.code === 'f' ? s.value.split(' ; ').map((v, i) => ({ code: i === 0 ? 'f' : 'g', value: v })) : [s],
    );
    return df('200', '1', ' ', unpunctuate(subs));
  },
  '250': (f) => df('205', ' ', ' ', unpunctuate(mapSubfields(f, { a: 'a', b: 'f' }))),
  '260': publication,
  '264': (f) => (f.ind2 === '1' ? publication(f) : undefined),
  '300': (f) => df('215', ' ', ' ', unpunctuate(mapSubfields(f, { a: 'a', b: 'c', c: 'd', e: 'e' }))),
  '490': (f) => df('225', '2', ' ', unpunctuate(mapSubfields(f, { a: 'a', v: 'v', x: 'x' }))),
  '500': (f) => df('300', ' ', ' ', mapSubfields(f, { a: 'a' })),
  '520': (f) => df('330', ' ', ' ', mapSubfields(f, { a: 'a' })),
  // Target audience: in RUSMARC the age label ("12+") and other notes on readers go to 333.
  '521': (f) => df('333', ' ', ' ', mapSubfields(f, { a: 'a' })),
  '650': (f) => subject(f, '606'),
  '651': (f) => subject(f, '607'),
  '653': (f) => df('610', f.ind1 === '1' || f.ind1 === '2' ? f.ind1 : '0', ' ', mapSubfields(f, { a: 'a' })),
  '080': (f) => df('675', ' ', ' ', mapSubfields(f, { a: 'a', '2': 'v' })),
  '084': (f) => df('686', ' ', ' ', mapSubfields(f, { a: 'a', '2': '2' })),
  '100': (f) => personal(f, '700'),
  '700': (f) => personal(f, '701'),
  '110': (f) => df('710', '0', '2', unpunctuate(mapSubfields(f, { a: 'a', b: 'b', '4': '4' }))),
  '111': (f) => df('710', '1', '2', unpunctuate(mapSubfields(f, { a: 'a', '4': '4' }))),
  '710': (f) => df('711', '0', '2', unpunctuate(mapSubfields(f, { a: 'a', b: 'b', '4': '4' }))),
  '773': (f, rec) => linkToRusmarc(f, rec.leader),
  '856': electronicLocation,
  '852': (f) => df('899', ' ', ' ', mapSubfields(f, { a: 'a', b: 'b', c: 'c', h: 'j', p: 'p', x: 'x', z: 'z' })),
};

function build801(f: MarcDataField, country: string): MarcDataField[] {
  const out: MarcDataField[] = [];
  const rules = firstValue(f, 'e');
  const add = (ind2: string, agency: string) =>
    out.push(
      df('801', ' ', ind2, [
        { code: 'a', value: country },
        { code: 'b', value: agency },
        ...(rules ? [{ code: 'g', value: rules }] : []),
      ]),
    );
  for (const s of f.subfields) {
    if (s.code === 'a') add('0', s.value);
    else if (s.code === 'c') add('1', s.value);
    else if (s.code === 'd') add('2', s.value);
  }
  return out;
}

/**
 * 003, the agency whose number 001 is, as 801 ind2 3 (the agency that issued the record) when the 801s
 * made from 040 do not already name it where the catalogue looks for a RUSMARC record's source
 * (rusmarcControlSource): the RUSMARC export is then matched to the same records as the MARC 21 record.
 */
function issuing801(record: MarcRecord, fields: MarcField[], country: string): MarcDataField | undefined {
  const agency = getControlValue(record, '003')?.trim();
  if (!agency || rusmarcControlSource({ leader: '', fields }) === agency) return undefined;
  return df('801', ' ', '3', [
    { code: 'a', value: country },
    { code: 'b', value: agency },
  ]);
}

export function marc21ToRusmarc(record: MarcRecord, options: CrosswalkOptions = {}): MarcRecord {
  const l = record.leader.padEnd(24, ' ');
  const leader = `00000${l.charAt(5)}${typeAndLevelToRusmarc(l)}  2200000 i 450 `;
  const out: MarcField[] = [build100(record)];
  const lang008 = (getControlValue(record, '008') ?? '').slice(35, 38);
  if (!record.fields.some((f) => f.tag === '041') && /^[a-z]{3}$/.test(lang008)) {
    out.push(df('101', '0', ' ', [{ code: 'a', value: lang008 }]));
  }
  for (const f of record.fields) {
    if (!isDataField(f)) {
      // 003 goes to 801 (below); RUSMARC 003 is a persistent identifier, something else.
      if (f.tag === '001' || f.tag === '005') out.push({ tag: f.tag, value: f.value });
      else if (f.tag !== '008' && f.tag !== '003') options.onUnmapped?.(f);
      continue;
    }
    if (f.tag === '040') {
      out.push(...build801(f, options.country ?? 'RU'));
      continue;
    }
    const made = RULES[f.tag]?.(f, record);
    if (!made) {
      options.onUnmapped?.(f);
      continue;
    }
    if (made.subfields.length > 0) out.push(made);
  }
  const issuer = issuing801(record, out, options.country ?? 'RU');
  if (issuer) out.push(issuer);
  out.sort((x, y) => (x.tag < y.tag ? -1 : x.tag > y.tag ? 1 : 0));
  return { leader, fields: out };
}

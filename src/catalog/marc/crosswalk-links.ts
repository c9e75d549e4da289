// Links to the host record, both ways: RUSMARC 461 (the set a volume belongs to) and 463 (the piece a part
// is in) ↔ MARC 21 773 (host item entry). Without them a volume exported as MARC 21 is "Вып. 22" with no
// sign of "Задачи и этюды".
//
// RUSMARC links are written in the embedded-field technique by ИРБИС and the national libraries: each
// embedded field of the host record starts with $1 holding its tag and indicators ("2001 ", or "001" and
// the value for a control field), and the subfields after it are that field's. The standard technique
// ($t title, $v volume, … straight in the link field) is read too. The catalogue reads the set's title
// from either (record-fields.rusmarc.ts); the way back writes the embedded technique, as NLR does.
//
// What is carried: the host's control number (embedded 001 / $0 ↔ $w, as given: a MARC 21 "(OrgCode)"
// prefix stays, a bare number is not given an agency it may not have), title (200 $a / $t ↔ $t), part
// (200 $v / $v ↔ $g), main entry (700/701 $a $b / $a ↔ $a "Surname, Initials"), edition (205 $a / $e
// ↔ $b), ISBN (010 $a / $y ↔ $z), ISSN (011 $a / $x ↔ $x). Other embedded fields are left out.

import { df, firstValue, stripIsbd } from './crosswalk-common';
import type { MarcDataField, MarcSubfield } from './record';

/** 773's subfields in the order MARC 21 lists them. */
const ORDER = ['a', 't', 'b', 'g', 'x', 'z', 'w'];

/** The standard technique's subfields → 773. */
const STANDARD: Record<string, string> = { a: 'a', t: 't', e: 'b', v: 'g', x: 'x', y: 'z', '0': 'w' };

/** An embedded field's subfield → 773, by the embedded tag. */
const EMBEDDED: Record<string, Record<string, string>> = {
  '200': { a: 't', v: 'g' },
  '205': { a: 'b' },
  '010': { a: 'z' },
  '011': { a: 'x' },
};

/**
 * RUSMARC 461/463 → MARC 21 773. Display of the note: RUSMARC ind2 1 "make a note" is 773 ind1 0
 * "display note", ind2 0 is ind1 1. Undefined when nothing of the host could be carried.
 */
export function linkToMarc21(field: MarcDataField): MarcDataField | undefined {
  const found: Record<string, string> = {};
  const put = (code: string, value: string) => {
    const v = stripIsbd(value);
    if (v && found[code] === undefined) found[code] = v;
  };
  let embedded: string | null = null;
  // The host's main entry: the first embedded 700/701, surname in $a and initials in $b.
  const person = { a: '', b: '', done: false };
  for (const s of field.subfields) {
    if (s.code === '1') {
      if (embedded === '700' || embedded === '701') person.done = true;
      embedded = s.value.slice(0, 3);
      if (embedded === '001') put('w', s.value.slice(3));
      continue;
    }
    if (embedded === null) {
      const code = STANDARD[s.code];
      if (code) put(code, s.value);
    } else if ((embedded === '700' || embedded === '701') && !person.done) {
      if ((s.code === 'a' || s.code === 'b') && !person[s.code]) person[s.code] = stripIsbd(s.value);
    } else {
      const code = EMBEDDED[embedded]?.[s.code];
      if (code) put(code, s.value);
    }
  }
  if (person.a) put('a', person.b ? `${person.a}, ${person.b}` : person.a);
  const subfields = ORDER.filter((c) => found[c] !== undefined).map((code) => ({ code, value: found[code]! }));
  if (!subfields.length) return undefined;
  return df('773', field.ind2 === '1' ? '0' : '1', ' ', subfields);
}

/**
 * MARC 21 773 → RUSMARC: 463 (piece) for a component part (leader/07 a, b or d: the host holds it), else
 * 461 (set: a volume of a multipart work), in the embedded technique.
 */
export function linkToRusmarc(field: MarcDataField, leader: string): MarcDataField | undefined {
  const level = leader.charAt(7);
  const tag = level === 'a' || level === 'b' || level === 'd' ? '463' : '461';
  const value = (code: string) => {
    const v = firstValue(field, code);
    return v === undefined ? undefined : stripIsbd(v);
  };
  const subs: MarcSubfield[] = [];
  const embed = (head: string, inner: [string, string | undefined][]) => {
    const present = inner.filter((p): p is [string, string] => !!p[1]);
    if (!present.length) return;
    subs.push({ code: '1', value: head });
    for (const [code, v] of present) subs.push({ code, value: v });
  };
  const w = value('w');
  if (w) subs.push({ code: '1', value: `001${w}` });
  const a = value('a');
  if (a) {
    const comma = a.indexOf(', ');
    embed('700 1', comma > 0 ? [['a', a.slice(0, comma)], ['b', a.slice(comma + 2)]] : [['a', a]]);
  }
  embed('2001 ', [
    ['a', value('t')],
    ['v', value('g')],
  ]);
  embed('205  ', [['a', value('b')]]);
  embed('010  ', [['a', value('z')]]);
  embed('011  ', [['a', value('x')]]);
  if (!subs.length) return undefined;
  return df(tag, ' ', field.ind1 === '0' ? '1' : '0', subs);
}

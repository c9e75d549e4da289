// What a record says of its own character set, and of the agency behind its control number, in the
// places each format keeps them. Every writer here writes UTF-8 whatever a record was read from (CP1251,
// MARC-8), so a copy that is written out must say Unicode or a reader trusting it decodes mojibake:
// MARC 21 in leader/09 ("a", UCS/Unicode), RUSMARC in 100 $a/26-29 ("50" ISO 10646, then two blanks: as
// records made in the staff app and by the crosswalk say). RUSMARC leader/09 is undefined (blank) and
// is left as it is; yaz-marcdump sets it to "a" in MARCXML whatever the format, we do not.

import { getDataFields, getSubfield, isDataField, type MarcFormat, type MarcRecord } from './record';

/** RUSMARC 100 $a/26-29 for a record in Unicode. */
export const RUSMARC_UNICODE = '50  ';

/** A MARC 21 leader saying UCS/Unicode in position 09; a leader too short to have one is left alone. */
export function unicodeLeader(leader: string): string {
  return leader.length < 10 || leader.charAt(9) === 'a' ? leader : `${leader.slice(0, 9)}a${leader.slice(10)}`;
}

/** A RUSMARC / UNIMARC 100 $a saying Unicode in positions 26-29 (padded with blanks to 36 positions when shorter). */
export function unicode100a(value: string): string {
  if (value.slice(26, 30) === RUSMARC_UNICODE) return value;
  const a = value.padEnd(36, ' ');
  return `${a.slice(0, 26)}${RUSMARC_UNICODE}${a.slice(30)}`;
}

/**
 * A copy of the record that says it is in Unicode, for writing it out: MARC 21 leader/09, RUSMARC 100 $a
 * positions 26-29 (a shorter 100 $a is padded with blanks to its 36 positions). A RUSMARC record without
 * 100 $a is left without one: the crosswalk and the staff app always write it, and dates cannot be made up.
 * The record given is not changed.
 */
export function declareUnicode(record: MarcRecord, format: MarcFormat): MarcRecord {
  if (format === 'marc21') {
    const leader = unicodeLeader(record.leader);
    return leader === record.leader ? record : { ...record, leader };
  }
  let changed = false;
  const fields = record.fields.map((f) => {
    if (!isDataField(f) || f.tag !== '100') return f;
    const subfields = f.subfields.map((s) => {
      if (s.code !== 'a' || s.value.slice(26, 30) === RUSMARC_UNICODE) return s;
      changed = true;
      return { code: s.code, value: unicode100a(s.value) };
    });
    return { ...f, subfields };
  });
  return changed ? { ...record, fields } : record;
}

/**
 * The agency behind a RUSMARC record's 001, as the catalogue identifies a record (with its 001) when it is
 * imported again: 801 $b of the distributing agency (ind2 3: the one that issued the record under this
 * number, MARC 21 003), else of the original cataloguing agency (ind2 0), else of the first 801 given.
 */
export function rusmarcControlSource(record: MarcRecord): string | null {
  const fields = getDataFields(record, '801');
  const agency = fields.find((f) => f.ind2 === '3') ?? fields.find((f) => f.ind2 === '0') ?? fields[0];
  const value = agency ? getSubfield(agency, 'b')?.trim() : undefined;
  return value || null;
}

// The in-memory MARC record shared by every reader, writer and crosswalk of this folder: a leader and
// fields in record order, values already decoded to Unicode strings.

export interface MarcSubfield {
  code: string;
  value: string;
}

/** A field without indicators and subfields: 00X fields, and every field of a file with indicator count 0. */
export interface MarcControlField {
  tag: string;
  value: string;
}

export interface MarcDataField {
  tag: string;
  ind1: string;
  ind2: string;
  subfields: MarcSubfield[];
}

export type MarcField = MarcControlField | MarcDataField;

export interface MarcRecord {
  /** 24 characters; positions 00-04 and 12-16 are recomputed by the writers. */
  leader: string;
  fields: MarcField[];
}

export type MarcFormat = 'marc21' | 'rusmarc';

export function isDataField(field: MarcField): field is MarcDataField {
  return 'subfields' in field;
}

export function isControlField(field: MarcField): field is MarcControlField {
  return !('subfields' in field);
}

/** 00X tags never carry indicators or subfields in MARC 21 nor in UNIMARC/RUSMARC. */
export function isControlTag(tag: string): boolean {
  return tag.length === 3 && tag.charCodeAt(0) === 0x30 && tag.charCodeAt(1) === 0x30;
}

export function controlField(tag: string, value: string): MarcControlField {
  return { tag, value };
}

export function dataField(
  tag: string,
  ind1: string,
  ind2: string,
  subfields: ReadonlyArray<readonly [string, string]> | MarcSubfield[],
): MarcDataField {
  const list: MarcSubfield[] = subfields.map((s) =>
    Array.isArray(s) ? { code: s[0] as string, value: s[1] as string } : { ...(s as MarcSubfield) },
  );
  return { tag, ind1, ind2, subfields: list };
}

/** A blank leader of the right length; the writers fill in lengths and addresses. */
export function emptyLeader(format: MarcFormat = 'marc21'): string {
  return format === 'marc21' ? '00000nam a2200000 a 4500' : '00000nam  2200000   450 ';
}

export function getFields(record: MarcRecord, ...tags: string[]): MarcField[] {
  if (tags.length === 0) return record.fields.slice();
  return record.fields.filter((f) => tags.includes(f.tag));
}

export function getDataFields(record: MarcRecord, ...tags: string[]): MarcDataField[] {
  const out: MarcDataField[] = [];
  for (const f of record.fields) if (isDataField(f) && (tags.length === 0 || tags.includes(f.tag))) out.push(f);
  return out;
}

export function getField(record: MarcRecord, tag: string): MarcField | undefined {
  return record.fields.find((f) => f.tag === tag);
}

export function getDataField(record: MarcRecord, tag: string): MarcDataField | undefined {
  for (const f of record.fields) if (f.tag === tag && isDataField(f)) return f;
  return undefined;
}

export function getControlValue(record: MarcRecord, tag: string): string | undefined {
  for (const f of record.fields) if (f.tag === tag && isControlField(f)) return f.value;
  return undefined;
}

export function getSubfields(field: MarcDataField, ...codes: string[]): string[] {
  const out: string[] = [];
  for (const s of field.subfields) if (codes.length === 0 || codes.includes(s.code)) out.push(s.value);
  return out;
}

export function getSubfield(field: MarcDataField, code: string): string | undefined {
  for (const s of field.subfields) if (s.code === code) return s.value;
  return undefined;
}

/** First value of `tag $code` in the record, the most common question a catalogue asks. */
export function getValue(record: MarcRecord, tag: string, code?: string): string | undefined {
  for (const f of record.fields) {
    if (f.tag !== tag) continue;
    if (!isDataField(f)) return code === undefined ? f.value : undefined;
    const v = code === undefined ? f.subfields[0]?.value : getSubfield(f, code);
    if (v !== undefined) return v;
  }
  return undefined;
}

export function cloneRecord(record: MarcRecord): MarcRecord {
  return {
    leader: record.leader,
    fields: record.fields.map((f) =>
      isDataField(f)
        ? {
            tag: f.tag,
            ind1: f.ind1,
            ind2: f.ind2,
            subfields: f.subfields.map((s) => ({ code: s.code, value: s.value })),
          }
        : { tag: f.tag, value: f.value },
    ),
  };
}

/** Inserts keeping tags ascending, after the last field with the same or a smaller tag. */
export function insertFieldOrdered(record: MarcRecord, field: MarcField): void {
  let at = record.fields.length;
  while (at > 0 && (record.fields[at - 1] as MarcField).tag > field.tag) at--;
  record.fields.splice(at, 0, field);
}

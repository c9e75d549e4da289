/**
 * A MARC record as lines of text, the way cataloguers read and type it:
 *
 *     LDR 00000nam  2200000   450 
 *     001 RU\NLR\bibl\123
 *     200 1# $aДжамиля$eповесть$fЧингиз Айтматов
 *
 * A line is a tag, a space, then for 00X fields the value; for other fields two indicators (a digit, a
 * lowercase Latin letter, or `#` or a space for a blank), a space and the subfields, each `$` and its code. A `$` inside a value is written
 * `{dollar}`. Empty lines are skipped. Reading gives every problem with its line number, so the editor
 * can name them all at once; nothing is guessed.
 */
import { MARC_INDICATOR, MARC_LEADER, secondControlNumber } from './catalog.schemas';
import { isControlTag, type MarcField, type MarcRecord } from './marc/record';

export type MarcLinesProblemCode =
  | 'leader_missing'
  | 'leader_length'
  | 'leader_invalid'
  | 'tag'
  | 'separator'
  | 'indicators'
  | 'indicator_value'
  | 'no_subfields'
  | 'subfield_code'
  | 'terminator'
  | 'no_fields'
  | 'control_number_repeated';

export interface MarcLinesProblem {
  /** 1-based line of the text; 0 for the record as a whole. */
  line: number;
  code: MarcLinesProblemCode;
}

const DOLLAR = '{dollar}';
const BLANK = '#';

function escapeValue(value: string): string {
  return value.replaceAll('$', DOLLAR);
}

function unescapeValue(value: string): string {
  return value.replaceAll(DOLLAR, '$');
}

export function marcToLines(marc: MarcRecord): string {
  const lines = [`LDR ${marc.leader}`];
  for (const field of marc.fields) {
    if ('subfields' in field) {
      const ind = (c: string) => (c === ' ' ? BLANK : c);
      lines.push(`${field.tag} ${ind(field.ind1)}${ind(field.ind2)} ${field.subfields.map((s) => `$${s.code}${escapeValue(s.value)}`).join('')}`);
    } else {
      lines.push(`${field.tag} ${field.value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

// eslint-disable-next-line no-control-regex -- the ISO 2709 terminators are exactly what a value may not hold
const TERMINATORS = /[\x1d\x1e\x1f]/;

function readField(line: string, at: number, problems: MarcLinesProblem[]): MarcField | null {
  const tag = line.slice(0, 3);
  const problem = (code: MarcLinesProblemCode) => (problems.push({ line: at, code }), null);
  if (!/^[0-9A-Za-z]{3}$/.test(tag)) return problem('tag');
  if (line.length > 3 && line[3] !== ' ') return problem('separator');
  if (TERMINATORS.test(line)) return problem('terminator');
  if (isControlTag(tag)) return { tag, value: line.slice(4) };
  const indicators = line.slice(4, 6);
  if (indicators.length !== 2 || line[6] !== ' ') return problem('indicators');
  const body = line.slice(7);
  if (!body.startsWith('$') || body.length < 2) return problem('no_subfields');
  const subfields = [];
  for (const part of body.slice(1).split('$')) {
    // Any character is kept as a code here (records from elsewhere carry a few odd ones); which codes
    // may be saved is the record check's business (ZMarcRecord), which names the line too.
    const code = part[0];
    if (!code) return problem('subfield_code');
    subfields.push({ code, value: unescapeValue(part.slice(1)) });
  }
  const ind = (c: string) => (c === BLANK ? ' ' : c);
  const [ind1, ind2] = [ind(indicators[0]!), ind(indicators[1]!)];
  // Checked here rather than left to the record check, to say what an indicator may be.
  if (!MARC_INDICATOR.test(ind1) || !MARC_INDICATOR.test(ind2)) return problem('indicator_value');
  return { tag, ind1, ind2, subfields };
}

/** The record the lines describe (with the line of each field), or every problem found in them. */
export function linesToMarc(
  text: string,
): { marc: MarcRecord; fieldLines: number[]; problems: [] } | { marc: null; problems: MarcLinesProblem[] } {
  const problems: MarcLinesProblem[] = [];
  let leader: string | null = null;
  const fields: MarcField[] = [];
  const fieldLines: number[] = [];
  // Trailing blanks are kept: they belong to the value (008's positions, a subfield's last space).
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    if (line.startsWith('LDR')) {
      // Trailing blanks of the leader are its own; an editor that drops them loses nothing.
      const value = line.slice(4).padEnd(24, ' ');
      if (value.length !== 24) problems.push({ line: i + 1, code: 'leader_length' });
      else if (!MARC_LEADER.test(value)) problems.push({ line: i + 1, code: 'leader_invalid' });
      else leader = value;
      return;
    }
    const field = readField(line, i + 1, problems);
    if (field) {
      fields.push(field);
      fieldLines.push(i + 1);
    }
  });
  if (leader === null && !problems.some((p) => p.code === 'leader_length' || p.code === 'leader_invalid')) problems.push({ line: 0, code: 'leader_missing' });
  const repeated = secondControlNumber(fields);
  if (repeated >= 0) problems.push({ line: fieldLines[repeated]!, code: 'control_number_repeated' });
  if (!fields.length && !problems.some((p) => p.line > 0)) problems.push({ line: 0, code: 'no_fields' });
  problems.sort((a, b) => a.line - b.line);
  return problems.length || leader === null ? { marc: null, problems } : { marc: { leader, fields }, fieldLines, problems: [] };
}

/**
 * The record with its fields in tag order, as catalogues keep them: a field an expert adds at the end of
 * the text goes to its place when saved. Fields of one tag keep their order.
 */
export function inTagOrder<T extends MarcRecord>(record: T): T {
  const fields = record.fields.map((field, i) => ({ field, i }));
  fields.sort((a, b) => (a.field.tag < b.field.tag ? -1 : a.field.tag > b.field.tag ? 1 : a.i - b.i));
  return { ...record, fields: fields.map((f) => f.field) };
}

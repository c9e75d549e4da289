/**
 * Reading the Federal list of extremist materials as published: numbered text entries
 * ("1234. Книга Иванова И.И. «Название» (решение … суда от …);", each may run over several lines) or
 * CSV (number; text, a quoted cell may run over several lines). The file is read both ways and the
 * reading with more entries wins, so one wrapped line that looks like a CSV row ("2011, 180 с.") does
 * not turn a numbered list into CSV. An entry's title and author keys: extremist-describe.ts.
 *
 * Nothing is dropped silently: skipped lines, numbered lines read as the continuation of an entry and
 * numbers given twice come back with their line numbers for the person who imports the list.
 */
import { describeEntry } from './extremist-describe';

export { describeEntry, matchKey } from './extremist-describe';

export interface ListEntry {
  number: number;
  text: string;
  titleKey: string;
  authorKey: string;
}

/** A line of the file (1-based) and its text, trimmed and cut to 200 characters. */
export interface ListLine {
  line: number;
  text: string;
}

export interface ParsedList {
  entries: ListEntry[];
  /** How many lines were neither an entry nor the continuation of one (blank lines are not counted). */
  skipped: number;
  /** How the file was read. */
  format: 'numbered' | 'csv';
  /** The first skipped lines (at most SAMPLE_LINES): headings, a CSV header, rows without a number or text. */
  skippedLines: ListLine[];
  /** Numbered lines read as the continuation of entry `entry` ("2003. – 240 с."), not as entry `number`. */
  joined: (ListLine & { number: number; entry: number })[];
  /** Entries whose number an earlier entry has: the earlier one is kept, these are not imported. */
  duplicates: (ListLine & { number: number })[];
}

/** How many lines of each kind the result names (their counts are not limited). */
export const SAMPLE_LINES = 50;
/** The numbers of a published list go up by one; an extract may leave a few out. */
const NEXT_GAP = 10;

interface Reading {
  format: ParsedList['format'];
  /** Entries in the order of the file, each with its first line. */
  found: { line: number; number: number; text: string }[];
  skippedLines: ListLine[];
  skipped: number;
  joined: ParsedList['joined'];
}

const cut = (text: string) => text.trim().slice(0, 200);

function entry(number: number, text: string): ListEntry {
  const clean = text.replace(/\s+/g, ' ').trim().replace(/;$/, '').trim();
  return { number, text: clean, ...describeEntry(clean) };
}

function newReading(format: Reading['format']): Reading {
  return { format, found: [], skippedLines: [], skipped: 0, joined: [] };
}

function skip(reading: Reading, index: number, text: string) {
  reading.skipped++;
  if (reading.skippedLines.length < SAMPLE_LINES) reading.skippedLines.push({ line: index + 1, text: cut(text) });
}

// ---- Numbered text -------------------------------------------------------------------------------

const NUMBERED = /^\s*(\d{1,6})\.(?:\s+|$)(.*)$/;
/** Publication details, not an entry: "– 240 с.", "240 с., ил.", "2010, 200 с.", "С. 15–20", "М.: Наука". */
const SURELY_CONTINUED =
  /^(?:[–—−-]|\d+\s*(?:с|стр|л|экз|ил)\.|\d{4}\s*[,.]|[СCсc]\.\s*\d|(?:[А-ЯЁ][А-ЯЁа-яё]{0,3}\.\s*)+:)/;
/** Rather a continuation, unless the number follows the previous entry's: a lowercase word, a digit, "(". */
const LIKELY_CONTINUED = /^[а-яёa-z(\d]/;
/** How entries begin: the kind of material, a title in quotes, "Исключен". */
const STARTS_LIKE_ENTRY =
  /^(?:книг|брошюр|стать|листовк|видео|аудио|информационн|печатн|интернет|журнал|газет|сборник|материал|исключен|[«"„“])/i;

const follows = (previous: number, number: number) => number > previous && number - previous <= NEXT_GAP;

/** An entry's text that cannot end there: a comma, colon or dash at its end, an open parenthesis or «. */
function unfinished(text: string): boolean {
  const t = text.trimEnd();
  const count = (c: string) => t.split(c).length - 1;
  return /[,:(–—−-]$/.test(t) || count('(') > count(')') || count('«') > count('»');
}

/** The number of the next numbered line after `from` that may start an entry. */
function nextNumber(lines: readonly string[], from: number): number | undefined {
  for (let i = from; i < lines.length; i++) {
    const m = NUMBERED.exec(lines[i]!);
    if (m && !SURELY_CONTINUED.test(m[2]!)) return Number(m[1]);
  }
  return undefined;
}

/**
 * Whether a line "NNNN. text" starts entry NNNN or continues the current one. The numbers of the list
 * go up: a number that follows the highest so far starts an entry unless its text is surely publication
 * details; one that breaks the sequence continues an unfinished entry, or is a year ("2003. Тираж…")
 * between two entries that follow each other; otherwise it is an entry, out of order or given twice.
 */
function startsEntry(
  lines: readonly string[],
  index: number,
  number: number,
  text: string,
  current: { text: string } | null,
  highest: number,
): boolean {
  if (!current) return true;
  if (SURELY_CONTINUED.test(text)) return false;
  if (follows(highest, number)) return true;
  if (!text || LIKELY_CONTINUED.test(text) || unfinished(current.text)) return false;
  const next = nextNumber(lines, index + 1);
  const year = number >= 1800 && number <= 2100;
  return !(year && !STARTS_LIKE_ENTRY.test(text) && (next === undefined || !follows(number, next)));
}

function readNumbered(lines: readonly string[]): Reading {
  const reading = newReading('numbered');
  let current: Reading['found'][number] | null = null;
  let highest = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = NUMBERED.exec(line);
    if (m && startsEntry(lines, i, Number(m[1]), m[2]!.trim(), current, highest)) {
      current = { line: i + 1, number: Number(m[1]), text: m[2]! };
      reading.found.push(current);
      highest = Math.max(highest, current.number);
    } else if (line.trim() && current) {
      if (m && reading.joined.length < SAMPLE_LINES)
        reading.joined.push({ line: i + 1, text: cut(line), number: Number(m[1]), entry: current.number });
      current.text += ` ${line.trim()}`;
    } else if (line.trim()) {
      skip(reading, i, line);
    }
  }
  return reading;
}

// ---- CSV -----------------------------------------------------------------------------------------

/** A quoted cell runs over at most this many lines; a quote left open longer is taken literally. */
const MAX_CELL_LINES = 50;
const SEPARATORS = [';', '\t', ','] as const;
/** A line that starts like a row with this separator: "12;…", "\"12\",…". */
const rowStart = (sep: string) => new RegExp(`^\\s*"?\\d+"?\\s*${sep}`);

/** The separator of the most lines that start like a row, or null when none does. */
function csvSeparator(lines: readonly string[]): string | null {
  let best: string | null = null;
  let most = 0;
  for (const sep of SEPARATORS) {
    const row = rowStart(sep);
    const n = lines.reduce((count, line) => count + (row.test(line) ? 1 : 0), 0);
    if (n > most) [best, most] = [sep, n];
  }
  return best;
}

/**
 * The cells of the row starting at line `start` and the index of its last line: a cell that opens with
 * a quote ends at the closing quote, on a later line if need be ("" is a quote inside) — but not on a
 * line that starts a row of its own. `single` reads the one line only, an unclosed quote running to its end.
 */
function csvRow(
  lines: readonly string[],
  start: number,
  sep: string,
  row: RegExp,
  single = false,
): { cells: string[]; last: number } {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  const stop = single ? start + 1 : Math.min(lines.length, start + MAX_CELL_LINES);
  for (let l = start; l < stop; l++) {
    const line = lines[l]!;
    if (l > start && row.test(line)) break;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"' && cell.trim() === '') {
        quoted = true;
        cell = '';
      } else if (c === sep) {
        cells.push(cell);
        cell = '';
      } else cell += c;
    }
    if (!quoted || single) {
      cells.push(cell);
      return { cells, last: l };
    }
    cell += '\n';
  }
  return csvRow(lines, start, sep, row, true);
}

function readCsv(lines: readonly string[]): Reading {
  const reading = newReading('csv');
  const sep = csvSeparator(lines);
  if (!sep) return reading;
  const row = rowStart(sep);
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.trim()) continue;
    const { cells, last } = csvRow(lines, i, sep, row);
    const [num, ...rest] = cells;
    const number = /^\s*\d{1,6}\s*$/.test(num ?? '') ? Number(num) : NaN;
    const text = rest.join(sep === ',' ? ', ' : ' ').trim();
    if (number > 0 && text) reading.found.push({ line: i + 1, number, text });
    else skip(reading, i, lines.slice(i, last + 1).join(' '));
    i = last;
  }
  return reading;
}

// ---- The list ------------------------------------------------------------------------------------

/** Entries by number, the first of a number kept and the later ones reported. */
function numbered(reading: Reading): Pick<ParsedList, 'entries' | 'duplicates'> {
  const byNumber = new Map<number, ListEntry>();
  const duplicates: ParsedList['duplicates'] = [];
  for (const found of reading.found) {
    if (!byNumber.has(found.number)) byNumber.set(found.number, entry(found.number, found.text));
    else duplicates.push({ line: found.line, number: found.number, text: cut(found.text) });
  }
  return { entries: [...byNumber.values()].sort((a, b) => a.number - b.number), duplicates };
}

export function parseExtremistList(input: string): ParsedList {
  const lines = input.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  const text = readNumbered(lines);
  const csv = readCsv(lines);
  // The reading with more entries; with as many, the one the first line of data is written in.
  const firstData = lines.find((l) => NUMBERED.test(l) || /^\s*"?\d+"?\s*[;,\t]/.test(l)) ?? '';
  const useCsv =
    csv.found.length > text.found.length || (csv.found.length === text.found.length && !NUMBERED.test(firstData));
  const reading = useCsv ? csv : text;
  const { entries, duplicates } = numbered(reading);
  return {
    entries,
    skipped: reading.skipped,
    format: reading.format,
    skippedLines: reading.skippedLines,
    joined: reading.joined,
    duplicates,
  };
}

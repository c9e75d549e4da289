/**
 * Reading the Federal list of extremist materials as published: numbered text entries
 * ("1234. Книга Иванова И.И. «Название» (решение … суда от …);") or CSV (number; text). An entry's
 * title is its first «…» (or "…") quotation; its author, a surname with initials next to it.
 */
import { foldText } from '../../app/text-fold';

export interface ListEntry {
  number: number;
  text: string;
  titleKey: string;
  authorKey: string;
}

export interface ParsedList {
  entries: ListEntry[];
  /** Lines that were neither an entry nor the continuation of one (headings, blank lines are skipped). */
  skipped: number;
}

// «…» first: it may hold "…" inside; plain quotes only when there are no guillemets.
const GUILLEMETS = /«([^»]{2,300})»/;
const QUOTES = /["“„]([^"”“]{2,300})["”“]/;
// Surname + initials (Иванов И.И., Иванова И. И.) or initials + surname (И.И. Иванов); Kyrgyz names
// have Ң, Ө, Ү besides the Russian letters (Үсөнова К.В., Ч.П. Өмүралиева).
const UPPER = 'А-ЯЁҢӨҮA-Z';
const LOWER = 'а-яёңөүa-z';
const SURNAME_FIRST = new RegExp(`([${UPPER}][${LOWER}-]{1,40})\\s+[${UPPER}]\\.\\s?(?:[${UPPER}]\\.)?`);
const INITIALS_FIRST = new RegExp(`[${UPPER}]\\.\\s?(?:[${UPPER}]\\.\\s?)?([${UPPER}][${LOWER}-]{1,40})`);

/** Folded, punctuation to spaces, single-spaced. */
export function matchKey(value: string): string {
  return foldText(value)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The title and author keys of one entry's text. */
export function describeEntry(text: string): { titleKey: string; authorKey: string } {
  const quoted = GUILLEMETS.exec(text) ?? QUOTES.exec(text);
  // Without quotes, the text before the court's decision stands in for the title.
  const title = quoted ? quoted[1]! : text.replace(/\(.*$/s, '').slice(0, 200);
  const before = quoted ? text.slice(0, quoted.index) : text;
  // Initials first wins: "Брошюра П.П. Петрова" would otherwise give the surname "Брошюра".
  const author = INITIALS_FIRST.exec(before)?.[1] ?? SURNAME_FIRST.exec(before)?.[1] ?? '';
  return { titleKey: matchKey(title), authorKey: matchKey(author) };
}

function splitCsvLine(line: string, sep: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === sep) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

function entry(number: number, text: string): ListEntry {
  const clean = text.replace(/\s+/g, ' ').trim().replace(/;$/, '').trim();
  return { number, text: clean, ...describeEntry(clean) };
}

/** CSV when the first data line starts with a number followed by ; or , (and a quote or text). */
function csvSeparator(lines: string[]): string | null {
  const first = lines.find((l) => /^\s*"?\d+"?\s*[;,\t]/.test(l));
  if (!first) return null;
  return /^\s*"?\d+"?\s*;/.test(first) ? ';' : /^\s*"?\d+"?\s*\t/.test(first) ? '\t' : ',';
}

export function parseExtremistList(input: string): ParsedList {
  const lines = input.replace(/^\uFEFF/, '').split(/\r?\n/);
  const entries: ListEntry[] = [];
  let skipped = 0;
  const sep = csvSeparator(lines);
  if (sep) {
    for (const line of lines) {
      if (!line.trim()) continue;
      const [num, ...rest] = splitCsvLine(line, sep);
      const number = Number(num?.trim());
      const text = rest.join(' ').trim();
      if (Number.isInteger(number) && number > 0 && text) entries.push(entry(number, text));
      else skipped++;
    }
    return { entries: dedupe(entries), skipped };
  }
  // Numbered text: an entry starts with "1234." and may run over several lines.
  let current: { number: number; text: string } | null = null;
  for (const line of lines) {
    const m = /^\s*(\d{1,6})\.\s+(.*)$/.exec(line);
    if (m) {
      if (current) entries.push(entry(current.number, current.text));
      current = { number: Number(m[1]), text: m[2]! };
    } else if (line.trim() && current) {
      current.text += ` ${line.trim()}`;
    } else if (line.trim()) {
      skipped++;
    }
  }
  if (current) entries.push(entry(current.number, current.text));
  return { entries: dedupe(entries), skipped };
}

/** The list has, rarely, a number printed twice: the later text wins. */
function dedupe(entries: ListEntry[]): ListEntry[] {
  return [...new Map(entries.map((e) => [e.number, e])).values()].sort((a, b) => a.number - b.number);
}

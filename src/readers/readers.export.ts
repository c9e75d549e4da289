/** CSV of a reader list (the XLSX goes through src/app/xlsx.ts with the same columns). */
import type { XlsxColumn } from '../app/xlsx';

const cell = (v: string | number | boolean | null) => {
  const s = v === null ? '' : String(v);
  return /[",;\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** Comma-separated, UTF-8 with a byte-order mark so spreadsheet programs read Cyrillic correctly. */
export function readersCsv<T>(columns: XlsxColumn<T>[], rows: T[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

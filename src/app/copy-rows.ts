/**
 * Many rows into one table by `COPY … FROM`, on the connection of the transaction given: the server
 * reads each value from PostgreSQL's text format straight into its column, where an INSERT of the same
 * rows reads them out of a JSON parameter first (the import's records: decision record "import without
 * the trigram index"). On PostgreSQL through pg-copy-streams, on PGlite from a blob.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from './db';

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escapeText = (value: string) => (NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, (c) => ESCAPES[c]!) : value);

/** An array literal ({"a","b"}) of text values. */
const arrayLiteral = (values: readonly unknown[]) =>
  `{${values.map((v) => (v === null || v === undefined ? 'NULL' : `"${(typeof v === 'string' ? v : JSON.stringify(v)).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;

/**
 * One value in COPY's text format: null as \N, arrays as array literals, other objects as JSON (for
 * json and jsonb columns; a JSON array goes as its text), dates as ISO timestamps; backslash, tab and
 * line breaks escaped.
 */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return escapeText(arrayLiteral(value));
  return escapeText(JSON.stringify(value));
}

/** Rows (each an array of values in the order of the columns) as the text COPY reads, about 64 KB at a time. */
function* copyText(rows: readonly (readonly unknown[])[]): Generator<string> {
  let text = '';
  for (const row of rows) {
    text += `${row.map(copyField).join('\t')}\n`;
    if (text.length >= 65_536) {
      yield text;
      text = '';
    }
  }
  if (text) yield text;
}

interface PgliteTransaction {
  query(query: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}

/** `COPY table (columns) FROM` the rows, in the transaction `db` (the same connection as its other statements). */
export async function copyRows(db: Db, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
  if (!rows.length) return;
  const into = `copy "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) from`;
  const client = (db as unknown as { session: { client: unknown } }).session.client;
  // A pool would run the COPY on a connection of its choosing, outside the caller's transaction.
  if (client instanceof pg.Pool) throw new Error('copyRows runs in a transaction');
  if (client instanceof pg.Client) {
    await pipeline(Readable.from(copyText(rows)), client.query(copyFrom(`${into} stdin`)));
  } else {
    await (client as PgliteTransaction).query(`${into} '/dev/blob'`, [], { blob: new Blob([...copyText(rows)]) });
  }
}

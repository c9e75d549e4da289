/**
 * The backup file format (version 1): a gzip-compressed text file of JSON lines, UTF-8.
 *
 *   line 1            header: {"format":"kitepkana-backup","version":1,"createdAt":ISO,"app":{name,version},
 *                     "database":"pglite"|"postgresql","migrations":[{hash,createdAt,name?}],
 *                     "tables":[{name,rows,columns}],"sequences":[{name,lastValue,isCalled}]}
 *   per table         {"table":NAME,"rows":N}, then exactly N lines, one row each: a JSON array with one
 *   (header order)    element per column (in the header's column order): PostgreSQL's own text form of
 *                     the value, or null for SQL NULL. Text forms go back through each type's input
 *                     function, so every type round-trips exactly, numbers keep every digit, and a jsonb
 *                     holding JSON null ("null") stays distinct from SQL NULL (null) — which
 *                     row_to_json-style objects cannot tell apart.
 *   last line         {"end":"kitepkana-backup","tables":T,"rows":R}
 *
 * Rows are always JSON arrays and markers always objects, so a lost or extra line is noticed at once.
 * Tables come from the `public` schema at backup time, rows ordered by primary key; generated columns
 * are left out (the database recomputes them). The `sessions` table is never backed up: logins do not
 * survive a restore. Counts in the header, the section lines and the trailer let restore tell a
 * complete file from a truncated one even before gzip notices.
 */
import { createReadStream, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';

export const FORMAT = 'kitepkana-backup';
export const FORMAT_VERSION = 1;
/** Tables whose rows are not worth keeping: restored logins would be a security surprise. */
export const EXCLUDED_TABLES: ReadonlySet<string> = new Set(['sessions']);

/** A failure the user can act on: the CLI prints its message without a stack trace. */
export class BackupError extends Error {}

const ZMigration = z.object({ hash: z.string(), createdAt: z.number(), name: z.string().optional() });
export type Migration = z.infer<typeof ZMigration>;

export const ZHeader = z.object({
  format: z.literal(FORMAT),
  version: z.literal(FORMAT_VERSION),
  createdAt: z.string(),
  app: z.object({ name: z.string(), version: z.string() }),
  database: z.string(),
  migrations: z.array(ZMigration),
  tables: z.array(z.object({ name: z.string(), rows: z.number().int().min(0), columns: z.array(z.string()) })),
  sequences: z.array(z.object({ name: z.string(), lastValue: z.string().regex(/^-?\d+$/), isCalled: z.boolean() })),
});
export type Header = z.infer<typeof ZHeader>;

export const ZSection = z.object({ table: z.string(), rows: z.number().int().min(0) });
export const ZTrailer = z.object({ end: z.literal(FORMAT), tables: z.number().int(), rows: z.number().int() });

/** Parses one structural line (header, section, trailer), turning any mismatch into a readable error. */
export function parseLine<T>(schema: z.ZodType<T>, line: string | undefined, what: string): T {
  if (line === undefined) throw new BackupError(`the file ends before the ${what}: it is truncated`);
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new BackupError(`the ${what} is not valid JSON: the file is damaged or not a Kitepkana backup`);
  }
  // A backup of another format version (a newer Kitepkana) is not damaged: it is said so.
  const header = value as { format?: unknown; version?: unknown } | null;
  if (what === 'header' && header?.format === FORMAT && header.version !== FORMAT_VERSION) {
    throw new BackupError(
      `this backup is in format version ${String(header.version)}, and this Kitepkana reads version ${FORMAT_VERSION}: restore it with the Kitepkana that wrote it, or a newer one`,
    );
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BackupError(
      `unexpected ${what} (${issue?.path.join('.') || 'line'}: ${issue?.message}): the file is damaged`,
    );
  }
  return parsed.data;
}

/** A row line must be one JSON array; checked here so a damaged line is named, not a SQL error. */
export function checkRowLine(line: string | undefined, table: string, index: number): string {
  if (line === undefined)
    throw new BackupError(`the file ends inside table "${table}" (row ${index + 1}): it is truncated`);
  if (line.startsWith('{'))
    throw new BackupError(`table "${table}" has fewer rows than the header says: the file is damaged`);
  if (!line.startsWith('[') || !line.endsWith(']'))
    throw new BackupError(`row ${index + 1} of table "${table}" is damaged`);
  return line;
}

/**
 * The lines of a gzip'd backup, read as a stream. gzip's own checks make a damaged or truncated file
 * fail here with a readable message (zlib says "unexpected end of file" / "incorrect header check").
 */
export async function* readLines(file: string): AsyncGenerator<string> {
  if (statSync(file).size === 0) throw new BackupError(`${file} is empty`);
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  gunzip.setEncoding('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      const from = rest.length; // only the new chunk can hold a newline: long rows are not rescanned
      rest += chunk;
      let start = 0;
      for (let nl = rest.indexOf('\n', from); nl >= 0; nl = rest.indexOf('\n', start)) {
        yield rest.slice(start, nl);
        start = nl + 1;
      }
      rest = rest.slice(start);
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    const gzip = `(gzip: ${(error as Error).message})`;
    if (code === 'Z_BUF_ERROR') throw new BackupError(`${file} is truncated ${gzip}`);
    if (code.startsWith('Z_')) throw new BackupError(`${file} is damaged or not a Kitepkana backup ${gzip}`);
    throw error;
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  if (rest !== '') yield rest;
}

/** Reads only the header: lets the CLI reject a wrong file before it opens (or creates) a database. */
export async function readHeader(file: string): Promise<Header> {
  const lines = readLines(file);
  try {
    const first = await lines.next();
    return parseLine(ZHeader, first.done ? undefined : first.value, 'header');
  } finally {
    await lines.return(undefined);
  }
}

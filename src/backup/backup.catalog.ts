/**
 * What there is to back up, read from pg_catalog at run time, so tables that later domains add are
 * included without touching this code. Every query runs on one transaction (`Query` below): on a pg
 * Pool separate `database.query` calls may land on different connections and see different snapshots.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { MIGRATIONS_FOLDER, type Db } from '../app/db';
import { BackupError, EXCLUDED_TABLES, type Migration } from './backup.format';

export type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** Raw SQL with $1… placeholders on a Drizzle transaction (PGlite and pg both return `{ rows }`). */
export function txQuery(tx: Db): Query {
  return async <T>(text: string, params: unknown[] = []) => {
    // Split "… $2 …" into raw text and parameters, so Drizzle binds them (never string-pasted values).
    const parts = text.split(/\$(\d+)/);
    const chunks: SQL[] = parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${params[Number(part) - 1]}`));
    try {
      // PGlite's Results and pg's QueryResult both carry `rows`; Db's generic result type does not say so.
      const result: unknown = await tx.execute(sql.join(chunks));
      return (result as { rows: T[] }).rows;
    } catch (error) {
      // Drizzle wraps the server's error in one whose message repeats every parameter, which for a
      // restore batch is megabytes of JSON: pass on PostgreSQL's own error instead.
      throw error instanceof Error && error.cause instanceof Error ? error.cause : error;
    }
  };
}

/** Session settings that make PostgreSQL print values in forms its input functions read back exactly. */
export async function setExactFormats(q: Query): Promise<void> {
  await q(`set local timezone = 'UTC'`);
  await q(`set local datestyle = 'ISO, YMD'`);
  await q(`set local intervalstyle = 'postgres'`);
  await q(`set local extra_float_digits = 1`); // shortest text that reads back as the same float
  await q(`set local bytea_output = 'hex'`);
}

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const qualified = (name: string) => `public.${ident(name)}`;

export interface TableInfo {
  name: string;
  /** Stored (not generated) columns, in table order: what a backup holds and a restore inserts. */
  columns: string[];
  /** SQL type of each column (format_type), for casting the saved text back. */
  types: string[];
  primaryKey: string[];
}

/** Application tables of schema `public` (partitions are read through their parent), minus exclusions. */
export async function listTables(q: Query): Promise<TableInfo[]> {
  const rows = await q<{ table: string; column: string; type: string; pk: number | null }>(`
    select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as type,
           array_position(pk.conkey, a.attnum) as pk
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      left join pg_constraint pk on pk.conrelid = c.oid and pk.contype = 'p'
     where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
     order by c.relname, a.attnum`);
  const tables = new Map<
    string,
    { name: string; columns: string[]; types: string[]; pk: { column: string; at: number }[] }
  >();
  for (const row of rows) {
    if (EXCLUDED_TABLES.has(row.table)) continue;
    let t = tables.get(row.table);
    if (!t) tables.set(row.table, (t = { name: row.table, columns: [], types: [], pk: [] }));
    t.columns.push(row.column);
    t.types.push(row.type);
    if (row.pk !== null) t.pk.push({ column: row.column, at: Number(row.pk) });
  }
  // Columns come in table order; the key's own order (conkey) decides how rows are sorted.
  return [...tables.values()].map(({ name, columns, types, pk }) => ({
    name,
    columns,
    types,
    primaryKey: pk.sort((a, b) => a.at - b.at).map((k) => k.column),
  }));
}

/** Every table of `public` including the excluded ones: a forced restore empties them all. */
export async function allTableNames(q: Query): Promise<string[]> {
  const rows = await q<{ name: string }>(`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by 1`);
  return rows.map((r) => r.name);
}

export interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

/** Foreign keys declared on the given tables, with the definition needed to add them back. */
export async function foreignKeys(q: Query, tables: string[]): Promise<ForeignKey[]> {
  return q<ForeignKey>(
    `select c.relname as "table", con.conname as name, pg_get_constraintdef(con.oid) as definition
       from pg_constraint con
       join pg_class c on c.oid = con.conrelid
       join pg_namespace n on n.oid = c.relnamespace
      where con.contype = 'f' and n.nspname = 'public' and con.conparentid = 0
        and c.relname in (select json_array_elements_text($1::json))
      order by 1, 2`,
    [JSON.stringify(tables)], // JSON, not a JS array: Drizzle would expand an array into a list
  );
}

export async function sequences(q: Query): Promise<{ name: string; lastValue: string; isCalled: boolean }[]> {
  const names = await q<{ name: string }>(`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'S' order by 1`);
  const result = [];
  for (const { name } of names) {
    const [s] = await q<{ lastValue: string; isCalled: boolean }>(
      `select last_value::text as "lastValue", is_called as "isCalled" from ${qualified(name)}`,
    );
    if (s) result.push({ name, ...s });
  }
  return result;
}

export async function materializedViews(q: Query): Promise<string[]> {
  const rows = await q<{ name: string }>(`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'm' order by 1`);
  return rows.map((r) => r.name);
}

/** Migrations applied to this database (Drizzle's own table), named from drizzle/meta/_journal.json. */
export async function appliedMigrations(q: Query): Promise<Migration[]> {
  const [exists] = await q<{ ok: boolean }>(`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`);
  if (!exists?.ok) throw new BackupError('this database has no Kitepkana schema (run `kitepkana migrate` first)');
  const rows = await q<{ hash: string; createdAt: string }>(
    `select hash, created_at::text as "createdAt" from drizzle.__drizzle_migrations order by id`,
  );
  const names = journalNames();
  return rows.map((r) => {
    const name = names.get(Number(r.createdAt));
    return { hash: r.hash, createdAt: Number(r.createdAt), ...(name ? { name } : {}) };
  });
}

/** Drizzle stores only hash and timestamp; the journal maps the timestamp to the migration's file name. */
function journalNames(): Map<number, string> {
  try {
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
      entries: { when: number; tag: string }[];
    };
    return new Map(journal.entries.map((e) => [e.when, e.tag]));
  } catch {
    return new Map(); // names are only for messages; hashes decide
  }
}

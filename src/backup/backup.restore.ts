/**
 * Restores a backup into a migrated database, all or nothing: every check, the emptying (--force) and
 * every row happen in one transaction, so a bad or truncated file leaves the database as it was.
 *
 * Foreign keys of the restored tables are dropped for the load and added back (from their own
 * pg_get_constraintdef) before commit, which checks every row at once. This is what pg_dump does; it
 * makes table order irrelevant, including self-references and cycles, and it is also faster.
 */
import { existsSync } from 'node:fs';
import type { Database } from '../app/db';
import {
  allTableNames,
  appliedMigrations,
  foreignKeys,
  ident,
  listTables,
  materializedViews,
  qualified,
  setExactFormats,
  txQuery,
  type Query,
  type TableInfo,
} from './backup.catalog';
import {
  BackupError,
  checkRowLine,
  parseLine,
  readLines,
  ZHeader,
  ZSection,
  ZTrailer,
  type Header,
  type Migration,
} from './backup.format';
import { silentProgress, type Progress } from './backup.progress';

export interface RestoreOptions {
  /** Restore into a database that holds data, replacing all of it. */
  force?: boolean;
  progress?: Progress;
}

export interface RestoreSummary {
  tables: number;
  rows: number;
  createdAt: string;
}

const BATCH_ROWS = 1000;
const BATCH_CHARS = 4_000_000; // one parameter per batch; keeps a batch of large rows to a few MB

export async function restoreBackup(
  database: Database,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreSummary> {
  const progress = options.progress ?? silentProgress;
  if (!existsSync(file)) throw new BackupError(`${file} does not exist`);
  const lines = readLines(file);
  const next = async () => {
    const r = await lines.next();
    return r.done ? undefined : r.value;
  };
  let ok = false;
  try {
    const header = parseLine(ZHeader, await next(), 'header');
    const summary = await database.db.transaction(async (tx) => {
      const q = txQuery(tx);
      await setExactFormats(q);
      checkMigrations(header.migrations, await appliedMigrations(q));
      const targets = checkTables(header, await listTables(q));
      await prepareTarget(q, [...targets.values()], options.force ?? false);
      const fks = await foreignKeys(q, [...targets.keys()]);
      for (const fk of fks) await q(`alter table ${qualified(fk.table)} drop constraint ${ident(fk.name)}`);
      // Triggers that keep derived tables (the search index) would add rows the backup brings itself.
      for (const name of targets.keys()) await q(`alter table ${qualified(name)} disable trigger user`);

      progress.begin(header.tables);
      let total = 0;
      for (const t of header.tables) {
        const section = parseLine(ZSection, await next(), `start of table "${t.name}"`);
        if (section.table !== t.name || section.rows !== t.rows) {
          throw new BackupError(
            `expected table "${t.name}" (${t.rows} rows), found "${section.table}": the file is damaged`,
          );
        }
        await loadTable(q, t, targets.get(t.name)!, next, (n) => progress.advance(t.name, n));
        progress.tableDone(t.name, t.rows);
        total += t.rows;
      }
      const trailer = parseLine(ZTrailer, await next(), 'end marker');
      if (trailer.tables !== header.tables.length || trailer.rows !== total)
        throw new BackupError('the end marker does not match the header: the file is damaged');
      // Reading on to the end lets gzip verify its checksum of the whole file.
      if ((await next()) !== undefined)
        throw new BackupError('unexpected data after the end marker: the file is damaged');

      for (const name of targets.keys()) await q(`alter table ${qualified(name)} enable trigger user`);
      progress.step('checking foreign keys');
      for (const fk of fks) {
        try {
          await q(`alter table ${qualified(fk.table)} add constraint ${ident(fk.name)} ${fk.definition}`);
        } catch (error) {
          throw new BackupError(
            `the backup's rows break foreign key ${fk.name} on "${fk.table}": ${(error as Error).message}`,
          );
        }
      }
      progress.step('setting sequences');
      // The saved counters, not max(id): ids of deleted rows are not handed out again after a restore.
      for (const s of header.sequences) {
        await q(`select setval($1::regclass, $2::bigint, $3::boolean)`, [qualified(s.name), s.lastValue, s.isCalled]);
      }
      for (const view of await materializedViews(q)) await q(`refresh materialized view ${qualified(view)}`);
      return { tables: header.tables.length, rows: total, createdAt: header.createdAt };
    });
    ok = true;
    return summary;
  } finally {
    progress.end(ok);
    await lines.return(undefined);
  }
}

/** Backup and database must be at the same migration; the messages say which side to upgrade. */
export function checkMigrations(backup: Migration[], database: Migration[]): void {
  const name = (m: Migration) => m.name ?? m.hash.slice(0, 12);
  const have = new Set(database.map((m) => m.hash));
  const had = new Set(backup.map((m) => m.hash));
  const missing = backup.filter((m) => !have.has(m.hash));
  const extra = database.filter((m) => !had.has(m.hash));
  const problems: string[] = [];
  if (missing.length) {
    problems.push(
      `the backup was made by a newer Kitepkana: this database lacks migration(s) ${missing.map(name).join(', ')}; upgrade Kitepkana, then restore`,
    );
  }
  if (extra.length) {
    problems.push(
      `the backup was made by an older Kitepkana: this database has migration(s) ${extra.map(name).join(', ')} that the backup lacks; restore with the Kitepkana version that made the backup, then upgrade`,
    );
  }
  if (problems.length) throw new BackupError(`schema mismatch: ${problems.join('; ')}`);
}

/** Same migrations normally mean the same tables; this catches hand-made changes before any row moves. */
function checkTables(header: Header, tables: TableInfo[]): Map<string, TableInfo> {
  const byName = new Map(tables.map((t) => [t.name, t]));
  for (const t of header.tables) {
    const target = byName.get(t.name);
    if (!target) throw new BackupError(`table "${t.name}" of the backup does not exist in this database`);
    const a = [...t.columns].sort().join(',');
    const b = [...target.columns].sort().join(',');
    if (a !== b) throw new BackupError(`table "${t.name}" has columns (${b}) here but (${a}) in the backup`);
  }
  const missing = tables.filter((t) => !header.tables.some((h) => h.name === t.name));
  if (missing.length) throw new BackupError(`the backup has no table ${missing.map((t) => `"${t.name}"`).join(', ')}`);
  return byName;
}

/** Locks the tables against writers, refuses a non-empty database unless forced, then empties it. */
async function prepareTarget(q: Query, tables: TableInfo[], force: boolean): Promise<void> {
  const all = (await allTableNames(q)).map(qualified);
  if (all.length) await q(`lock table ${all.join(', ')} in exclusive mode`);
  const holding: string[] = [];
  for (const t of tables) {
    const [r] = await q<{ has: boolean }>(`select exists (select 1 from ${qualified(t.name)}) as has`);
    if (r?.has) holding.push(t.name);
  }
  if (holding.length && !force) {
    throw new BackupError(
      `the database already holds data (${holding.slice(0, 5).join(', ')}${holding.length > 5 ? ', …' : ''}). ` +
        'A restore replaces ALL of it; run again with --force to do that.',
    );
  }
  // Every table, sessions included: nobody stays logged in to data that was replaced.
  if (all.length) await q(`truncate table ${all.join(', ')}`);
}

async function loadTable(
  q: Query,
  table: Header['tables'][number],
  target: TableInfo,
  next: () => Promise<string | undefined>,
  advance: (rows: number) => void,
): Promise<void> {
  // Element i of a row array is the text of column i; each goes through its type's input function.
  // jsonb, not json: json re-parses the row text on every `->>`, jsonb once (2x faster); all elements
  // are strings or null, which jsonb keeps exactly. OVERRIDING SYSTEM VALUE keeps GENERATED ALWAYS ids.
  const values = table.columns.map((c, i) => `(r ->> ${i})::${target.types[target.columns.indexOf(c)]}`);
  const insert = `insert into ${qualified(table.name)} (${table.columns.map(ident).join(', ')}) overriding system value
    select ${values.join(', ')} from jsonb_array_elements($1::jsonb) as r`;
  let batch: string[] = [];
  let chars = 0;
  const flush = async () => {
    if (!batch.length) return;
    try {
      await q(insert, [`[${batch.join(',')}]`]);
    } catch (error) {
      throw new BackupError(`could not restore table "${table.name}": ${(error as Error).message}`);
    }
    advance(batch.length);
    batch = [];
    chars = 0;
  };
  for (let i = 0; i < table.rows; i++) {
    const line = checkRowLine(await next(), table.name, i);
    batch.push(line);
    chars += line.length;
    if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
  }
  await flush();
  // A damaged line could hold two objects; the count in the database is what must match.
  const [c] = await q<{ n: string }>(`select count(*)::text as n from ${qualified(table.name)}`);
  if (Number(c?.n) !== table.rows)
    throw new BackupError(`table "${table.name}": expected ${table.rows} rows, restored ${c?.n}`);
}

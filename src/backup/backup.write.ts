/**
 * Writes a backup (format: backup.format.ts). Everything is read in one read-only REPEATABLE READ
 * transaction, so the file is one consistent snapshot even while the server keeps working, and rows
 * are streamed through a cursor in batches: memory stays flat however large the database grows.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { APP_VERSION } from '../app/config';
import type { Database } from '../app/db';
import {
  appliedMigrations,
  ident,
  listTables,
  qualified,
  sequences,
  setExactFormats,
  txQuery,
  type Query,
} from './backup.catalog';
import { BackupError, FORMAT, FORMAT_VERSION, type Header } from './backup.format';
import { silentProgress, type Progress } from './backup.progress';

export interface BackupOptions {
  /** Replace FILE when it exists. */
  force?: boolean;
  progress?: Progress;
  /** Rows fetched per round trip. */
  batchRows?: number;
}

export interface BackupSummary {
  file: string;
  tables: number;
  rows: number;
  bytes: number;
}

export async function createBackup(
  database: Database,
  file: string,
  options: BackupOptions = {},
): Promise<BackupSummary> {
  const progress = options.progress ?? silentProgress;
  const batchRows = options.batchRows ?? 2000;
  if (existsSync(file) && !options.force) throw new BackupError(`${file} already exists (use --force to overwrite it)`);
  // Written beside the target and renamed at the end: a failed backup never leaves a half file as FILE.
  const temp = `${file}.partial-${process.pid}`;
  const gzip = createGzip();
  const finished = pipeline(gzip, createWriteStream(temp, { flags: 'wx' }));
  finished.catch(() => {}); // awaited below; this only keeps an early disk error from being "unhandled"
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await Promise.race([once(gzip, 'drain'), finished]);
  };
  let ok = false;
  try {
    const counts = await database.db.transaction(
      async (tx) => {
        const q = txQuery(tx);
        await setExactFormats(q);
        const migrations = await appliedMigrations(q);
        const tables = await listTables(q);
        const withRows = [];
        for (const t of tables) {
          const [c] = await q<{ n: string }>(`select count(*)::text as n from ${qualified(t.name)}`);
          withRows.push({ name: t.name, rows: Number(c?.n ?? 0), columns: t.columns });
        }
        const header: Header = {
          format: FORMAT,
          version: FORMAT_VERSION,
          createdAt: new Date().toISOString(),
          app: { name: 'kitepkana', version: APP_VERSION },
          database: database.kind,
          migrations,
          tables: withRows,
          sequences: await sequences(q),
        };
        await write(JSON.stringify(header));
        progress.begin(withRows);
        let total = 0;
        for (const t of tables) {
          const rows = withRows.find((w) => w.name === t.name)?.rows ?? 0;
          await write(JSON.stringify({ table: t.name, rows }));
          const written = await copyTable(q, t, batchRows, write, (n) => progress.advance(t.name, n));
          // Same snapshot as the count, so a difference means something is badly wrong: stop.
          if (written !== rows) throw new BackupError(`table "${t.name}": counted ${rows} rows but read ${written}`);
          progress.tableDone(t.name, rows);
          total += rows;
        }
        await write(JSON.stringify({ end: FORMAT, tables: tables.length, rows: total }));
        return { tables: tables.length, rows: total };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    gzip.end();
    await finished;
    if (existsSync(file) && !options.force)
      throw new BackupError(`${file} appeared while the backup ran; not overwritten`);
    renameSync(temp, file);
    ok = true;
    return { file, ...counts, bytes: statSync(file).size };
  } finally {
    progress.end(ok);
    if (!ok) {
      gzip.destroy();
      await finished.catch(() => {});
      rmSync(temp, { force: true });
    }
  }
}

/** Streams one table through a cursor, ordered by primary key (stable, comparable files). */
async function copyTable(
  q: Query,
  table: { name: string; columns: string[]; primaryKey: string[] },
  batchRows: number,
  write: (line: string) => Promise<void>,
  advance: (rows: number) => void,
): Promise<number> {
  // Each value as its type's text output (null stays null), as one JSON array per row. Generated
  // columns are not in `columns`: the database recomputes them on restore.
  const values = table.columns.length
    ? `array[${table.columns.map((c) => `t.${ident(c)}::text`).join(', ')}]`
    : 'array[]::text[]';
  const order = table.primaryKey.length ? `order by ${table.primaryKey.map((c) => `t.${ident(c)}`).join(', ')}` : '';
  await q(
    `declare kp_backup no scroll cursor for select to_json(${values})::text as j from ${qualified(table.name)} as t ${order}`,
  );
  let written = 0;
  for (;;) {
    const rows = await q<{ j: string }>(`fetch forward ${batchRows} from kp_backup`);
    if (rows.length === 0) break;
    await write(rows.map((row) => row.j).join('\n')); // one write per batch: per-row writes cost more than the query
    written += rows.length;
    advance(rows.length);
  }
  await q(`close kp_backup`);
  return written;
}

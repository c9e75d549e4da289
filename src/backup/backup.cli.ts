/**
 * `kitepkana backup FILE` and `kitepkana restore FILE`. Exit codes: 0 done, 1 failed (including a
 * refusal: FILE exists, database not empty), 2 wrong usage (no FILE, unknown option).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type AppConfig } from '../app/config';
import { outFileProblem } from '../cli/out-file';
import { dataDirProblem, inputFileProblem } from '../cli/paths';
import { migrateDatabase, openDatabase, type Database } from '../app/db';
import { BackupError, readHeader } from './backup.format';
import { terminalProgress } from './backup.progress';
import { restoreBackup } from './backup.restore';
import { createBackup } from './backup.write';

const OPTIONS = { help: { type: 'boolean', short: 'h' }, force: { type: 'boolean', short: 'f' } } as const;

const BACKUP_HELP = `Usage: kitepkana backup FILE [--force]
  Write all library data to FILE (gzip'd JSON lines), one consistent snapshot, while the server runs.
  Works on the embedded database (KITEPKANA_DATA) and on PostgreSQL (DATABASE_URL) alike; a backup of
  one restores into the other. Logins (sessions) are not included.
  With the embedded database, stop the server first: only one process may open the data folder.

  -f, --force   overwrite FILE if it exists
  -h, --help    show this help

Exit codes: 0 done, 1 failed, 2 wrong usage.`;

const RESTORE_HELP = `Usage: kitepkana restore FILE [--force]
  Restore a backup made by \`kitepkana backup\`. Migrates the database first, so an empty data folder or
  an empty PostgreSQL database gets the schema. All or nothing: on any error the database is unchanged.
  The database must be at the same migration as the backup. Everyone must log in again afterwards.
  With the embedded database, stop the server first: only one process may open the data folder.

  -f, --force   the database already holds data: erase ALL of it and replace it with the backup
  -h, --help    show this help

Exit codes: 0 done, 1 failed (also: database not empty without --force), 2 wrong usage.`;

interface Parsed {
  file?: string;
  force: boolean;
  exit?: number;
}

/** Parses `FILE [--force]`; an unknown option throws ERR_PARSE_ARGS, which runCommand maps to exit 2. */
function parse(name: string, help: string, args: string[]): Parsed {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true });
  if (values.help) {
    console.log(help);
    return { force: false, exit: 0 };
  }
  if (positionals.length !== 1) {
    console.error(`kitepkana ${name}: ${positionals.length ? 'give exactly one FILE' : 'FILE is missing'}\n\n${help}`);
    return { force: false, exit: 2 };
  }
  return { file: positionals[0], force: values.force ?? false };
}

/**
 * Runs `check` (before any database is opened: a wrong FILE must not create or migrate one), then
 * `work`. A BackupError is the user's to fix: its message alone, exit 1. Anything else goes on to
 * main, which prints it and exits 1 as well.
 */
async function withDatabase(
  name: string,
  check: (config: AppConfig) => Promise<void>,
  work: (database: Database) => Promise<void>,
): Promise<number> {
  try {
    const config = loadConfig();
    const dataDir = dataDirProblem(config);
    if (dataDir) throw new BackupError(dataDir);
    await check(config);
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await work(database);
    } finally {
      await database.close();
    }
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(`kitepkana ${name}: ${error.message}`);
    return 1;
  }
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(2);

export const backupCommand = {
  summary: 'Write all data to a backup file (works on PGlite and PostgreSQL)',
  usage: 'kitepkana backup FILE [--force]',
  async run(args: string[]): Promise<number> {
    const { file, force, exit } = parse('backup', BACKUP_HELP, args);
    if (exit !== undefined || file === undefined) return exit ?? 2;
    const started = performance.now();
    const check = async (config: AppConfig) => {
      // Also refuses what --force must not replace: a folder, a symbolic link, a device, a FIFO.
      const problem = outFileProblem(file, force);
      if (problem) throw new BackupError(problem);
      // Opening a missing PGlite folder would create an empty database just to back it up.
      if (!config.databaseUrl && !existsSync(join(config.dataDir, 'pglite'))) {
        throw new BackupError(`there is no database in ${config.dataDir} (KITEPKANA_DATA); nothing to back up`);
      }
    };
    return withDatabase('backup', check, async (database) => {
      const s = await createBackup(database, file, { force, progress: terminalProgress('backup') });
      console.log(
        `Backup of ${database.kind} written to ${s.file}: ${s.tables} tables, ${s.rows} rows, ` +
          `${(s.bytes / 1024).toFixed(0)} KiB in ${seconds(started)} s.`,
      );
    });
  },
};

export const restoreCommand = {
  summary: 'Replace the data with a backup file (--force if the database is not empty)',
  usage: 'kitepkana restore FILE [--force]',
  async run(args: string[]): Promise<number> {
    const { file, force, exit } = parse('restore', RESTORE_HELP, args);
    if (exit !== undefined || file === undefined) return exit ?? 2;
    const started = performance.now();
    const check = async () => {
      const problem = inputFileProblem(file);
      if (problem) throw new BackupError(problem);
      await readHeader(file); // a wrong file fails here, before the database is created or migrated
    };
    return withDatabase('restore', check, async (database) => {
      await migrateDatabase(database);
      const s = await restoreBackup(database, file, { force, progress: terminalProgress('restore') });
      console.log(
        `Restored ${s.tables} tables, ${s.rows} rows (backup of ${s.createdAt}) into ${database.kind} ` +
          `in ${seconds(started)} s. Everyone must log in again.`,
      );
    });
  },
};

/**
 * The database client: PGlite (embedded PostgreSQL in WASM, in the data folder) by default, or a real
 * PostgreSQL server when DATABASE_URL is set. Both expose the same Drizzle API and the same schema.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgDialect, PgQueryResultHKT, PgSession } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { lockDataFolder } from './data-folder-lock';
import * as schema from './schema';

export type Schema = typeof schema;
/** A Drizzle database or transaction: domain functions accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = 'pglite' | 'postgresql';

export interface Database {
  kind: DbKind;
  db: Db;
  /** Plain SQL for the few places that need it (backup, harness); returns rows as objects. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
  /** PGlite only: the data folder as a tarball (tests start new databases from it). */
  dumpDataDir?: () => Promise<Blob>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` keeps it in memory. */
  dataDir?: string;
  /** A PGlite data directory dump (from dumpDataDir) to start from, used by tests. */
  loadDataDir?: Blob | File;
}

/**
 * The embedded database runs inside the server's process, on the old computers of rural branches:
 * its shared buffers are 32 MB (PGlite's default 128 MB made the process about 100 MB larger for no
 * faster search: the operating system caches the data files anyway), and index builds take 16 MB.
 */
const PGLITE_SETTINGS = ['shared_buffers=32MB', 'maintenance_work_mem=16MB'];

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  const dataDir = options.dataDir ?? 'memory://';
  let pgliteDir = dataDir;
  let unlock = () => {};
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    pgliteDir = join(dataDir, 'pglite');
    unlock = lockDataFolder(dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create({
      dataDir: pgliteDir,
      extensions: { pg_trgm, unaccent },
      startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((setting) => ['-c', setting])],
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const db = drizzlePglite({ client, schema, casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    async query<T>(sql: string, params: unknown[] = []) {
      const res = await client.query<T>(sql, params);
      return res.rows;
    },
    async close() {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
    async dumpDataDir() {
      return client.dumpDataDir('none');
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  // No parallel workers for the application's statements: they are many, short and concurrent (search
  // above all), and a worker pair taken by one takes CPU from the others (decision 0007).
  const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c max_parallel_workers_per_gather=0' });
  // An idle connection can be cut by the server (restart, failover, a dropped database); without this
  // handler pg re-emits that as an uncaught exception and the whole process dies. The pool replaces it.
  pool.on('error', (error) => {
    console.error(`PostgreSQL connection lost: ${error.message}`);
  });
  // Fail early with a readable error when the server is not there.
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePg({ client: pool, schema, casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'postgresql',
    db,
    async query<T>(sql: string, params: unknown[] = []) {
      const res = await pool.query(sql, params);
      return res.rows as T[];
    },
    async close() {
      await pool.end();
    },
  };
}

/** Applies the generated migrations in `drizzle/`; safe to call on every start. */
export async function migrateDatabase(database: Database): Promise<void> {
  await database.query('create extension if not exists pg_trgm');
  await database.query('create extension if not exists unaccent');
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, config);
  } else {
    await migratePg(database.db as never, config);
  }
}

/** The rows of `db.execute(...)`: both drivers answer an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}

/** Statement names by SQL text: the same text always gets the same name on every connection. */
const statementNames = new Map<string, string>();

/**
 * `db.execute` for the hot paths: on PostgreSQL the statement is named, so each connection parses and
 * plans it once and later runs only bind and execute; PGlite runs it as `db.execute` does. The name
 * follows from the SQL text, so fragments that change the text (a lock clause) get their own statement.
 */
export async function executePrepared<T>(db: Db, query: SQL): Promise<T[]> {
  const { dialect, session } = db as unknown as { dialect: PgDialect; session: PgSession };
  const built = dialect.sqlToQuery(query);
  let name = statementNames.get(built.sql);
  if (!name) {
    name = `kp_${createHash('sha1').update(built.sql).digest('base64url').slice(0, 27)}`;
    if (statementNames.size >= 1000) statementNames.clear();
    statementNames.set(built.sql, name);
  }
  return rowsOf<T>(await session.prepareQuery(built, undefined, name, false).execute());
}

/** Opens the configured database (PGlite folder or DATABASE_URL) with migrations applied: what the CLI commands need. */
export async function openMigratedDatabase(config: { databaseUrl: string | undefined; dataDir: string }): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/**
 * One search index per database, when turned on (KITEPKANA_SEARCH_INDEX=memory, or `auto`, the default,
 * for a catalogue of 100,000 records or more; decisions 0019, 0020): loaded when the server starts, or on
 * the first search. A small catalogue (a test's) is loaded before that search is answered; a big one loads
 * in the background while searches are answered by the database's statements. A million records take
 * about 1.5 GB and 90–110 s to load.
 */
import { totalmem } from 'node:os';
import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { rowsOf, type Db } from '../../app/db';
import type { JobRunner } from '../../app/jobs';
import { catchUpIndex, loadIndex } from './index-reading';
import { SearchIndex } from './memory-index';

/** Up to this many records the first search waits for the index. */
const SMALL = 50000;
/** The log is pruned of what is older than a day; an index that has not read it for most of that is read again. */
const LOG_KEPT_MS = 24 * 3600 * 1000;
const STALE_MS = LOG_KEPT_MS - 3600 * 1000;
const PRUNE_EVERY_MS = 3600 * 1000;

interface State {
  index: SearchIndex | null;
  /** A fresh index being read to replace one holding many dead documents. */
  rebuilding: Promise<void> | null;
  loading: Promise<void>;
  /** Settled once it is known whether the catalogue is small. */
  counted: Promise<boolean>;
  catchingUp: Promise<void> | null;
  progress: number;
  error: unknown;
  prunedAt: number;
}

const states = new WeakMap<object, State>();
const turnedOn = new WeakSet<object>();

/** Databases whose catalogue the server found big enough for an index, KITEPKANA_SEARCH_INDEX being `auto`. */
const wantedByAuto = new WeakSet<object>();

/** KITEPKANA_SEARCH_INDEX: `memory`, `database`, or `auto` (the default). */
function setting(): 'memory' | 'database' | 'auto' {
  const value = process.env.KITEPKANA_SEARCH_INDEX;
  return value === 'memory' || value === 'database' ? value : 'auto';
}

/** Memory a record takes in the index, with what the app keeps for it besides (measured: ~1.5 GB for 1,000,000). */
const BYTES_PER_RECORD = 1600;

/**
 * `auto`: an index for a catalogue of at least `minRecords` records (KITEPKANA_SEARCH_INDEX_AUTO_RECORDS,
 * 100,000 by default: below that the database's statements answer fast enough), when it would take at
 * most a quarter of the machine's memory.
 */
export function autoIndexWanted(records: number, totalMemory: number, minRecords: number): boolean {
  return records >= minRecords && records * BYTES_PER_RECORD <= totalMemory / 4;
}

/**
 * With KITEPKANA_SEARCH_INDEX=auto, decides from the catalogue's size whether this database's searches
 * are answered from memory (the server at its start, and hourly with the log's pruning, as the catalogue
 * grows); true when they are.
 */
export async function decideSearchIndex(db: Db): Promise<boolean> {
  if (setting() !== 'auto' || wantedByAuto.has(db)) return searchIndexAllowed(db);
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from bib_search`));
  const minRecords = Number(process.env.KITEPKANA_SEARCH_INDEX_AUTO_RECORDS ?? 100000);
  if (autoIndexWanted(row?.n ?? 0, totalmem(), minRecords)) wantedByAuto.add(db);
  return searchIndexAllowed(db);
}

/** Whether searches of this database may be answered from memory (the setting, or turned on for it; never inside a transaction). */
export function searchIndexAllowed(db: Db): boolean {
  if (db instanceof PgTransaction) return false;
  const value = setting();
  return value === 'memory' || turnedOn.has(db) || (value === 'auto' && wantedByAuto.has(db));
}

/** Searches of this database may be answered from memory whatever the setting (tests). */
export function turnOnSearchIndex(db: Db): void {
  turnedOn.add(db);
}

function begin(db: Db): State {
  let small!: (value: boolean) => void;
  const state: State = {
    index: null,
    counted: new Promise<boolean>((resolve) => (small = resolve)),
    loading: Promise.resolve(),
    catchingUp: null,
    rebuilding: null,
    progress: 0,
    error: null,
    prunedAt: Date.now(),
  };
  state.loading = (async () => {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from (select 1 from bib_search limit ${SMALL + 1}) s`),
    );
    small(row!.n <= SMALL);
    const index = new SearchIndex();
    await loadIndex(index, db, (share) => (state.progress = share));
    state.index = index;
  })().catch((error: unknown) => {
    state.error = error;
    small(false);
  });
  states.set(db, state);
  return state;
}

/** The database's index when it can answer now: loaded (awaited when the catalogue is small), else null. */
export async function readyIndex(db: Db): Promise<SearchIndex | null> {
  if (!searchIndexAllowed(db)) return null;
  let state = states.get(db);
  if (state?.index && Date.now() - state.index.lastRead > STALE_MS) state = undefined;
  if (!state || (state.error && !state.index)) state = begin(db);
  if (state.index) return state.index;
  if (await state.counted) await state.loading;
  return state.index;
}

/** How far the index of a database has loaded (0–1), and whether it answers searches. */
export function searchIndexStatus(db: Db): { ready: boolean; progress: number } {
  const state = states.get(db);
  return { ready: !!state?.index, progress: state?.index ? 1 : (state?.progress ?? 0) };
}

/**
 * Brings the index up to date with bib_search_changes (one catch-up at a time; a search that finds the
 * index behind waits for it), and now and then prunes the log.
 */
export async function catchUp(db: Db, index: SearchIndex): Promise<void> {
  const state = states.get(db);
  if (!state || state.index !== index) return;
  if (state.catchingUp) {
    await state.catchingUp;
    return;
  }
  state.catchingUp = (async () => {
    await catchUpIndex(index, db);
    const outOfOrder = index.docCount - index.orderedUntil + index.moved.length;
    if (needsRebuild(index.docCount, index.liveCount, outOfOrder)) void rebuildSearchIndex(db);
    if (Date.now() - state.prunedAt > PRUNE_EVERY_MS) {
      state.prunedAt = Date.now();
      await pruneSearchLog(db);
    }
  })().finally(() => (state.catchingUp = null));
  await state.catchingUp;
}

/** Drops what the log holds from more than a day ago; how many rows. */
export async function pruneSearchLog(db: Db): Promise<number> {
  const pruned = await db.execute(
    sql`delete from bib_search_changes where at < now() - make_interval(secs => ${LOG_KEPT_MS / 1000})`,
  );
  return (
    (pruned as { affectedRows?: number; rowCount?: number | null }).affectedRows ??
    (pruned as { rowCount?: number | null }).rowCount ??
    0
  );
}

export const SEARCH_LOG_PRUNE_JOB = 'catalog.search_log_prune';

/**
 * The log is pruned every hour by the server's jobs too, whether or not this process keeps an index:
 * its triggers stay on in the database once any process has loaded one, and a copy lent or returned
 * is logged from then on.
 */
export function registerSearchLogPrune(jobs: JobRunner, db: Db): void {
  jobs.register(SEARCH_LOG_PRUNE_JOB, async () => {
    const pruned = await pruneSearchLog(db);
    // A catalogue grown past the size for an index (KITEPKANA_SEARCH_INDEX=auto) gets one now.
    const wasAllowed = searchIndexAllowed(db);
    if ((await decideSearchIndex(db)) && !wasAllowed) void loadSearchIndex(db);
    return { pruned };
  });
  jobs.every(SEARCH_LOG_PRUNE_JOB, PRUNE_EVERY_MS);
}

/** Loads the index of a database now, whatever its size (the app's start, the benchmark); resolves when it answers. */
export async function loadSearchIndex(db: Db): Promise<boolean> {
  if (!searchIndexAllowed(db)) return false;
  const state = states.get(db) ?? begin(db);
  await state.loading;
  return !!state.index;
}

/**
 * Whether an index holds so many dead documents (records written again with other words, deleted) that
 * it is read afresh: a tenth of a million records edited leave ~2 million dead postings behind. So too
 * when many documents are out of the order of ties (added since the load, or their libraries changed):
 * a broad search reads all of those it matches (broad-search.ts).
 */
export function needsRebuild(docCount: number, liveCount: number, outOfOrder = 0): boolean {
  const many = Math.max(10000, liveCount / 5);
  return docCount - liveCount > many || outOfOrder > many;
}

/** Reads a fresh index in the background and puts it in place of the current one when it is up to date. */
export async function rebuildSearchIndex(db: Db): Promise<void> {
  const state = states.get(db);
  if (!state?.index) return;
  state.rebuilding ??= (async () => {
    const fresh = new SearchIndex();
    await loadIndex(fresh, db);
    await catchUpIndex(fresh, db);
    state.index = fresh;
  })()
    .catch((error: unknown) => {
      state.error = error;
    })
    .finally(() => {
      state.rebuilding = null;
    });
  await state.rebuilding;
}

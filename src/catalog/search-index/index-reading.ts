/**
 * Reading the search index from PostgreSQL: the whole of bib_search at the load, a chunk at a time, and
 * then what bib_search_changes logged since (records and copies written, libraries changed), so that the
 * index stays in step with whoever writes the catalogue.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../app/db';
import { arrayParam } from './array-param';
import type { SearchIndex } from './memory-index';

/** A bib_search row as the index reads it, with its record's ISBN keys. */
export interface IndexRow {
  record_id: string;
  vector: string;
  title_key: string;
  sort_title: string;
  year: number | null;
  language: string;
  material_type: string;
  age_label: string | null;
  subjects: string[];
  bbk: string[];
  library_ids: string[];
  available_library_ids: string[];
  isbns: string[] | null;
}

const ROW_COLUMNS = sql`s.record_id, s.vector::text as vector, s.title_key, s.sort_title, s.year, s.language, s.material_type,
  s.age_label, s.subjects, s.bbk, s.library_ids, s.available_library_ids, r.isbns`;

const LOAD_CHUNK = 20000;

/** The triggers writing bib_search_changes, off until an index reads it (migrations search_changes, search_copies_log). */
const LOG_TRIGGERS = [
  ['bib_search', 'bib_search_log_insert'],
  ['bib_search', 'bib_search_log_update'],
  ['bib_search', 'bib_search_log_delete'],
  ['items', 'items_log_insert'],
  ['items', 'items_log_update'],
  ['items', 'items_log_delete'],
  ['libraries', 'libraries_log'],
  ['networks', 'networks_log'],
] as const;

/** The rows of some records as bib_search holds them now (missing: no longer there). */
export async function indexRowsOf(db: Db, recordIds: string[]): Promise<IndexRow[]> {
  return rowsOf<IndexRow>(
    await db.execute(sql`select ${ROW_COLUMNS} from bib_search s join bib_records r on r.id = s.record_id
      where s.record_id = any(${arrayParam(recordIds, 'uuid[]')})`),
  );
}

/** Reads the whole of bib_search, a chunk at a time, yielding between chunks; `progress` gets the share read. */
export async function loadIndex(index: SearchIndex, db: Db, progress?: (done: number) => void): Promise<void> {
  // The log of changes is written from now on (its triggers are off while no index reads it).
  for (const [table, trigger] of LOG_TRIGGERS) {
    await db.execute(sql`alter table ${sql.identifier(table)} enable trigger ${sql.identifier(trigger)}`);
  }
  const [start] = rowsOf<{ xmin: string; rows: number }>(
    await db.execute(
      sql`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin, (select count(*)::int from bib_search) as rows`,
    ),
  );
  const chunk = (after: string | null) =>
    db
      .execute(
        sql`select ${ROW_COLUMNS} from bib_search s join bib_records r on r.id = s.record_id
        ${after === null ? sql`` : sql`where s.record_id > ${after}::uuid`} order by s.record_id limit ${LOAD_CHUNK}`,
      )
      .then((result) => rowsOf<IndexRow>(result));
  let done = 0;
  let next = chunk(null);
  for (;;) {
    const rows = await next;
    // The database reads the next chunk while this one is put in.
    if (rows.length === LOAD_CHUNK) next = chunk(rows[rows.length - 1]!.record_id);
    for (const row of rows) index.put(row);
    done += rows.length;
    progress?.(start!.rows ? Math.min(1, done / start!.rows) : 1);
    if (rows.length < LOAD_CHUNK) break;
  }
  index.finishLoad();
  index.since = start!.xmin;
  index.seen = [];
  index.lastRead = Date.now();
}

/**
 * Applies what bib_search_changes logged since the index last read it: the records written are read
 * again (or removed). Changes are logged by transaction; those of transactions that were still running
 * are read next time, since `since` only moves up to the oldest transaction running now.
 */
export async function catchUpIndex(index: SearchIndex, db: Db): Promise<void> {
  const changes = rowsOf<{ xmin: string; xid: string | null; record_id: string | null }>(
    await db.execute(sql`with x as (select pg_snapshot_xmin(pg_current_snapshot()) as xmin)
      select x.xmin::text as xmin, c.xid::text as xid, c.record_id from x
      left join bib_search_changes c on c.xid >= ${index.since}::xid8 and c.xid <> all(${arrayParam(index.seen, 'xid8[]')})`),
  );
  const xmin = BigInt(changes[0]!.xmin);
  const ids = [...new Set(changes.flatMap((c) => (c.record_id ? [c.record_id] : [])))];
  const rows = ids.length ? await indexRowsOf(db, ids) : [];
  const found = new Set(rows.map((r) => r.record_id));
  for (const row of rows) index.put(row);
  for (const id of ids) if (!found.has(id)) index.remove(id);
  index.pages.forget(ids);
  const seen = new Set([...index.seen, ...changes.flatMap((c) => (c.xid ? [c.xid] : []))]);
  index.seen = [...seen].filter((xid) => BigInt(xid) >= xmin);
  index.since = xmin.toString();
  index.lastRead = Date.now();
}

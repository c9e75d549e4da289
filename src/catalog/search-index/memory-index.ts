/**
 * The catalogue's search index in the app's memory (decision 0018): what bib_search holds for each live
 * record — the lexemes of its vector with their weights, and the columns a search filters, orders and
 * counts facets by — so that a search finds, ranks and counts its hits without asking PostgreSQL for
 * them. PostgreSQL stays the store: the index is read from bib_search and kept in step through
 * bib_search_changes (see the migration search_changes); a search answered from memory checks, in the
 * statement that reads its page, that nothing changed since (search-memory.ts).
 *
 * A record is a document. Once loaded, the documents are numbered in the order a search ranks equal
 * scores (more libraries first, then by title, then by record id), so that a broad search can stop
 * reading its hits once no later one could make the page (broad-search.ts). A record written later gets
 * the next number (the old one is dead) unless its words are unchanged (a copy lent or returned), when
 * its columns are updated in place; those numbered later, and those whose libraries changed, are out of
 * that order and a broad search reads them all.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../app/db';
import { arrayParam } from './array-param';
import { Interner, Lists } from './columns';
import { PageStore } from './pages';
import { Postings, renumber } from './postings';
import { readVector } from './ts-text';

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

/** A year the record has none of. */
export const NO_YEAR = -2147483648;
/**
 * What a search reads of every hit, side by side (HOT_STRIDE numbers a document) so that a hit costs one
 * read from memory, not one per column: its year, its place among sort titles and among title keys, whether
 * it is live and on a shelf, how many libraries hold it, its language and type, its age label.
 */
export const HOT_STRIDE = 16;
export const HOT = {
  year: 0,
  titleRank: 1,
  keyRank: 2,
  flags: 3,
  libraries: 4,
  codes: 6,
  ageLabel: 7,
  // Where the document's lists begin in their Lists' data, and their lengths (copies of Lists.start and
  // Lists.count: a facet or a library filter then reads the document's row and the list, not two arrays more).
  subjectsAt: 8,
  subjectsCount: 9,
  librariesAt: 10,
  librariesCount: 11,
  availableAt: 12,
  availableCount: 13,
} as const;
export const FLAG_LIVE = 1;
export const FLAG_ON_SHELF = 2;
/** A document below `orderedUntil` whose libraries changed since the load: out of the order of ties. */
export const FLAG_MOVED = 4;
/** Libraries counted in a search's order: more than this rank as this many (the order's key keeps 10 bits for it). */
export const LIBRARIES_CAP = 1023;

/** Title ranks lie below this; they are spaced as widely as it allows, so that later records fit between (titleRankOf). */
export const TITLE_SPAN = 2 ** 30;

/** FNV-1a of a text: a record written again with the same words keeps its postings. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

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

export class SearchIndex {
  readonly lexemes = new Map<string, Postings>();
  /** Every lexeme in order (for prefixes), and those added since it was sorted. */
  private sorted: string[] = [];
  private unsorted: string[] = [];

  readonly codes = new Interner();
  readonly libraryIds = new Interner();
  readonly subjectIds = new Interner();
  readonly bbkCodes = new Interner();

  docCount = 0;
  liveCount = 0;
  private capacity = 0;
  /** HOT_STRIDE numbers per document; titleRank: place in the order of sort titles ("C" collation), spaced widely (rankTitles). */
  hot = new Int32Array(0);
  private contentHash = new Int32Array(0);
  subjects = new Lists();
  libraries = new Lists();
  available = new Lists();
  bbk = new Lists();
  recordIds: string[] = [];
  titleKeys: string[] = [];
  sortTitles: string[] = [];
  /** Documents by sort title, as ranked at the load (titleRankOf finds a later record's place in it). */
  private titleOrder = new Int32Array(0);
  /** Documents by title key as at the load; those numbered from `keyedUntil` on came later. */
  private keyOrder = new Int32Array(0);
  private keyedUntil = 0;
  /** Documents below this are numbered in the order of ties (see above), bar those flagged FLAG_MOVED. */
  orderedUntil = 0;
  /** The documents flagged FLAG_MOVED. */
  moved: number[] = [];
  readonly byRecord = new Map<string, number>();
  readonly byIsbn = new Map<string, number[]>();

  /** Moves on whenever a record's words change (a record added, written again with other words, removed). */
  private wordsVersion = 0;
  /** Typed words as corrected against the catalogue's words (search-plan.ts correctedWords), as of `correctedAt`. */
  private corrections = new Map<string, string>();
  private correctedAt = 0;

  /** The pages and library names searches show (forgotten as the log says records changed). */
  readonly pages = new PageStore();

  /** bib_search_changes read up to: transactions from `since` on may still add to it, bar those in `seen`. */
  since = '0';
  seen: string[] = [];
  lastRead = 0;

  private grow(): void {
    const capacity = Math.max(1024, this.capacity * 2);
    const bigger = <T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.hot = bigger(this.hot, (n) => new Int32Array(n * HOT_STRIDE));
    this.contentHash = bigger(this.contentHash, (n) => new Int32Array(n));
    for (const lists of [this.subjects, this.libraries, this.available, this.bbk]) lists.grow(capacity);
    this.capacity = capacity;
  }

  private setColumns(doc: number, row: IndexRow): void {
    const at = doc * HOT_STRIDE;
    this.hot[at + HOT.year] = row.year ?? NO_YEAR;
    this.hot[at + HOT.codes] = this.codes.id(row.language.toLowerCase()) | (this.codes.id(row.material_type) << 16);
    this.hot[at + HOT.ageLabel] = row.age_label ? this.codes.id(row.age_label) : 0;
    let flags = FLAG_LIVE | (row.available_library_ids.length ? FLAG_ON_SHELF : 0);
    if (doc < this.orderedUntil) {
      flags |= this.hot[at + HOT.flags]! & FLAG_MOVED;
      const capped = (n: number) => Math.min(n, LIBRARIES_CAP);
      if (!(flags & FLAG_MOVED) && capped(row.library_ids.length) !== capped(this.hot[at + HOT.libraries]!)) {
        flags |= FLAG_MOVED;
        this.moved.push(doc);
      }
    }
    this.hot[at + HOT.flags] = flags;
    this.hot[at + HOT.libraries] = row.library_ids.length;
    this.recordIds[doc] = row.record_id;
    this.titleKeys[doc] = row.title_key;
    this.sortTitles[doc] = row.sort_title;
    this.subjects.set(
      doc,
      row.subjects.map((s) => this.subjectIds.id(s)),
    );
    this.bbk.set(
      doc,
      row.bbk.map((b) => this.bbkCodes.id(b.toUpperCase())),
    );
    this.libraries.set(
      doc,
      row.library_ids.map((l) => this.libraryIds.id(l)),
    );
    this.available.set(
      doc,
      row.available_library_ids.map((l) => this.libraryIds.id(l)),
    );
    this.mirrorLists(doc);
  }

  /** Copies where a document's lists lie into its row of HOT. */
  private mirrorLists(doc: number): void {
    const at = doc * HOT_STRIDE;
    const { subjects, libraries, available, hot } = this;
    hot[at + HOT.subjectsAt] = subjects.start[doc]!;
    hot[at + HOT.subjectsCount] = subjects.count[doc]!;
    hot[at + HOT.librariesAt] = libraries.start[doc]!;
    hot[at + HOT.librariesCount] = libraries.count[doc]!;
    hot[at + HOT.availableAt] = available.start[doc]!;
    hot[at + HOT.availableCount] = available.count[doc]!;
  }

  /** A later record's place among the titles ranked at the load: between its neighbours' ranks. */
  private titleRankOf(sortTitle: string): number {
    const order = this.titleOrder;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sortTitles[order[mid]!]! < sortTitle) lo = mid + 1;
      else hi = mid;
    }
    if (lo < order.length && this.sortTitles[order[lo]!] === sortTitle)
      return this.hot[order[lo]! * HOT_STRIDE + HOT.titleRank]!;
    const before = lo > 0 ? this.hot[order[lo - 1]! * HOT_STRIDE + HOT.titleRank]! : 0;
    const after = lo < order.length ? this.hot[order[lo]! * HOT_STRIDE + HOT.titleRank]! : TITLE_SPAN - 1;
    return Math.floor((before + after) / 2);
  }

  /**
   * Ranks the documents by title again when those added since the last ranking are many (a tenth), or
   * were added to an index loaded empty: a later document's rank lies between its neighbours', and
   * neighbours run out of room after a few.
   */
  refreshTitleRanks(): void {
    const later = this.docCount - this.keyedUntil;
    if (later > 0 && (this.keyedUntil === 0 || later > this.keyedUntil / 10)) this.rankTitles();
  }

  /** Once every row is put in: documents ranked by title and numbered in the order of ties. */
  finishLoad(): void {
    this.rankTitles();
    this.renumberInOrder();
    this.rankTitles();
  }

  /**
   * Numbers the live documents in the order a search ranks equal scores (more libraries first, then by
   * title rank, then by record id) and drops the dead ones.
   */
  private renumberInOrder(): void {
    const hot = this.hot;
    const ids = this.recordIds;
    const libraries = (doc: number) => Math.min(hot[doc * HOT_STRIDE + HOT.libraries]!, LIBRARIES_CAP);
    const order = Int32Array.from({ length: this.docCount }, (_, i) => i)
      .filter((doc) => this.isLive(doc))
      .sort(
        (a, b) =>
          libraries(b) - libraries(a) ||
          hot[a * HOT_STRIDE + HOT.titleRank]! - hot[b * HOT_STRIDE + HOT.titleRank]! ||
          (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0),
      );
    const numberOf = new Int32Array(this.docCount).fill(-1);
    for (let i = 0; i < order.length; i++) numberOf[order[i]!] = i;
    const nextHot = new Int32Array(this.capacity * HOT_STRIDE);
    const nextHash = new Int32Array(this.capacity);
    for (let i = 0; i < order.length; i++) {
      nextHot.set(hot.subarray(order[i]! * HOT_STRIDE, (order[i]! + 1) * HOT_STRIDE), i * HOT_STRIDE);
      nextHash[i] = this.contentHash[order[i]!]!;
    }
    this.hot = nextHot;
    this.contentHash = nextHash;
    for (const name of ['subjects', 'libraries', 'available', 'bbk'] as const) {
      (this as { [K in typeof name]: Lists })[name] = this[name].permuted(order, this.capacity);
    }
    for (let doc = 0; doc < order.length; doc++) this.mirrorLists(doc);
    const pick = (values: string[]) => Array.from(order, (doc) => values[doc]!);
    this.recordIds = pick(this.recordIds);
    this.titleKeys = pick(this.titleKeys);
    this.sortTitles = pick(this.sortTitles);
    this.byRecord.clear();
    this.recordIds.forEach((id, doc) => this.byRecord.set(id, doc));
    for (const [key, docs] of this.byIsbn) {
      const kept = docs.map((doc) => numberOf[doc]!).filter((doc) => doc >= 0);
      if (kept.length)
        this.byIsbn.set(
          key,
          kept.sort((a, b) => a - b),
        );
      else this.byIsbn.delete(key);
    }
    for (const postings of this.lexemes.values()) renumber(postings, numberOf);
    this.docCount = this.liveCount = this.orderedUntil = order.length;
    this.moved = [];
  }

  /** Ranks every document by sort title (at the end of the load). */
  private rankTitles(): void {
    const docs = Int32Array.from({ length: this.docCount }, (_, i) => i);
    const titles = this.sortTitles;
    docs.sort((a, b) => (titles[a]! < titles[b]! ? -1 : titles[a]! > titles[b]! ? 1 : 0));
    // Equal titles share a rank: the orders then go on by year and record id, as the database's do.
    const step = Math.max(1, Math.floor(TITLE_SPAN / (docs.length + 1)));
    let rank = 0;
    for (let i = 0; i < docs.length; i++) {
      if (i === 0 || titles[docs[i]!] !== titles[docs[i - 1]!]) rank += step;
      this.hot[docs[i]! * HOT_STRIDE + HOT.titleRank] = rank;
    }
    this.titleOrder = docs;
    const keys = this.titleKeys;
    this.keyOrder = Int32Array.from(docs).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
    this.keyedUntil = this.docCount;
    for (let i = 0; i < this.keyOrder.length; i++) this.hot[this.keyOrder[i]! * HOT_STRIDE + HOT.keyRank] = i;
  }

  /**
   * Title keys beginning with `prefix` as a range of key ranks [from, to), those equal to it being
   * [from, exactTo); documents added after the load have no key rank (-1) and are compared by text.
   */
  titleKeyRange(prefix: string): { from: number; exactTo: number; to: number } {
    const order = this.keyOrder;
    const keys = this.titleKeys;
    const firstAtLeast = (value: string, strictly: boolean) => {
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const key = keys[order[mid]!]!;
        if (key < value || (strictly && key === value)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return {
      from: firstAtLeast(prefix, false),
      exactTo: firstAtLeast(prefix, true),
      to: firstAtLeast(`${prefix}\uffff`, false),
    };
  }

  /**
   * Typed words as corrected against the catalogue's words: asked of the database once, then kept until
   * a record's words change, since the catalogue's words only change then.
   */
  async corrected(words: string, correct: () => Promise<string>): Promise<string> {
    if (this.correctedAt !== this.wordsVersion) {
      this.corrections.clear();
      this.correctedAt = this.wordsVersion;
    }
    const kept = this.corrections.get(words);
    if (kept !== undefined) return kept;
    const version = this.wordsVersion;
    const found = await correct();
    if (version === this.wordsVersion && this.corrections.size < 10000) this.corrections.set(words, found);
    return found;
  }

  /** The documents whose title keys have key ranks [from, to) (titleKeyRange), those ranked at the last ranking. */
  docsByKeyRank(from: number, to: number): Int32Array {
    return this.keyOrder.subarray(from, to);
  }

  /** A record as bib_search now holds it. */
  put(row: IndexRow): void {
    const isbns = row.isbns ?? [];
    const hash = hashOf(isbns.length ? `${row.vector}\u0001${isbns.join(',')}` : row.vector);
    const old = this.byRecord.get(row.record_id);
    if (old !== undefined && this.contentHash[old] === hash && this.sortTitles[old] === row.sort_title) {
      this.setColumns(old, row);
      return;
    }
    if (old !== undefined) this.kill(old);
    this.wordsVersion++;
    if (this.docCount === this.capacity) this.grow();
    const doc = this.docCount++;
    this.liveCount++;
    this.contentHash[doc] = hash;
    this.setColumns(doc, row);
    this.hot[doc * HOT_STRIDE + HOT.titleRank] = this.titleOrder.length ? this.titleRankOf(row.sort_title) : 0;
    this.hot[doc * HOT_STRIDE + HOT.keyRank] = -1;
    this.byRecord.set(row.record_id, doc);
    for (const key of isbns) {
      const docs = this.byIsbn.get(key);
      if (docs) docs.push(doc);
      else this.byIsbn.set(key, [doc]);
    }
    readVector(row.vector, (lexeme, weights) => {
      let postings = this.lexemes.get(lexeme);
      if (!postings) {
        postings = new Postings();
        this.lexemes.set(lexeme, postings);
        this.unsorted.push(lexeme);
      }
      postings.push(doc, weights);
    });
  }

  isLive(doc: number): boolean {
    return (this.hot[doc * HOT_STRIDE + HOT.flags]! & FLAG_LIVE) !== 0;
  }

  /** A record no longer in bib_search (deleted). */
  remove(recordId: string): void {
    const old = this.byRecord.get(recordId);
    if (old === undefined) return;
    this.kill(old);
    this.wordsVersion++;
    this.byRecord.delete(recordId);
  }

  private kill(doc: number): void {
    if (!this.isLive(doc)) return;
    this.hot[doc * HOT_STRIDE + HOT.flags]! &= ~FLAG_LIVE;
    this.liveCount--;
  }

  /** The lexemes beginning with `prefix`. */
  lexemesStartingWith(prefix: string): string[] {
    if (this.unsorted.length > 1000 || (this.unsorted.length && !this.sorted.length)) {
      this.sorted = [...this.sorted, ...this.unsorted].sort();
      this.unsorted = [];
    }
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.sorted.length && this.sorted[i]!.startsWith(prefix); i++) out.push(this.sorted[i]!);
    for (const l of this.unsorted) if (l.startsWith(prefix)) out.push(l);
    return out;
  }

  /** Records holding an ISBN key, live. */
  docsWithIsbn(key: string): number[] {
    return (this.byIsbn.get(key) ?? []).filter((doc) => this.isLive(doc));
  }

  /** The rows of some records as bib_search holds them now (missing: no longer there). */
  static async rowsOf(db: Db, recordIds: string[]): Promise<IndexRow[]> {
    return rowsOf<IndexRow>(
      await db.execute(sql`select ${ROW_COLUMNS} from bib_search s join bib_records r on r.id = s.record_id
        where s.record_id = any(${arrayParam(recordIds, 'uuid[]')})`),
    );
  }

  /** Reads the whole of bib_search, a chunk at a time, yielding between chunks; `progress` gets the share read. */
  async load(db: Db, progress?: (done: number) => void): Promise<void> {
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
      for (const row of rows) this.put(row);
      done += rows.length;
      progress?.(start!.rows ? Math.min(1, done / start!.rows) : 1);
      if (rows.length < LOAD_CHUNK) break;
    }
    this.finishLoad();
    this.since = start!.xmin;
    this.seen = [];
    this.lastRead = Date.now();
  }

  /**
   * Applies what bib_search_changes logged since the index last read it: the records written are read
   * again (or removed). Changes are logged by transaction; those of transactions that were still running
   * are read next time, since `since` only moves up to the oldest transaction running now.
   */
  async catchUp(db: Db): Promise<void> {
    const changes = rowsOf<{ xmin: string; xid: string | null; record_id: string | null }>(
      await db.execute(sql`with x as (select pg_snapshot_xmin(pg_current_snapshot()) as xmin)
        select x.xmin::text as xmin, c.xid::text as xid, c.record_id from x
        left join bib_search_changes c on c.xid >= ${this.since}::xid8 and c.xid <> all(${arrayParam(this.seen, 'xid8[]')})`),
    );
    const xmin = BigInt(changes[0]!.xmin);
    const ids = [...new Set(changes.flatMap((c) => (c.record_id ? [c.record_id] : [])))];
    const rows = ids.length ? await SearchIndex.rowsOf(db, ids) : [];
    const found = new Set(rows.map((r) => r.record_id));
    for (const row of rows) this.put(row);
    for (const id of ids) if (!found.has(id)) this.remove(id);
    this.pages.forget(ids);
    const seen = new Set([...this.seen, ...changes.flatMap((c) => (c.xid ? [c.xid] : []))]);
    this.seen = [...seen].filter((xid) => BigInt(xid) >= xmin);
    this.since = xmin.toString();
    this.lastRead = Date.now();
  }
}

/**
 * The catalogue's search index in the app's memory (decision 0018): what bib_search holds for each live
 * record — the lexemes of its vector with their weights, and the columns a search filters, orders and
 * counts facets by — so that a search finds, ranks and counts its hits without asking PostgreSQL for
 * them. PostgreSQL stays the store: the index is read from bib_search and kept in step through
 * bib_search_changes (index-reading.ts; the migrations search_changes, search_copies_log); a search first
 * asks whether anything changed (freshness.ts).
 *
 * A record is a document. Once loaded, the documents are numbered in the order a search ranks equal
 * scores (more libraries first, then by title, then by record id), so that a broad search can stop
 * reading its hits once no later one could make the page (broad-search.ts). A record written later gets
 * the next number (the old one is dead) unless its words are unchanged (a copy lent or returned), when
 * its columns are updated in place; those numbered later, and those whose libraries changed, are out of
 * that order and a broad search reads them all.
 */
import { Interner, Lists } from './columns';
import { FLAG_LIVE, FLAG_MOVED, FLAG_ON_SHELF, HOT, HOT_STRIDE, LIBRARIES_CAP, NO_YEAR, TITLE_SPAN } from './hot';
import type { IndexRow } from './index-reading';
import { PageStore } from './pages';
import { Postings, renumber } from './postings';
import { readVector } from './ts-text';

/** FNV-1a of a text: a record written again with the same words keeps its postings. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

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
}

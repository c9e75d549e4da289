/**
 * A search answered from the index in memory: the hits of its clauses narrowed by its filters, ranked
 * or ordered, the page taken, and the facets counted over every hit. What it finds is what bib_search's
 * statements find (search-plan.ts): the same lexemes, the same filters. The ranking is the index's own
 * (ts_rank_cd needs word positions the index does not keep): each clause scores the best field it was
 * found in (title 1, authors 0.4, subjects 0.2, the rest 0.1, PostgreSQL's default weights) and an exact
 * title typed scores 1 more, a title beginning with what was typed 0.3; equal scores go the more
 * libraries hold the record first, then by title.
 */
import type { TSearchQuery } from '../catalog.schemas';
import { isbnKeys, looksLikeIsbn } from '../isbn';
import { FLAG_LIVE, FLAG_ON_SHELF, HOT, HOT_STRIDE, NO_YEAR, TITLE_SPAN, type SearchIndex } from './memory-index';
import type { Lists } from './columns';
import { intersect, union, withWeights, type DocList } from './postings';
import { ANY_WEIGHT, WEIGHT, type Clauses, type QueryLexeme } from './ts-text';

export interface MemoryFacets {
  years: { value: string; count: number }[];
  languages: { value: string; count: number }[];
  materialTypes: { value: string; count: number }[];
  subjects: { value: string; count: number }[];
  /** Counts per library id, every library: named and ordered by the database (kp_search_answer). */
  libraries: { id: string; count: number }[];
}

export interface MemoryHits {
  total: number;
  page: { recordId: string; rank: number }[];
  facets: MemoryFacets | null;
}

/**
 * The most hits a search answers from memory. Each hit costs a read of its record's columns from main
 * memory (~100 ns on the two-core machines measured; decision 0019), so a search of 40,000 hits would
 * cost 5–15 ms here against the database's 5–8 ms on its own core; above this, the database answers.
 */
export const MEMORY_MAX_HITS = Number(process.env.KITEPKANA_SEARCH_INDEX_MAX_HITS ?? 10000);

const EMPTY_LIST: DocList = { docs: new Int32Array(0), masks: new Uint8Array(0), length: 0 };

/** The documents holding any of a clause's lexemes in the weights it asks. */
function clauseDocs(index: SearchIndex, clause: readonly QueryLexeme[]): DocList {
  const lists: DocList[] = [];
  for (const q of clause) {
    const names = q.prefix ? index.lexemesStartingWith(q.lexeme) : [q.lexeme];
    for (const name of names) {
      const postings = index.lexemes.get(name);
      if (!postings) continue;
      lists.push(q.weights === ANY_WEIGHT ? postings : withWeights(postings, q.weights));
    }
  }
  return lists.length ? union(lists) : EMPTY_LIST;
}

/** The documents holding an ISBN (either form of it), or none when it has no digits. */
function isbnDocs(index: SearchIndex, isbn: string): DocList {
  const docs = [...new Set(isbnKeys([isbn]).flatMap((key) => index.docsWithIsbn(key)))].sort((a, b) => a - b);
  return { docs: Int32Array.from(docs), masks: new Uint8Array(docs.length).fill(ANY_WEIGHT), length: docs.length };
}

/** What the query's filters ask of a document, resolved against the index once per search; null: nothing passes. */
interface Filters {
  /** Language and type as packed in HOT.codes (0: any), and the mask of what is asked. */
  codes: number;
  codesMask: number;
  ageLabel: number;
  yearFrom: number;
  yearTo: number;
  /** ББК codes beginning with the prefix asked for (by code id), or null when none was asked. */
  bbk: Uint8Array | null;
  library: number;
  /** The list the library is looked for in (holdings, or copies on the shelf), or null for any. */
  libraryList: Lists | null;
  onShelf: boolean;
}

function filtersOf(index: SearchIndex, query: TSearchQuery): Filters | null {
  const code = (value: string | undefined) =>
    value === undefined || value === '' ? 0 : (index.codes.ids.get(value) ?? -1);
  const language = code(query.language?.toLowerCase());
  const type = code(query.materialType);
  const ageLabel = code(query.ageLabel);
  if (language < 0 || type < 0 || ageLabel < 0) return null;
  const filters: Filters = {
    codes: language | (type << 16),
    codesMask: (language ? 0xffff : 0) | (type ? 0xffff0000 : 0),
    ageLabel,
    // A record without a year passes no year range (as the database's coalesce has it).
    yearFrom: query.yearFrom ?? (query.yearTo === undefined ? NO_YEAR : NO_YEAR + 1),
    yearTo: query.yearTo ?? 2 ** 31 - 1,
    bbk: null,
    library: 0,
    libraryList: null,
    onShelf: !!query.available,
  };
  if (query.bbk) {
    const prefix = query.bbk.trim().toUpperCase();
    const values = index.bbkCodes.values;
    filters.bbk = new Uint8Array(values.length);
    for (let id = 1; id < values.length; id++) if (values[id]!.startsWith(prefix)) filters.bbk[id] = 1;
  }
  if (query.libraryId) {
    const library = index.libraryIds.ids.get(query.libraryId);
    if (library === undefined) return null;
    filters.library = library;
    filters.libraryList = query.available ? index.available : index.libraries;
  }
  return filters;
}

/** Whether a live document meets the filters other than its year, codes and shelf (checked on HOT). */
function meetsLists(index: SearchIndex, f: Filters, doc: number): boolean {
  if (f.bbk) {
    const { start, count, data } = index.bbk;
    let any = false;
    for (let i = start[doc]!, end = i + count[doc]!; i < end && !any; i++) any = f.bbk[data[i]!] === 1;
    if (!any) return false;
  }
  return !f.libraryList || f.libraryList.includes(doc, f.library);
}

/** A clause's score by the best field it was found in, in tenths, by mask (A 1, B 2, C 4, D 8). */
const WEIGHT_SCORE = Int32Array.from({ length: 16 }, (_, mask) =>
  mask & WEIGHT.A ? 10 : mask & WEIGHT.B ? 4 : mask & WEIGHT.C ? 2 : 1,
);

/** Years in keys lie below this; title ranks (below TITLE_SPAN) go in as TITLE_SPAN - 1 - rank, an earlier title the bigger key. */
const YEAR_SPAN = 4096;

/** The first `k` of `n` hits in order: the biggest keys, ties by record id (a heap of the best k, then sorted). */
function firstInOrder(index: SearchIndex, docs: Int32Array, keys: Float64Array, n: number, k: number): number[] {
  // Positive when hit a comes after hit b.
  // Equal keys: titles compared as text (ranks of documents added since the load can be equal), then ids.
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const after = (a: number, b: number) =>
    keys[b]! - keys[a]! ||
    text(index.sortTitles[docs[a]!]!, index.sortTitles[docs[b]!]!) ||
    text(index.recordIds[docs[a]!]!, index.recordIds[docs[b]!]!);
  if (k >= n) return Array.from({ length: n }, (_, i) => i).sort(after);
  // The root is the last of the best k so far.
  const heap: number[] = [];
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (after(heap[i]!, heap[p]!) <= 0) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let last = i;
      if (l < heap.length && after(heap[l]!, heap[last]!) > 0) last = l;
      if (r < heap.length && after(heap[r]!, heap[last]!) > 0) last = r;
      if (last === i) break;
      [heap[i], heap[last]] = [heap[last]!, heap[i]!];
      i = last;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      up(heap.length - 1);
    } else if (keys[i]! >= keys[heap[0]!]! && after(i, heap[0]!) < 0) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort(after);
}

/** The ten commonest values of a counted column, most first, then as `tie` orders them. */
function topTen(counts: Int32Array, values: (id: number) => string, tie: (a: string, b: string) => number) {
  const found: { value: string; count: number }[] = [];
  for (let id = 0; id < counts.length; id++) if (counts[id]) found.push({ value: values(id), count: counts[id]! });
  return found.sort((a, b) => b.count - a.count || tie(a.value, b.value)).slice(0, 10);
}

const textOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Over this many hits, facets are counted over this many of them taken at even steps, and scaled: a
 * result of 40,000 is not read whole for ten counts per facet.
 */
const FACET_SAMPLE = 5000;

function facetsOf(index: SearchIndex, docs: Int32Array, length: number): MemoryFacets {
  const years = new Int32Array(YEAR_SPAN);
  const codes = new Int32Array(index.codes.values.length);
  const types = new Int32Array(index.codes.values.length);
  const subjects = new Int32Array(index.subjectIds.values.length);
  const libraries = new Int32Array(index.libraryIds.values.length);
  const { start: sStart, count: sCount, data: sData } = index.subjects;
  const { start: lStart, count: lCount, data: lData } = index.libraries;
  const step = length > FACET_SAMPLE ? length / FACET_SAMPLE : 1;
  const counted = length > FACET_SAMPLE ? FACET_SAMPLE : length;
  for (let k = 0; k < counted; k++) {
    const doc = docs[Math.floor(k * step)]!;
    const year = index.hot[doc * HOT_STRIDE + HOT.year]!;
    if (year >= 0 && year < YEAR_SPAN) years[year]!++;
    const packed = index.hot[doc * HOT_STRIDE + HOT.codes]!;
    codes[packed & 0xffff]!++;
    types[packed >>> 16]!++;
    for (let j = sStart[doc]!, end = j + sCount[doc]!; j < end; j++) subjects[sData[j]!]!++;
    for (let j = lStart[doc]!, end = j + lCount[doc]!; j < end; j++) libraries[lData[j]!]!++;
  }
  if (step > 1)
    for (const counts of [years, codes, types, subjects, libraries])
      for (let i = 0; i < counts.length; i++) if (counts[i]) counts[i] = Math.max(1, Math.round(counts[i]! * step));
  const value = (id: number) => index.codes.values[id]!;
  return {
    years: topTen(years, String, (a, b) => Number(b) - Number(a)),
    languages: topTen(codes, value, textOrder).filter((f) => f.value !== ''),
    materialTypes: topTen(types, value, textOrder),
    subjects: topTen(subjects, (id) => index.subjectIds.values[id]!, textOrder),
    libraries: [...libraries].flatMap((count, id) => (count ? [{ id: index.libraryIds.values[id]!, count }] : [])),
  };
}

/**
 * The hits of `clauses` (the query's words as lexemes) under the query's filters, its page and facets;
 * null when the index cannot answer it alone (no words and no ISBN: the database reads those along its indexes).
 */
export function searchInMemory(
  index: SearchIndex,
  query: TSearchQuery,
  clauses: Clauses,
  typedTitle: string | null,
  withFacets: boolean,
): MemoryHits | null {
  const isbn = query.isbn ?? (query.q && looksLikeIsbn(query.q) ? query.q.replace(/^ISBN/i, '') : undefined);
  if (!clauses.length && isbn === undefined) return null;
  index.refreshTitleRanks();
  const lists = clauses.map((c) => clauseDocs(index, c));
  if (isbn !== undefined) lists.push(isbnDocs(index, isbn));
  // A search whose every clause has many records is left to the database (see MEMORY_MAX_HITS).
  if (Math.min(...lists.map((l) => l.length)) > MEMORY_MAX_HITS) return null;
  const found = intersect(lists);
  const filters = filtersOf(index, query);
  const docs = new Int32Array(filters ? found.length : 0);
  const keys = new Float64Array(docs.length);
  const scores = new Int32Array(docs.length);
  const sort = query.sort ?? 'relevance';
  const ranked = clauses.length > 0 && sort === 'relevance';
  const masks = found.masks.slice(0, clauses.length);
  const title = typedTitle && ranked ? index.titleKeyRange(typedTitle) : null;
  const listFilters = filters && (filters.bbk || filters.libraryList) ? filters : null;
  const hot = index.hot;
  let n = 0;
  // One pass over the hits: filters, score, and the place in the order asked as one number (the bigger the earlier).
  for (let i = 0; i < found.length && filters; i++) {
    const doc = found.docs[i]!;
    const at = doc * HOT_STRIDE;
    const flags = hot[at + HOT.flags]!;
    if (!(flags & FLAG_LIVE)) continue;
    const year = hot[at + HOT.year]!;
    if (year < filters.yearFrom || year > filters.yearTo) continue;
    if ((hot[at + HOT.codes]! & filters.codesMask) !== filters.codes) continue;
    if (filters.ageLabel && hot[at + HOT.ageLabel] !== filters.ageLabel) continue;
    if (filters.onShelf && !(flags & FLAG_ON_SHELF)) continue;
    if (listFilters && !meetsLists(index, listFilters, doc)) continue;
    const titleOrder = TITLE_SPAN - 1 - hot[at + HOT.titleRank]!;
    let key: number;
    if (ranked) {
      let score = 0;
      for (let c = 0; c < masks.length; c++) score += WEIGHT_SCORE[masks[c]![i]!]!;
      if (title) {
        const rank = hot[at + HOT.keyRank]!;
        if (rank >= 0)
          score += rank >= title.from && rank < title.exactTo ? 10 : rank >= title.from && rank < title.to ? 3 : 0;
        else if (index.titleKeys[doc]!.startsWith(typedTitle!))
          score += index.titleKeys[doc]!.length === typedTitle!.length ? 10 : 3;
      }
      scores[n] = score;
      key = (score * 1024 + Math.min(hot[at + HOT.libraries]!, 1023)) * TITLE_SPAN + titleOrder;
    } else if (sort === 'year_desc') key = (year === NO_YEAR ? 0 : year + 1) * TITLE_SPAN + titleOrder;
    else if (sort === 'year_asc') key = (year === NO_YEAR ? 0 : YEAR_SPAN - year) * TITLE_SPAN + titleOrder;
    else key = titleOrder * YEAR_SPAN + (year === NO_YEAR ? YEAR_SPAN - 1 : year + 1);
    docs[n] = doc;
    keys[n++] = key;
  }
  const offset = (query.page - 1) * query.pageSize;
  const first = firstInOrder(index, docs, keys, n, offset + query.pageSize);
  return {
    total: n,
    page: first
      .slice(offset)
      .map((i) => ({ recordId: index.recordIds[docs[i]!]!, rank: ranked ? scores[i]! / 10 : 0 })),
    facets: withFacets ? facetsOf(index, docs, n) : null,
  };
}

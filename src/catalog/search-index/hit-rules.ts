/**
 * What a search asks of each hit, resolved once per search: its filters (as bib_search's statements
 * apply them, search-plan.ts), its score and its place in the order asked as one number. The ranking is
 * the index's own (ts_rank_cd needs word positions the index does not keep): each clause scores the best
 * field it was found in (title 1, authors 0.4, subjects 0.2, the rest 0.1, PostgreSQL's default weights)
 * and an exact title typed scores 1 more, a title beginning with what was typed 0.3; equal scores go the
 * more libraries hold the record first, then by title.
 */
import type { TSearchQuery } from '../catalog.schemas';
import type { Lists } from './columns';
import { FLAG_LIVE, FLAG_ON_SHELF, HOT, HOT_STRIDE, LIBRARIES_CAP, NO_YEAR, TITLE_SPAN } from './hot';
import type { SearchIndex } from './memory-index';
import { WEIGHT } from './ts-text';

/** What the query's filters ask of a document; null from rulesOf: nothing passes. */
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
  /** The list the library is looked for in (holdings, or copies on the shelf), or null for any; where HOT says it lies. */
  libraryList: Lists | null;
  libraryAt: number;
  onShelf: boolean;
}

export interface HitRules extends Filters {
  index: SearchIndex;
  /** Whether the hits are ranked by score (words asked, sorted by relevance). */
  ranked: boolean;
  sort: NonNullable<TSearchQuery['sort']>;
  /** The title typed, and the key ranks of the titles equal to it or beginning with it (ranked searches). */
  typedTitle: string | null;
  title: { from: number; exactTo: number; to: number } | null;
  /** Whether bbk or libraryList is asked (the filters read apart from HOT). */
  lists: boolean;
}

export function rulesOf(
  index: SearchIndex,
  query: TSearchQuery,
  hasWords: boolean,
  typedTitle: string | null,
): HitRules | null {
  const code = (value: string | undefined) =>
    value === undefined || value === '' ? 0 : (index.codes.ids.get(value) ?? -1);
  const language = code(query.language?.toLowerCase());
  const type = code(query.materialType);
  const ageLabel = code(query.ageLabel);
  if (language < 0 || type < 0 || ageLabel < 0) return null;
  const sort = query.sort ?? 'relevance';
  const ranked = hasWords && sort === 'relevance';
  const rules: HitRules = {
    index,
    codes: language | (type << 16),
    codesMask: (language ? 0xffff : 0) | (type ? 0xffff0000 : 0),
    ageLabel,
    // A record without a year passes no year range (as the database's coalesce has it).
    yearFrom: query.yearFrom ?? (query.yearTo === undefined ? NO_YEAR : NO_YEAR + 1),
    yearTo: query.yearTo ?? 2 ** 31 - 1,
    bbk: null,
    library: 0,
    libraryList: null,
    libraryAt: 0,
    onShelf: !!query.available,
    ranked,
    sort,
    typedTitle: ranked ? typedTitle : null,
    title: typedTitle && ranked ? index.titleKeyRange(typedTitle) : null,
    lists: false,
  };
  if (query.bbk) {
    const prefix = query.bbk.trim().toUpperCase();
    const values = index.bbkCodes.values;
    rules.bbk = new Uint8Array(values.length);
    for (let id = 1; id < values.length; id++) if (values[id]!.startsWith(prefix)) rules.bbk[id] = 1;
  }
  if (query.libraryId) {
    const library = index.libraryIds.ids.get(query.libraryId);
    if (library === undefined) return null;
    rules.library = library;
    rules.libraryList = query.available ? index.available : index.libraries;
    rules.libraryAt = query.available ? HOT.availableAt : HOT.librariesAt;
  }
  rules.lists = !!(rules.bbk || rules.libraryList);
  return rules;
}

/** Whether a live document meets the filters other than its year, codes and shelf (checked on HOT). */
function meetsLists(r: HitRules, doc: number): boolean {
  if (r.bbk) {
    const { start, count, data } = r.index.bbk;
    let any = false;
    for (let i = start[doc]!, end = i + count[doc]!; i < end && !any; i++) any = r.bbk[data[i]!] === 1;
    if (!any) return false;
  }
  if (!r.libraryList) return true;
  // The list's start and length lie next to each other in HOT (…At, …Count).
  const at = doc * HOT_STRIDE + r.libraryAt;
  const data = r.libraryList.data;
  for (let i = r.index.hot[at]!, end = i + r.index.hot[at + 1]!; i < end; i++) if (data[i] === r.library) return true;
  return false;
}

/** Whether a document is live and meets the query's filters. */
export function passes(r: HitRules, doc: number): boolean {
  const hot = r.index.hot;
  const at = doc * HOT_STRIDE;
  const flags = hot[at + HOT.flags]!;
  if (!(flags & FLAG_LIVE)) return false;
  const year = hot[at + HOT.year]!;
  if (year < r.yearFrom || year > r.yearTo) return false;
  if ((hot[at + HOT.codes]! & r.codesMask) !== r.codes) return false;
  if (r.ageLabel && hot[at + HOT.ageLabel] !== r.ageLabel) return false;
  if (r.onShelf && !(flags & FLAG_ON_SHELF)) return false;
  return !r.lists || meetsLists(r, doc);
}

/** A clause's score by the best field it was found in, in tenths, by mask (A 1, B 2, C 4, D 8). */
export const WEIGHT_SCORE = Int32Array.from({ length: 16 }, (_, mask) =>
  mask & WEIGHT.A ? 10 : mask & WEIGHT.B ? 4 : mask & WEIGHT.C ? 2 : 1,
);

/** What the title typed adds to a document's score, in tenths: 10 for the title itself, 3 for one beginning with it. */
export function titleBoost(r: HitRules, doc: number): number {
  if (!r.title) return 0;
  const rank = r.index.hot[doc * HOT_STRIDE + HOT.keyRank]!;
  if (rank >= 0)
    return rank >= r.title.from && rank < r.title.exactTo ? 10 : rank >= r.title.from && rank < r.title.to ? 3 : 0;
  const key = r.index.titleKeys[doc]!;
  return key.startsWith(r.typedTitle!) ? (key.length === r.typedTitle!.length ? 10 : 3) : 0;
}

/** Years in keys lie below this; title ranks (below TITLE_SPAN) go in as TITLE_SPAN - 1 - rank, an earlier title the bigger key. */
export const YEAR_SPAN = 4096;

/** A ranked document's key for a score (in tenths): the bigger the earlier. */
export function rankedKey(hot: Int32Array, doc: number, score: number): number {
  const at = doc * HOT_STRIDE;
  return (
    (score * 1024 + Math.min(hot[at + HOT.libraries]!, LIBRARIES_CAP)) * TITLE_SPAN +
    TITLE_SPAN -
    1 -
    hot[at + HOT.titleRank]!
  );
}

/** A document's place in the order asked as one number, the bigger the earlier (`score` for ranked searches). */
export function keyOf(r: HitRules, doc: number, score: number): number {
  const hot = r.index.hot;
  if (r.ranked) return rankedKey(hot, doc, score);
  const at = doc * HOT_STRIDE;
  const year = hot[at + HOT.year]!;
  const titleOrder = TITLE_SPAN - 1 - hot[at + HOT.titleRank]!;
  if (r.sort === 'year_desc') return (year === NO_YEAR ? 0 : year + 1) * TITLE_SPAN + titleOrder;
  if (r.sort === 'year_asc') return (year === NO_YEAR ? 0 : YEAR_SPAN - year) * TITLE_SPAN + titleOrder;
  return titleOrder * YEAR_SPAN + (year === NO_YEAR ? YEAR_SPAN - 1 : year + 1);
}

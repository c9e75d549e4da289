/** The columns of the search index a search reads for every hit, one row of numbers per document (memory-index.ts). */

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

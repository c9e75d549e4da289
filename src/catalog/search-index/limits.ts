/** How many hits the index in memory reads whole, and when the database answers instead (memory-search.ts). */
export const searchLimits = {
  /**
   * Up to this many records in its smallest clause, a search reads every hit: each costs a read of its
   * record's columns from main memory (~100–200 ns on the two-core machines measured; decision 0019).
   */
  exactHits: Number(process.env.KITEPKANA_SEARCH_INDEX_EXACT_HITS ?? 2000),
  /** A search in an order other than relevance, with more records than this in every clause, goes to the database. */
  maxHits: Number(process.env.KITEPKANA_SEARCH_INDEX_MAX_HITS ?? 10000),
  /** A broad search whose sample says it has at most this many hits counts them all (broad-search.ts). */
  countedHits: 1000,
};

/**
 * A search answered from the index in memory: the hits of its clauses narrowed by its filters, ranked
 * or ordered (hit-rules.ts), the page taken, and the facets counted. What it finds is what bib_search's
 * statements find (search-plan.ts): the same lexemes, the same filters. A search whose every clause has
 * few records reads every hit; a broad one ranked by relevance reads its hits best first and stops once
 * its page is sure (broad-search.ts); a broad one in another order is left to the database.
 */
import type { TSearchQuery } from '../catalog.schemas';
import { isbnKeys, looksLikeIsbn } from '../isbn';
import { broadSearch } from './broad-search';
import { facetsOf, type MemoryFacets } from './facets';
import { keyOf, passes, rulesOf, titleBoost, WEIGHT_SCORE } from './hit-rules';
import type { SearchIndex } from './memory-index';
import { intersect, union, withWeights, type DocList } from './postings';
import { searchLimits } from './limits';
import { TopK } from './top-k';

export { searchLimits } from './limits';
import { ANY_WEIGHT, type Clauses, type QueryLexeme } from './ts-text';

export type { MemoryFacets } from './facets';

export interface MemoryHits {
  total: number;
  /** Whether the total was estimated from a sample of the hits (a broad search that stopped early). */
  totalIsEstimate: boolean;
  page: { recordId: string; rank: number }[];
  facets: MemoryFacets | null;
}

/**
 * A clause's documents: one lexeme's postings read in the weights the clause asks (`weights`, applied
 * as they are read), or several lexemes' merged with their weights applied (`weights` then any);
 * `allowed` is every weight the clause can be found in.
 */
export interface ClauseList {
  list: DocList;
  weights: number;
  allowed: number;
}

const EMPTY_LIST: DocList = { docs: new Int32Array(0), masks: new Uint8Array(0), length: 0 };

interface ClauseParts {
  parts: { list: DocList; weights: number }[];
  allowed: number;
}

/** The postings a clause reads: one list per lexeme it holds (a word's stems; every word beginning so). */
function clauseParts(index: SearchIndex, clause: readonly QueryLexeme[]): ClauseParts {
  const parts: ClauseParts['parts'] = [];
  let allowed = 0;
  for (const q of clause) {
    const names = q.prefix ? index.lexemesStartingWith(q.lexeme) : [q.lexeme];
    for (const name of names) {
      const postings = index.lexemes.get(name);
      if (!postings) continue;
      parts.push({ list: postings, weights: q.weights });
      allowed |= q.weights;
    }
  }
  return { parts, allowed };
}

/** A clause's documents, its lexemes' postings merged when it has several. */
function clauseList({ parts, allowed }: ClauseParts): ClauseList {
  if (parts.length === 0) return { list: EMPTY_LIST, weights: ANY_WEIGHT, allowed: ANY_WEIGHT };
  if (parts.length === 1) return { ...parts[0]!, allowed };
  return { list: union(parts.map(materialized)), weights: ANY_WEIGHT, allowed };
}

function materialized(c: { list: DocList; weights: number }): DocList {
  return c.weights === ANY_WEIGHT ? c.list : withWeights(c.list, c.weights);
}

/** The documents holding an ISBN (either form of it), or none when it has no digits. */
function isbnDocs(index: SearchIndex, isbn: string): ClauseList {
  const docs = [...new Set(isbnKeys([isbn]).flatMap((key) => index.docsWithIsbn(key)))].sort((a, b) => a - b);
  const list = {
    docs: Int32Array.from(docs),
    masks: new Uint8Array(docs.length).fill(ANY_WEIGHT),
    length: docs.length,
  };
  return { list, weights: ANY_WEIGHT, allowed: ANY_WEIGHT };
}

/**
 * The hits of `clauses` (the query's words as lexemes) under the query's filters, its page and facets;
 * null when the index cannot answer it alone (no words and no ISBN: the database reads those along its
 * indexes; a broad search in an order other than relevance).
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
  const parts = clauses.map((c) => clauseParts(index, c));
  const rules = rulesOf(index, query, clauses.length > 0, typedTitle);
  const offset = (query.page - 1) * query.pageSize;
  const top = new TopK(index, offset + query.pageSize, !!rules?.ranked);
  // A clause of words the catalogue does not hold: nothing found, and no other clause's lists merged.
  if (!rules || parts.some((p) => p.parts.length === 0))
    return {
      total: 0,
      totalIsEstimate: false,
      page: [],
      facets: withFacets ? facetsOf(index, new Int32Array(0), 0) : null,
    };
  const lists = parts.map(clauseList);
  if (isbn !== undefined) lists.push(isbnDocs(index, isbn));
  const smallest = Math.min(...lists.map((l) => l.list.length));
  if (smallest > searchLimits.exactHits) {
    if (rules.ranked) return broadSearch(rules, lists, clauses.length, top, offset, withFacets);
    if (smallest > searchLimits.maxHits) return null;
  }
  if (!rules)
    return {
      total: 0,
      totalIsEstimate: false,
      page: [],
      facets: withFacets ? facetsOf(index, new Int32Array(0), 0) : null,
    };
  const found = intersect(lists.map(materialized));
  const masks = found.masks.slice(0, clauses.length);
  const hits = new Int32Array(found.length);
  let n = 0;
  for (let i = 0; i < found.length; i++) {
    const doc = found.docs[i]!;
    if (!passes(rules, doc)) continue;
    let score = 0;
    if (rules.ranked) {
      for (let c = 0; c < masks.length; c++) score += WEIGHT_SCORE[masks[c]![i]!]!;
      score += titleBoost(rules, doc);
    }
    top.offer(doc, keyOf(rules, doc, score), score);
    hits[n++] = doc;
  }
  return {
    total: n,
    totalIsEstimate: false,
    page: top.page(offset, rules.ranked),
    facets: withFacets ? facetsOf(index, hits, n) : null,
  };
}

/**
 * The steps of a catalogue search (search.service.ts) answered from the index in memory: the words as
 * typed (or with the last one unfinished), and the words as corrected. The index is first brought up to
 * what was committed before the search arrived (bringUpToDate, once per search), then each step finds its
 * hits, and takes the page and the library facet from what the index keeps (pages.ts). Each returns null
 * when the database's statements must answer instead.
 */
import type { Db } from '../../app/db';
import type { TSearchQuery } from '../catalog.schemas';
import { textParts, typedTitle } from '../search-plan';
import { requiredWords, termsOf } from '../search-query';
import type { PlanResult } from '../search.service';
import { changedSince } from './freshness';
import type { SearchIndex } from './memory-index';
import { searchInMemory } from './memory-search';
import { clausesOf } from './query-lexemes';
import { catchUp } from './registry';
import { readQuery, type Clauses } from './ts-text';

/** How many times the index catches up before a search when bib_search keeps changing under it. */
const ATTEMPTS = 3;

/**
 * Brings the index up to what was committed before now (a search calls it once, before its steps);
 * false when bib_search keeps changing under it, and the database's statements must answer.
 */
export async function bringUpToDate(db: Db, index: SearchIndex): Promise<boolean> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (!(await changedSince(db, index))) return true;
    await catchUp(db, index);
  }
  return false;
}

async function answer(
  db: Db,
  index: SearchIndex,
  query: TSearchQuery,
  clauses: Clauses,
  withFacets: boolean,
): Promise<PlanResult | null> {
  const hits = searchInMemory(index, query, clauses, typedTitle(query), withFacets);
  if (!hits) return null;
  const page = await index.pages.page(db, hits.page);
  const facets = hits.facets && {
    years: hits.facets.years,
    languages: hits.facets.languages,
    materialTypes: hits.facets.materialTypes,
    subjects: hits.facets.subjects,
    libraries: await index.pages.libraryFacet(db, hits.facets.libraries),
  };
  return { total: hits.total, totalIsEstimate: hits.totalIsEstimate, page, facets, corrected: null };
}

/** The full-text step (search-plan.ts fullTextPlan): every word of every field, in the weights of its field. */
export async function fullTextFromMemory(
  db: Db,
  index: SearchIndex,
  query: TSearchQuery,
  prefix: boolean,
  withFacets: boolean,
) {
  const terms = textParts(query, prefix).flatMap((p) => termsOf(requiredWords(p.words), p.weights, p.prefix));
  const clauses = await clausesOf(db, terms);
  return clauses ? answer(db, index, query, clauses, withFacets) : null;
}

/**
 * The typo step (search-plan.ts fuzzyPlan) for words typed into the box: the corrected words over titles
 * and authors, a subject still by full text. Words typed into the title or author field must also resemble
 * that field as a whole, which the database answers.
 */
export async function fuzzyFromMemory(
  db: Db,
  index: SearchIndex,
  query: TSearchQuery,
  correctedText: string,
  withFacets: boolean,
) {
  const parts = textParts(query);
  if (parts.some((p) => p.weights === 'A' || p.weights === 'B')) return null;
  const corrected = readQuery(correctedText);
  const subjects = await clausesOf(
    db,
    parts.filter((p) => p.weights === 'C').flatMap((p) => termsOf(requiredWords(p.words), 'C')),
  );
  if (!corrected || !subjects) return null;
  return answer(db, index, query, [...corrected, ...subjects], withFacets);
}

/**
 * The steps of a catalogue search (search.service.ts) answered from the index in memory: the words as
 * typed (or with the last one unfinished), and the words as corrected. The hits are found here; one
 * statement reads their page and names the library facet (kp_search_answer), and says whether bib_search
 * changed since the index last read its log: then the index catches up and the step is answered again.
 * Each returns null when the database's statements must answer instead.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../app/db';
import type { TSearchQuery } from '../catalog.schemas';
import { textParts, typedTitle } from '../search-plan';
import { requiredWords, termsOf } from '../search-query';
import type { Facet, PlanResult } from '../search.service';
import { arrayParam } from './array-param';
import type { SearchIndex } from './memory-index';
import { searchInMemory } from './memory-search';
import { clausesOf } from './query-lexemes';
import { catchUp } from './registry';
import { readQuery, type Clauses } from './ts-text';

/** How many times a step is answered again when bib_search keeps changing under it. */
const ATTEMPTS = 3;

async function answer(
  db: Db,
  index: SearchIndex,
  query: TSearchQuery,
  clauses: Clauses,
  withFacets: boolean,
): Promise<PlanResult | null> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const hits = searchInMemory(index, query, clauses, typedTitle(query), withFacets);
    if (!hits) return null;
    const libraries = hits.facets?.libraries ?? [];
    const [row] = rowsOf<{ answer: { page: PlanResult['page']; libraries: Facet[]; changed: boolean } }>(
      await db.execute(sql`select kp_search_answer(
        ${arrayParam(
          hits.page.map((h) => h.recordId),
          'uuid[]',
        )}, ${arrayParam(
          hits.page.map((h) => h.rank),
          'float8[]',
        )},
        ${arrayParam(
          libraries.map((l) => l.id),
          'uuid[]',
        )}, ${arrayParam(
          libraries.map((l) => l.count),
          'int[]',
        )},
        ${index.since}::xid8, ${arrayParam(index.seen, 'xid8[]')}) as answer`),
    );
    const found = row!.answer;
    if (found.changed) {
      await catchUp(db, index);
      continue;
    }
    const facets = hits.facets && {
      years: hits.facets.years,
      languages: hits.facets.languages,
      materialTypes: hits.facets.materialTypes,
      subjects: hits.facets.subjects,
      libraries: found.libraries,
    };
    return { total: hits.total, totalIsEstimate: false, page: found.page, facets, corrected: null };
  }
  return null;
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

/**
 * What a search asks of the search index (bib_search, one narrow row per live record): the conditions
 * a hit must meet, how hits are ranked, and which hits are looked at first when there are too many to
 * rank them all. Full text first (`russian` stems or `simple` words, each typed word required); when
 * that finds nothing, every word is matched by trigram word similarity instead (typos).
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { foldedSql, foldedSqlInline, foldText, likeEscape } from '../app/text-fold';
import type { TSearchQuery } from './catalog.schemas';
import { bibRecords as R, bibSearch as S, searchWords as W } from './catalog.tables';
import { isbnKeys, looksLikeIsbn } from './isbn';
import { fuzzyWords, likePrefix, queryWords, requiredWords, termsOf, type Term } from './search-query';

/** Lowest pg_trgm word similarity of a word typed into the title or author field to that field. */
export const FUZZY_THRESHOLD = 0.45;
/** Lowest pg_trgm similarity of a catalogue word to a typed one ("мастр" ~ "мастер" is 0.44, "парход" ~ "пароход" 0.5). */
export const WORD_SIMILARITY = 0.35;

/**
 * Hits looked at first when the candidates are capped: `condition`, and `where` (what a hit of the tier
 * must meet besides: `where` of the plan, or less of it when the condition implies the rest).
 */
export interface Tier {
  condition: SQL;
  where: SQL;
}

export interface Plan {
  where: SQL;
  rank: SQL;
  hasText: boolean;
  /**
   * Hits looked at first when the candidates are capped, best first (an exact title, then the words
   * in the title; or the subject asked for as a record's first heading); the rest of the hits come after them.
   */
  tiers: Tier[];
  /**
   * `where` as the planner can estimate it ("about N"): years compared plainly, where `where` wraps
   * them in coalesce so that they are checked on the rows rather than through the year index.
   */
  estimateWhere: SQL;
}

/**
 * Conditions that do not depend on how text is matched: ISBN, ББК, years, codes, copies. With
 * `forEstimate`, years are compared plainly: the planner reads those in its statistics.
 */
function filterConditions(query: TSearchQuery, forEstimate = false): SQL[] {
  const where: SQL[] = [];
  const isbn = query.isbn ?? (query.q && looksLikeIsbn(query.q) ? query.q.replace(/^ISBN/i, '') : undefined);
  if (isbn !== undefined) {
    const keys = isbnKeys([isbn]);
    // An ISBN field holding no digits matches nothing rather than everything.
    where.push(
      keys.length
        ? sql`${S.recordId} in (select ${R.id} from ${R} where ${R.isbns} && array[${sql.join(
            keys.map((k) => sql`${k}`),
            sql`, `,
          )}]::text[])`
        : sql`false`,
    );
  }
  if (query.bbk)
    where.push(
      sql`exists (select 1 from unnest(${S.bbk}) as b(code) where upper(b.code) like ${likePrefix(query.bbk)})`,
    );
  // Years and copies are checked on the rows the text index returns: a year range or a library spans
  // a large share of the catalogue, and intersecting its index with the text's costs more than the
  // capped number of rows it would spare. (Without text, the rows are read in order until enough.)
  if (query.yearFrom !== undefined)
    where.push(forEstimate ? sql`${S.year} >= ${query.yearFrom}` : sql`coalesce(${S.year}, -1) >= ${query.yearFrom}`);
  if (query.yearTo !== undefined)
    where.push(
      forEstimate
        ? sql`${S.year} <= ${query.yearTo}`
        : sql`coalesce(${S.year}, ${query.yearTo + 1}) <= ${query.yearTo}`,
    );
  if (query.language) where.push(eq(S.language, query.language.toLowerCase()));
  if (query.ageLabel) where.push(eq(S.ageLabel, query.ageLabel));
  if (query.materialType) where.push(eq(S.materialType, query.materialType));
  if (query.libraryId && query.available) where.push(sql`${query.libraryId}::uuid = any(${S.availableLibraryIds})`);
  else if (query.libraryId) where.push(sql`${query.libraryId}::uuid = any(${S.libraryIds})`);
  else if (query.available) where.push(sql`cardinality(${S.availableLibraryIds}) > 0`);
  if (!where.length) where.push(sql`true`);
  return where;
}

/** The words of each text field, with the weights the field is restricted to. */
export function textParts(query: TSearchQuery, prefix = false) {
  const box = query.q && looksLikeIsbn(query.q) ? [] : queryWords(query.q);
  return [
    { words: box, weights: '', prefix },
    { words: queryWords(query.title), weights: 'A', prefix: false },
    { words: queryWords(query.author), weights: 'B', prefix: false },
    { words: queryWords(query.subject), weights: 'C', prefix: false },
  ].filter((p) => p.words.length > 0);
}

/** Every term required; each matches as a Russian stem, or as written (a prefix, a stop word). */
function tsQuery(terms: readonly Term[]): SQL {
  return sql.join(
    terms.map((t) => {
      const ways = [
        ...(t.russian === null ? [] : [sql`to_tsquery('russian', ${t.russian})`]),
        ...(t.simple === null ? [] : [sql`to_tsquery('simple', ${t.simple})`]),
      ];
      return sql`(${sql.join(ways, sql` || `)})`;
    }),
    sql` && `,
  );
}

/** The title typed into the box or the title field, folded; null when none was. */
export function typedTitle(query: TSearchQuery): string | null {
  const typed = (query.q && !looksLikeIsbn(query.q) ? query.q : query.title)?.trim();
  return typed ? foldText(typed) : null;
}

/** An exact title typed goes first. */
function titleBoost(query: TSearchQuery): SQL {
  const folded = typedTitle(query);
  if (!folded) return sql`0`;
  return sql`(case when ${S.titleKey} = ${folded} then 1.0 when ${S.titleKey} like ${`${likeEscape(folded)}%`} then 0.3 else 0 end)`;
}

/**
 * The full-text plan. With `prefix`, the box's last word may also be the start of a word (a person
 * may not have finished typing it): the service asks for that only when the words as typed find
 * less than a page, since a prefix makes the index read every word it begins.
 */
export function fullTextPlan(query: TSearchQuery, prefix = false): Plan {
  const where = filterConditions(query);
  const estimateWhere = filterConditions(query, true);
  const parts = textParts(query, prefix);
  const terms = parts.map((p) => termsOf(requiredWords(p.words), p.weights, p.prefix));
  // Without the box's words, and without the subject's: a tier below implies them.
  const beyondBox = [...where];
  const beyondSubject = [...where];
  parts.forEach((p, i) => {
    // The title field is answered by the title's own index (a weight would make every match re-read).
    const condition =
      p.weights === 'A'
        ? sql`${S.titleVector} @@ (${tsQuery(termsOf(requiredWords(p.words)))})`
        : sql`${S.vector} @@ (${tsQuery(terms[i]!)})`;
    where.push(condition);
    estimateWhere.push(condition);
    if (p.weights !== '') beyondBox.push(condition);
    if (p.weights !== 'C') beyondSubject.push(condition);
  });
  const all = terms.flat();
  // Ranked only when ordered by relevance (year and title orders do not need it).
  const ranked = all.length > 0 && (query.sort ?? 'relevance') === 'relevance';
  const rank = ranked ? sql`(ts_rank_cd(${S.vector}, ${tsQuery(all)}) + ${titleBoost(query)})` : sql`0`;
  const tiers: Tier[] = [];
  const box = parts.find((p) => p.weights === '');
  // An exact title typed in the box, or the box's words in the title, contain the box's words: those
  // tiers need not look them up in the whole vector too (one index scan over every match fewer).
  const tierWhere = box ? and(...beyondBox)! : and(...where)!;
  const folded = typedTitle(query);
  if (folded) tiers.push({ condition: sql`${S.titleKey} = ${folded}`, where: tierWhere });
  // The box's words found in the title: what a person typing a title expects first.
  if (box)
    tiers.push({
      condition: sql`${S.titleVector} @@ (${tsQuery(termsOf(requiredWords(box.words), '', prefix))})`,
      where: tierWhere,
    });
  // A subject asked for as a whole heading (a facet, a record's subject link): the records whose first
  // heading it is, read along that heading's index until enough. That heading holds the subject's words,
  // so the tier does not ask the vector for them: a common heading's words would make the index collect
  // every record holding them (45,000 of 1,000,000) before the first could be taken.
  if (!box && query.subject && parts.some((p) => p.weights === 'C')) {
    tiers.push({
      condition: sql`${firstSubjectKey()} = ${foldText(query.subject.trim())}`,
      where: and(...beyondSubject)!,
    });
  }
  return { where: and(...where)!, rank, hasText: all.length > 0, tiers, estimateWhere: and(...estimateWhere)! };
}

/**
 * The records whose title holds every word of `text` (Russian stems, ё as е, Kyrgyz letters folded, as
 * the catalogue's search matches a title), as an array for `record_id = any(...)`; null when `text` has no words.
 */
export function recordsWithTitleWords(text: string): SQL | null {
  const words = requiredWords(queryWords(text));
  if (!words.length) return null;
  return sql`array(select ${S.recordId} from ${S} where ${S.titleVector} @@ (${tsQuery(termsOf(words))}))`;
}

/** A record's first subject heading, folded: the expression of the index bib_search__first_subject. */
export const firstSubjectKey = () => foldedSqlInline(sql`${S.subjects}[1]`);

/**
 * A typed word as the catalogue has it, as a tsquery over titles and authors: the word itself when
 * some title or author has it, else the (at most three) catalogue words most like it.
 */
function correctedWord(word: string): SQL {
  // `%` (pg_trgm.similarity_threshold, 0.3 by default) lets the trigram index narrow the words first.
  const alike = sql`select ${W.word} as word from ${W} where ${W.word} % ${word} and similarity(${W.word}, ${word}) >= ${WORD_SIMILARITY}
    order by similarity(${W.word}, ${word}) desc, ${W.word} limit 3`;
  return sql`(select case when exists (select 1 from ${W} where ${W.word} = ${word}) then ${tsQuery(termsOf([word], 'AB'))}
    else to_tsquery('simple', coalesce((select string_agg(a.word || ':AB', ' | ') from (${alike}) a), ${`${word}:AB`})) end)`;
}

/**
 * Typo tolerance, first step: each title/author/box word corrected against the catalogue's words, as
 * the text of one tsquery over titles and authors (an expression: asked for once, then searched, see
 * fuzzyPlan). Null when no word is long enough to correct.
 */
export function correctedWords(query: TSearchQuery): SQL | null {
  const words = wordsToCorrect(query);
  return words.length ? sql`(${sql.join(words.map(correctedWord), sql` && `)})::text` : null;
}

/** The words correctedWords corrects, in its order: what its answer depends on besides the catalogue's words. */
export function wordsToCorrect(query: TSearchQuery): string[] {
  return fuzzyWords(
    textParts(query)
      .filter((p) => p.weights !== 'C')
      .flatMap((p) => requiredWords(p.words)),
  );
}

/**
 * Typo tolerance: the words as corrected (the text of the tsquery correctedWords gave) searched by
 * full text; a word typed into the title or author field must also resemble that field.
 */
export function fuzzyPlan(query: TSearchQuery, correctedText: string): Plan {
  const parts = textParts(query);
  const corrected = sql`${correctedText}::tsquery`;
  const filters = (forEstimate: boolean) => {
    const where = filterConditions(query, forEstimate);
    where.push(sql`${S.vector} @@ ${corrected}`);
    // A word typed into the title or author field must resemble that field, not just title + authors.
    for (const p of parts.filter((part) => part.weights === 'A' || part.weights === 'B')) {
      const field = foldedSql(p.weights === 'A' ? R.searchTitle : R.searchAuthors);
      const alike = fuzzyWords(requiredWords(p.words)).map(
        (word) => sql`word_similarity(${word}, ${field}) >= ${FUZZY_THRESHOLD}`,
      );
      where.push(sql`exists (select 1 from ${R} where ${R.id} = ${S.recordId} and ${and(...alike)})`);
    }
    // Subjects are not corrected: they still have to match by full text.
    for (const p of parts.filter((part) => part.weights === 'C')) {
      where.push(sql`${S.vector} @@ (${tsQuery(termsOf(requiredWords(p.words), 'C'))})`);
    }
    return and(...where)!;
  };
  return {
    where: filters(false),
    estimateWhere: filters(true),
    rank: sql`(ts_rank_cd(${S.vector}, ${corrected}) + ${titleBoost(query)})`,
    hasText: true,
    tiers: [],
  };
}

/**
 * ORDER BY over the columns of the candidates (year, sort_title, record_id, rank, library_ids). Hits that
 * rank alike (an author's surname in each) come the more libraries hold them first — the books a
 * network bought for many branches, an author's best known — rather than in alphabetical order.
 */
export function orderFor(query: TSearchQuery, plan: Plan): SQL {
  switch (query.sort) {
    case 'year_desc':
      return sql`year desc nulls last, sort_title collate "C", record_id`;
    case 'year_asc':
      return sql`year asc nulls last, sort_title collate "C", record_id`;
    case 'title':
      return sql`sort_title collate "C", year desc, record_id`;
    default:
      return plan.hasText
        ? sql`rank desc, cardinality(library_ids) desc, sort_title collate "C", record_id`
        : sql`sort_title collate "C", year desc, record_id`;
  }
}

/** Whether the order is by rank: then candidates are gathered tier by tier and ranked after. */
export const ranksByRelevance = (query: TSearchQuery, plan: Plan) =>
  plan.hasText && (query.sort ?? 'relevance') === 'relevance';

/**
 * Searching the union catalogue in PostgreSQL over the narrow search index (bib_search; conditions and
 * ranking in search-plan.ts). A broad query on a big catalogue matches far more records than anyone
 * pages through, so at most CANDIDATES hits are gathered — an exact title first, then the words in the
 * title, then the rest — and only those are ranked (ts_rank_cd + exact-title boost) and counted for
 * the facets. When the cap is reached the total is the planner's estimate and `totalIsEstimate` is
 * set (the pages show "about N"), and facet counts are scaled to it. Exports ask for every hit.
 */
import { and, asc, eq, gte, sql, type SQL } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import { rowsOf, type Db } from '../app/db';
import type { TSearchQuery } from './catalog.schemas';
import { bibRecords as R, bibSearch as S } from './catalog.tables';
import { looksLikeIsbn } from './isbn';
import { bringUpToDate, fullTextFromMemory, fuzzyFromMemory } from './search-index/answer';
import { readyIndex } from './search-index/registry';
import {
  correctedWords,
  wordsToCorrect,
  fullTextPlan,
  fuzzyPlan,
  orderFor,
  ranksByRelevance,
  type Plan,
} from './search-plan';

/** How many hits are ranked and counted for facets at most (a deep page raises it to reach it). */
export const CANDIDATES = 200;

export interface Facet {
  value: string;
  label?: string;
  count: number;
}

export interface SearchFacets {
  libraries: Facet[];
  years: Facet[];
  languages: Facet[];
  materialTypes: Facet[];
  subjects: Facet[];
}

/** A hit as a result page shows it: its record's fields, its rank and its copies per library. */
export type Hit = Pick<
  typeof R.$inferSelect,
  | 'id'
  | 'format'
  | 'title'
  | 'otherTitle'
  | 'responsibility'
  | 'authors'
  | 'publisher'
  | 'place'
  | 'year'
  | 'isbns'
  | 'language'
  | 'subjects'
  | 'bbk'
  | 'series'
  | 'materialType'
  | 'ageLabel'
  | 'description'
> & { rank: number; availability: { libraryId: string; libraryName: string; total: number; available: number }[] };

/** Facets over the gathered hits (kp_search_facets, given their facet columns): by year, language, type, subject and library. */
const FACETS = sql`, (select kp_search_facets(array_agg((h.year, h.language, h.material_type, h.subjects, h.library_ids)::kp_search_hit))
  from hits h) as facets`;

export interface PlanResult {
  total: number;
  totalIsEstimate: boolean;
  page: Hit[];
  facets: SearchFacets | null;
  /** The corrected words' tsquery text, when asked for and nothing was found (see runPlan). */
  corrected: string | null;
}

/**
 * The hits to rank and count: all of them, or at most `limit` + 1 — gathered tier by tier when ranked
 * by relevance, else as the index returns them (the page itself is then read in order, see pageOf).
 */
function candidates(query: TSearchQuery, plan: Plan, limit: number | null): SQL {
  const columns = sql`${S.recordId} as record_id, ${S.year} as year, ${S.language} as language, ${S.materialType} as material_type,
    ${S.subjects} as subjects, ${S.libraryIds} as library_ids, ${S.sortTitle} as sort_title, ${plan.rank} as rank`;
  const from = (where: SQL) => sql`select ${columns} from ${S} where ${where}`;
  if (limit === null) return from(plan.where);
  if (!ranksByRelevance(query, plan) || !plan.tiers.length) return sql`${from(plan.where)} limit ${limit + 1}`;
  // Each tier leaves out what an earlier one took; the outer LIMIT stops reading once it has enough.
  // Each has the limit too, so it is planned for it: a word in every tenth title is then read row by
  // row until enough, rather than by collecting every one of its 100,000 entries in the index first.
  const branches = [...plan.tiers, null].map((tier, i) => {
    const earlier = plan.tiers.slice(0, i).map((t) => sql`not coalesce(${t.condition}, false)`);
    const where = tier ? and(tier.where, tier.condition, ...earlier)! : and(plan.where, ...earlier)!;
    return sql`(${from(where)} limit ${limit + 1})`;
  });
  return sql`select * from (${sql.join(branches, sql` union all `)}) c limit ${limit + 1}`;
}

/**
 * The page's hits in order, numbered. Ranked hits are ordered among the candidates; in year or title
 * order the page is read along that order's index, stopping after the page, whatever the candidates.
 */
function pageOf(query: TSearchQuery, plan: Plan, limit: number | null): SQL {
  const order = orderFor(query, plan);
  const offset = (query.page - 1) * query.pageSize;
  const source =
    limit === null || ranksByRelevance(query, plan)
      ? sql`hits`
      : sql`(select ${S.recordId} as record_id, ${S.year} as year, ${S.sortTitle} as sort_title, 0::real as rank from ${S} where ${plan.where}) h`;
  return sql`select record_id, rank, row_number() over (order by ${order}) as n from ${source}
    order by ${order} limit ${query.pageSize} offset ${offset}`;
}

/**
 * The text of a query for the planner's estimate of how many records match (cheap, and close enough
 * for "about N"), with its values written in: kp_estimate_rows explains it inside the search statement.
 */
function estimateQuery(db: Db, plan: Plan): string {
  const { dialect } = db as unknown as { dialect: PgDialect };
  return dialect.sqlToQuery(sql`select 1 from ${S} where ${plan.estimateWhere}`.inlineParams()).sql;
}

/**
 * Hits of a search without words counted up to this many (beyond it, the planner's estimate). The total
 * is then right, but still marked as an estimate: the facets are counted over the candidates and scaled.
 */
const FILTER_COUNT = 10000;

/**
 * How many records match when more than the candidates do. With words, the planner's estimate: a word
 * common enough to pass the cap has statistics close enough for "about N", and counting its 100,000
 * matches would cost more than the search. Without words (a ББК, years, a library) the planner has no
 * such statistics (it took 1,614 records for a ББК index that 317 have): they are counted, up to FILTER_COUNT.
 */
function beyondCap(db: Db, plan: Plan): SQL {
  if (plan.hasText) return sql`kp_estimate_rows(${estimateQuery(db, plan)})::int`;
  return sql`(select case when count(*) > ${FILTER_COUNT} then kp_estimate_rows(${estimateQuery(db, plan)})::int else count(*)::int end
    from (select 1 from ${S} where ${plan.where} limit ${FILTER_COUNT + 1}) counted)`;
}

/**
 * One statement gathers the hits once and answers from them the count, the page (each hit with its
 * record's fields and its copies per library, read for the page's rows only) and the facets. With
 * `correction` (correctedWords), it also corrects the words when it finds nothing: a search that is
 * about to be retried as a typo then needs no statement of its own for that.
 */
async function runPlan(
  db: Db,
  query: TSearchQuery,
  plan: Plan,
  withFacets: boolean,
  cap: number | null,
  correction: SQL | null = null,
): Promise<PlanResult> {
  const limit = cap === null ? null : Math.max(cap, query.page * query.pageSize);
  const result = await db.execute(sql`
    with hits as materialized (${candidates(query, plan, limit)})
    select
      (select count(*)::int from hits) as total,
      ${limit === null ? sql`null` : sql`case when (select count(*) from hits) > ${limit} then ${beyondCap(db, plan)} end`} as estimate,
      (select kp_search_page(array_agg(p.record_id order by p.n), array_agg(p.rank::float8 order by p.n))
        from (${pageOf(query, plan, limit)}) p) as page
      ${withFacets ? FACETS : sql``}
      ${correction ? sql`, case when (select count(*) from hits) = 0 then ${correction} end as corrected` : sql``}
  `);
  type Row = {
    total: number;
    estimate: number | null;
    page: Hit[];
    facets?: Record<'years' | 'languages' | 'material_types' | 'subjects' | 'libraries', Facet[]>;
    corrected?: string | null;
  };
  const row = rowsOf<Row>(result)[0]!;
  const capped = limit !== null && row.total > limit;
  const total = capped ? Math.max(row.total, row.estimate ?? 0) : row.total;
  // Counts over the gathered hits, scaled to the estimated total when there were more.
  const scale = (facets: Facet[] | undefined) =>
    capped ? facets!.map((f) => ({ ...f, count: Math.max(1, Math.round((f.count * total) / row.total)) })) : facets!;
  const facets = withFacets
    ? {
        libraries: scale(row.facets?.libraries),
        years: scale(row.facets?.years),
        languages: scale(row.facets?.languages),
        materialTypes: scale(row.facets?.material_types),
        subjects: scale(row.facets?.subjects),
      }
    : null;
  return { total, totalIsEstimate: capped, page: row.page, facets, corrected: row.corrected ?? null };
}

export interface SearchOptions {
  withFacets?: boolean;
  /** Every hit counted and ranked, however many (exports); otherwise at most `candidates` are. */
  exact?: boolean;
  /** How many hits are gathered at most (CANDIDATES unless told). */
  candidates?: number;
  /** false: answered by the database's statements only, even when the index in memory could. */
  memory?: boolean;
}

/**
 * A search: the words as typed; with the last one unfinished when that finds less than a page; the words
 * corrected when nothing is found. Each step is answered from the index in memory when it is loaded and
 * can (search-index/), else by the database's statements; exports and a set number of candidates always
 * go to the database.
 */
export async function searchCatalog(db: Db, query: TSearchQuery, options: SearchOptions = {}) {
  const withFacets = options.withFacets ?? true;
  const cap = options.exact ? null : (options.candidates ?? CANDIDATES);
  const ready =
    options.exact || options.candidates !== undefined || options.memory === false ? null : await readyIndex(db);
  // Everything committed before the search is in the index, or the database answers.
  const index = ready && (await bringUpToDate(db, ready)) ? ready : null;
  const fullText = async (prefix: boolean, correction: SQL | null = null) =>
    (index && (await fullTextFromMemory(db, index, query, prefix, withFacets))) ||
    runPlan(db, query, fullTextPlan(query, prefix), withFacets, cap, correction);
  let isFuzzy = false;
  let found = await fullText(false);
  // Nothing at all: the words are corrected against the catalogue's words (apart from the search, so
  // that the search itself is planned with the corrected words as a constant), then searched.
  const correction = found.total === 0 ? correctedWords(query) : null;
  let corrected: string | null = null;
  // Less than a page for the words as typed: the last word may be unfinished ("карамаз"). When the
  // words found nothing, the database's statement also corrects them, in case the prefix finds nothing either.
  if (found.total < query.pageSize && query.q && !looksLikeIsbn(query.q)) {
    const widened = await fullText(true, correction);
    if (widened.total > found.total) found = widened;
    corrected = widened.corrected;
  }
  if (found.total === 0 && correction) {
    const correct = async () =>
      rowsOf<{ corrected: string }>(await db.execute(sql`select ${correction} as corrected`))[0]!.corrected;
    corrected ??= index ? await index.corrected(wordsToCorrect(query).join(' '), correct) : await correct();
    isFuzzy = true;
    found =
      (index && (await fuzzyFromMemory(db, index, query, corrected, withFacets))) ||
      (await runPlan(db, query, fuzzyPlan(query, corrected), withFacets, cap));
  }
  return {
    items: found.page.map((hit) => ({ ...hit, rank: Number(hit.rank) })),
    total: found.total,
    totalIsEstimate: found.totalIsEstimate,
    page: query.page,
    pageSize: query.pageSize,
    isFuzzy,
    facets: found.facets,
  };
}

/**
 * Records matching a saved search that were catalogued at or after `since`, oldest first (ИРИ digests
 * read new material in order and remember how far they got). Full-text matching only: a digest should
 * not guess at typos.
 */
export async function findNewRecords(db: Db, query: TSearchQuery, since: Date, limit: number) {
  const plan = fullTextPlan(query);
  return db
    .select({ id: R.id, title: R.title, description: R.description, year: R.year, createdAt: R.createdAt })
    .from(S)
    .innerJoin(R, eq(R.id, S.recordId))
    .where(and(plan.where, gte(R.createdAt, since)))
    .orderBy(asc(R.createdAt), asc(R.id))
    .limit(limit);
}

/**
 * Searching the union catalogue in PostgreSQL: full-text search over one weighted vector holding both
 * `russian` stems and `simple` words (Kyrgyz, English, prefixes) — each typed word may match either —
 * ranked with ts_rank_cd and an exact-title boost; when that finds nothing, every word is matched by
 * trigram word similarity instead (typos).
 * Facets are SQL aggregates over the whole filtered result. Used by the staff API and, later, the OPAC.
 */
import { and, asc, desc, eq, gte, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';
import { foldedSql, foldText, likeEscape } from '../app/text-fold';
import { libraries } from '../network';
import type { TSearchQuery } from './catalog.schemas';
import { bibRecords as R, items } from './catalog.tables';
import { isbnKeys, looksLikeIsbn } from './isbn';
import { fuzzyWords, likePrefix, queryWords, requiredWords, termsOf, type Term } from './search-query';

/** Lowest pg_trgm word similarity accepted for a typo ("парход" ~ "пароход" is 0.5). */
const FUZZY_THRESHOLD = 0.45;

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

interface Plan {
  where: SQL;
  rank: SQL;
  hasText: boolean;
}

const hitColumns = {
  id: R.id,
  format: R.format,
  title: R.title,
  otherTitle: R.otherTitle,
  responsibility: R.responsibility,
  authors: R.authors,
  publisher: R.publisher,
  place: R.place,
  year: R.year,
  isbns: R.isbns,
  language: R.language,
  subjects: R.subjects,
  bbk: R.bbk,
  series: R.series,
  materialType: R.materialType,
  ageLabel: R.ageLabel,
  description: R.description,
};

/** Conditions that do not depend on how text is matched: ISBN, ББК, years, codes, copies. */
function filterConditions(query: TSearchQuery): SQL[] {
  const where: SQL[] = [eq(R.isDeleted, false)];
  const isbn = query.isbn ?? (query.q && looksLikeIsbn(query.q) ? query.q.replace(/^ISBN/i, '') : undefined);
  if (isbn !== undefined) {
    const keys = isbnKeys([isbn]);
    // An ISBN field holding no digits matches nothing rather than everything.
    where.push(keys.length ? sql`${R.isbns} && array[${sql.join(keys.map((k) => sql`${k}`), sql`, `)}]::text[]` : sql`false`);
  }
  if (query.bbk) where.push(sql`exists (select 1 from unnest(${R.bbk}) as b(code) where upper(b.code) like ${likePrefix(query.bbk)})`);
  if (query.yearFrom !== undefined) where.push(gte(R.year, query.yearFrom));
  if (query.yearTo !== undefined) where.push(lte(R.year, query.yearTo));
  if (query.language) where.push(eq(R.language, query.language.toLowerCase()));
  if (query.ageLabel) where.push(eq(R.ageLabel, query.ageLabel));
  if (query.materialType) where.push(eq(R.materialType, query.materialType));
  if (query.libraryId || query.available) {
    const copy: SQL[] = [sql`${items.recordId} = ${R.id}`, ne(items.status, 'written_off')];
    if (query.libraryId) copy.push(eq(items.libraryId, query.libraryId));
    if (query.available) copy.push(eq(items.status, 'available'));
    where.push(sql`exists (select 1 from ${items} where ${and(...copy)})`);
  }
  return where;
}

/** The words of each text field, with the weights the field is restricted to. */
function textParts(query: TSearchQuery) {
  const box = query.q && looksLikeIsbn(query.q) ? [] : queryWords(query.q);
  return [
    { words: box, weights: '', prefix: true },
    { words: queryWords(query.title), weights: 'A', prefix: false },
    { words: queryWords(query.author), weights: 'B', prefix: false },
    { words: queryWords(query.subject), weights: 'C', prefix: false },
  ].filter((p) => p.words.length > 0);
}

/** Every term required; each may match as a Russian stem or as the word itself (or its prefix). */
function tsQuery(terms: readonly Term[]): SQL {
  return sql.join(
    terms.map((t) => sql`(to_tsquery('russian', ${t.russian}) || to_tsquery('simple', ${t.simple}))`),
    sql` && `,
  );
}

const foldedTitle = foldedSql(R.title);

/** An exact title typed into the box or the title field goes first. */
function titleBoost(query: TSearchQuery): SQL {
  const typed = (query.q && !looksLikeIsbn(query.q) ? query.q : query.title)?.trim();
  if (!typed) return sql`0`;
  const folded = foldText(typed);
  return sql`(case when ${foldedTitle} = ${folded} then 1.0 when ${foldedTitle} like ${`${likeEscape(folded)}%`} then 0.3 else 0 end)`;
}

function fullTextPlan(query: TSearchQuery): Plan {
  const where = filterConditions(query);
  const terms = textParts(query).map((p) => termsOf(requiredWords(p.words), p.weights, p.prefix));
  for (const partTerms of terms) where.push(sql`${R.searchVector} @@ (${tsQuery(partTerms)})`);
  const all = terms.flat();
  const rank = all.length ? sql`(ts_rank_cd(${R.searchVector}, ${tsQuery(all)}) + ${titleBoost(query)})` : sql`0`;
  return { where: and(...where)!, rank, hasText: all.length > 0 };
}

/** Typo tolerance: each title/author/box word must resemble a word of the title or authors. */
function fuzzyPlan(query: TSearchQuery): Plan | null {
  const parts = textParts(query);
  const words = fuzzyWords(parts.filter((p) => p.weights !== 'C').flatMap((p) => requiredWords(p.words)));
  if (!words.length) return null;
  const where = filterConditions(query);
  for (const word of words) where.push(sql`${word} <% ${R.searchTrgm}`);
  // A word typed into the title or author field must resemble that field, not just title + authors.
  for (const p of parts.filter((part) => part.weights === 'A' || part.weights === 'B')) {
    const field = foldedSql(p.weights === 'A' ? R.searchTitle : R.searchAuthors);
    for (const word of fuzzyWords(requiredWords(p.words))) where.push(sql`word_similarity(${word}, ${field}) >= ${FUZZY_THRESHOLD}`);
  }
  // Subjects are not in the trigram text: they still have to match by full text.
  for (const p of parts.filter((part) => part.weights === 'C')) {
    where.push(sql`${R.searchVector} @@ (${tsQuery(termsOf(requiredWords(p.words), 'C'))})`);
  }
  const similarity = sql.join(words.map((w) => sql`word_similarity(${w}, ${R.searchTrgm})`), sql` + `);
  return { where: and(...where)!, rank: sql`(${similarity} + ${titleBoost(query)})`, hasText: true };
}

/** ORDER BY over the columns of the `hits` CTE below. */
function orderFor(query: TSearchQuery, plan: Plan): SQL {
  switch (query.sort) {
    case 'year_desc':
      return sql`year desc nulls last, sort_title collate "C", id`;
    case 'year_asc':
      return sql`year asc nulls last, sort_title collate "C", id`;
    case 'title':
      return sql`sort_title collate "C", year desc, id`;
    default:
      return plan.hasText ? sql`rank desc, sort_title collate "C", id` : sql`sort_title collate "C", year desc, id`;
  }
}

const top = (select: SQL) =>
  sql`(select coalesce(json_agg(f order by f.count desc, f.value), '[]'::json) from (${select} limit 10) f)`;

/** Facets over every hit, not only the page: by year, language, type, subject and library. */
const FACETS = sql`,
  ${top(sql`select year::text as value, count(*)::int as count from hits where year is not null group by year order by count(*) desc, year desc`)} as years,
  ${top(sql`select language as value, count(*)::int as count from hits where language <> '' group by language order by count(*) desc, language`)} as languages,
  ${top(sql`select material_type as value, count(*)::int as count from hits group by material_type order by count(*) desc, material_type`)} as material_types,
  ${top(sql`select s.subject as value, count(*)::int as count from hits, unnest(hits.subjects) as s(subject) group by s.subject order by count(*) desc, s.subject`)} as subjects,
  ${top(sql`select l.id::text as value, l.name as label, count(distinct i.record_id)::int as count
    from ${items} i join hits h on h.id = i.record_id join ${libraries} l on l.id = i.library_id
    where i.status <> 'written_off' group by l.id, l.name order by count(distinct i.record_id) desc, l.name`)} as libraries`;

interface PlanResult {
  total: number;
  page: { id: string; rank: number }[];
  facets: SearchFacets | null;
}

/**
 * One statement finds the hits once and answers from them the total, the page (ids in order) and
 * the facets; the page's records are then read by primary key.
 */
async function runPlan(db: Db, query: TSearchQuery, plan: Plan, withFacets: boolean): Promise<PlanResult> {
  const order = orderFor(query, plan);
  const result = await db.execute(sql`
    with hits as materialized (
      select ${R.id} as id, ${R.year} as year, ${R.language} as language, ${R.materialType} as material_type,
        ${R.subjects} as subjects, ${R.sortTitle} as sort_title, ${plan.rank} as rank
      from ${R} where ${plan.where}
    )
    select
      (select count(*)::int from hits) as total,
      (select coalesce(json_agg(json_build_object('id', id, 'rank', rank) order by ${order}), '[]'::json)
        from (select id, rank, year, sort_title from hits
              order by ${order} limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}) p) as page
      ${withFacets ? FACETS : sql``}
  `);
  type Row = { total: number; page: { id: string; rank: number }[] } & Partial<Record<'years' | 'languages' | 'material_types' | 'subjects' | 'libraries', Facet[]>>;
  const row = rowsOf<Row>(result)[0]!;
  const facets = withFacets
    ? { libraries: row.libraries!, years: row.years!, languages: row.languages!, materialTypes: row.material_types!, subjects: row.subjects! }
    : null;
  return { total: row.total, page: row.page, facets };
}

/** Copies per library for the hits of a page: how many, and how many are on the shelf now. */
async function availabilityOf(db: Db, recordIds: string[]) {
  if (!recordIds.length) return new Map<string, { libraryId: string; libraryName: string; total: number; available: number }[]>();
  const rows = await db
    .select({
      recordId: items.recordId,
      libraryId: items.libraryId,
      libraryName: libraries.name,
      total: sql<number>`count(*)::int`,
      available: sql<number>`(count(*) filter (where ${items.status} = 'available'))::int`,
    })
    .from(items)
    .innerJoin(libraries, eq(libraries.id, items.libraryId))
    .where(and(inArray(items.recordId, recordIds), ne(items.status, 'written_off')))
    .groupBy(items.recordId, items.libraryId, libraries.name)
    .orderBy(desc(sql`count(*) filter (where ${items.status} = 'available')`), asc(libraries.name));
  const byRecord = new Map<string, { libraryId: string; libraryName: string; total: number; available: number }[]>();
  for (const { recordId, ...rest } of rows) byRecord.set(recordId, [...(byRecord.get(recordId) ?? []), rest]);
  return byRecord;
}

export async function searchCatalog(db: Db, query: TSearchQuery, options: { withFacets?: boolean } = {}) {
  const withFacets = options.withFacets ?? true;
  let isFuzzy = false;
  let found = await runPlan(db, query, fullTextPlan(query), withFacets);
  const fuzzy = found.total === 0 ? fuzzyPlan(query) : null;
  if (fuzzy) {
    isFuzzy = true;
    // The threshold is set for this transaction only; the trigram index serves `<%` at that level.
    found = await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_THRESHOLD)}, true)`);
      return runPlan(tx, query, fuzzy, withFacets);
    });
  }
  const ids = found.page.map((p) => p.id);
  const [rows, availability] = await Promise.all([
    ids.length ? db.select(hitColumns).from(R).where(inArray(R.id, ids)) : [],
    availabilityOf(db, ids),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: found.page.map(({ id, rank }) => ({ ...byId.get(id)!, rank: Number(rank), availability: availability.get(id) ?? [] })),
    total: found.total,
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
    .from(R)
    .where(and(plan.where, gte(R.createdAt, since)))
    .orderBy(asc(R.createdAt), asc(R.id))
    .limit(limit);
}

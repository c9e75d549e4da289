/**
 * The OPAC's query string: what a reader typed or clicked, read leniently (a bad value becomes its
 * default, never an error page, and is reported as a problem the page names next to the form), and
 * the links that add or remove one filter.
 */
import { z } from 'zod';
import { AGE_LABELS, MATERIAL_TYPES, SEARCH_SORTS, type TSearchQuery } from '../catalog';
import { href } from './portal-request';

export const OPAC_PAGE_SIZE = 20;

/** A text field, cut to `max` characters (a long query pasted into a link still searches its start). */
const text = (max: number) =>
  z
    .string()
    .trim()
    .transform((v) => v.slice(0, max).trim())
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined);

export const YEAR_MIN = 1000;
export const YEAR_MAX = 2200;
/** Links stop at this page (see the pagination), and so does a page number typed into a link. */
export const OPAC_LAST_PAGE = 500;

const year = z.coerce.number().int().min(YEAR_MIN).max(YEAR_MAX).optional().catch(undefined);

/** "12+", and "12" or "12 " — a `+` typed into a link arrives as a space. */
const ageLabel = (v: unknown) => {
  const match = typeof v === 'string' ? /^\s*(\d{1,2})\s*\+?\s*$/.exec(v) : null;
  return match ? `${match[1]}+` : v;
};

/**
 * Parameter names are the reader's, short and stable for shared links. `language` (of the book) is
 * not `lang`, which is the page's language.
 */
const ZOpacQuery = z.object({
  q: text(300),
  title: text(300),
  author: text(300),
  subject: text(300),
  isbn: text(40),
  bbk: text(100),
  from: year,
  to: year,
  language: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{3}$/)
    .optional()
    .catch(undefined),
  library: z.string().trim().pipe(z.uuid()).optional().catch(undefined),
  available: z.literal('1').optional().catch(undefined),
  age: z.preprocess(ageLabel, z.enum(AGE_LABELS).optional()).catch(undefined),
  type: z.string().trim().pipe(z.enum(MATERIAL_TYPES)).optional().catch(undefined),
  sort: z.string().trim().pipe(z.enum(SEARCH_SORTS)).catch('relevance').default('relevance'),
  page: z.coerce.number().int().min(1).max(OPAC_LAST_PAGE).catch(1).default(1),
});
export type OpacQuery = z.infer<typeof ZOpacQuery>;

/** The filters a reader can see as chips and remove one by one (everything except the box, sort and page). */
export const FILTER_KEYS = [
  'title',
  'author',
  'subject',
  'isbn',
  'bbk',
  'from',
  'to',
  'language',
  'library',
  'available',
  'age',
  'type',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** The fields chosen from a list: a value not on it is named as such. */
export const CHOICE_KEYS = ['language', 'library', 'available', 'age', 'type', 'sort'] as const;
export type ChoiceKey = (typeof CHOICE_KEYS)[number];

/**
 * A value the search could not use, as the reader gave it (cut to a length a message can show). The
 * search runs without it; years the wrong way round are swapped, and the page says so.
 */
export type OpacProblem =
  | { kind: 'year'; field: 'from' | 'to'; value: string }
  | { kind: 'years_reversed'; from: number; to: number }
  | { kind: 'choice'; field: ChoiceKey; value: string }
  | { kind: 'page'; value: string };

export interface ReadOpacQuery {
  query: OpacQuery;
  problems: OpacProblem[];
}

const shown = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

/** The query string as the search uses it, and what in it could not be used. */
export function readOpacQuery(raw: unknown): ReadOpacQuery {
  const input = raw && typeof raw === 'object' ? raw : {};
  // A repeated parameter (?q=a&q=b) arrives as an array: the first value counts.
  const firsts: Record<string, unknown> = Object.fromEntries(
    Object.entries(input).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  );
  const query = ZOpacQuery.parse(firsts);
  const given = (key: keyof OpacQuery) => {
    const value = firsts[key];
    return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
  };
  const problems: OpacProblem[] = [];
  for (const field of ['from', 'to'] as const) {
    if (given(field) && query[field] === undefined) problems.push({ kind: 'year', field, value: shown(given(field)) });
  }
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    problems.push({ kind: 'years_reversed', from: query.from, to: query.to });
    [query.from, query.to] = [query.to, query.from];
  }
  for (const field of CHOICE_KEYS) {
    const value = given(field);
    const unused = field === 'sort' ? query.sort === 'relevance' && value !== 'relevance' : query[field] === undefined;
    if (value && unused) problems.push({ kind: 'choice', field, value: shown(value) });
  }
  const page = given('page');
  if (page && Number(page) !== query.page) problems.push({ kind: 'page', value: shown(page) });
  return { query, problems };
}

export function parseOpacQuery(raw: unknown): OpacQuery {
  return readOpacQuery(raw).query;
}

/** Whether there is anything to search for: an empty form shows the form, not the whole catalogue. */
export function hasCriteria(query: OpacQuery): boolean {
  return Boolean(query.q) || FILTER_KEYS.some((key) => query[key] !== undefined);
}

export function toSearchQuery(query: OpacQuery): TSearchQuery {
  return {
    q: query.q,
    title: query.title,
    author: query.author,
    subject: query.subject,
    isbn: query.isbn,
    bbk: query.bbk,
    yearFrom: query.from,
    yearTo: query.to,
    language: query.language,
    libraryId: query.library,
    available: query.available ? true : undefined,
    ageLabel: query.age,
    materialType: query.type,
    sort: query.sort,
    page: query.page,
    pageSize: OPAC_PAGE_SIZE,
  };
}

type Params = Partial<Record<keyof OpacQuery, string | number | undefined>>;

function paramsOf(query: OpacQuery): Params {
  return {
    q: query.q,
    ...Object.fromEntries(FILTER_KEYS.map((key) => [key, query[key]])),
    sort: query.sort === 'relevance' ? undefined : query.sort,
    page: query.page === 1 ? undefined : query.page,
  };
}

/** This search with some parameters changed; any change of filters returns to the first page. */
export function catalogHref(query: OpacQuery, changes: Params = {}): string {
  const params: Params = { ...paramsOf(query), page: undefined, ...changes };
  return href('/catalog', params);
}

export function pageHref(query: OpacQuery, page: number): string {
  return catalogHref(query, { page: page === 1 ? undefined : page });
}

/** A year facet narrows to exactly that year. */
export function yearFilterHref(query: OpacQuery, value: string): string {
  return catalogHref(query, { from: value, to: value });
}

export function withoutFilter(query: OpacQuery, key: FilterKey): string {
  return catalogHref(query, { [key]: undefined });
}

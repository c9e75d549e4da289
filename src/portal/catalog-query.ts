/**
 * The OPAC's query string: what a reader typed or clicked, read leniently (a bad value becomes its
 * default, never an error page), and the links that add or remove one filter.
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

const year = z.coerce.number().int().min(1000).max(2200).optional().catch(undefined);

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
    .regex(/^[a-z]{3}$/)
    .optional()
    .catch(undefined),
  library: z.uuid().optional().catch(undefined),
  available: z.literal('1').optional().catch(undefined),
  age: z.enum(AGE_LABELS).optional().catch(undefined),
  type: z.enum(MATERIAL_TYPES).optional().catch(undefined),
  sort: z.enum(SEARCH_SORTS).catch('relevance').default('relevance'),
  page: z.coerce.number().int().min(1).max(500).catch(1).default(1),
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

export function parseOpacQuery(raw: unknown): OpacQuery {
  const input = raw && typeof raw === 'object' ? raw : {};
  // A repeated parameter (?q=a&q=b) arrives as an array: the first value counts.
  const firsts = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return ZOpacQuery.parse(firsts);
}

/** Whether there is anything to search for: an empty form shows the form, not the whole catalogue. */
export function hasCriteria(query: OpacQuery): boolean {
  return Boolean(query.q) || FILTER_KEYS.some((key) => query[key] !== undefined);
}

export function toSearchQuery(query: OpacQuery): TSearchQuery {
  // Years typed the wrong way round are swapped rather than finding nothing.
  const [yearFrom, yearTo] =
    query.from !== undefined && query.to !== undefined && query.from > query.to
      ? [query.to, query.from]
      : [query.from, query.to];
  return {
    q: query.q,
    title: query.title,
    author: query.author,
    subject: query.subject,
    isbn: query.isbn,
    bbk: query.bbk,
    yearFrom,
    yearTo,
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

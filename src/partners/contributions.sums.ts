/**
 * Sums of contributions per library, partner, year or kind (always per currency: сом and рубль are
 * never added together), and the summary by purpose the report to the municipality uses.
 */
import { and, asc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../app/db';
import { libraries } from '../network';
import type { TContributionKind, TCurrency, TSumGroup } from './partners.schemas';
import { contributions, partners } from './partners.tables';

export interface SumRow {
  /** Library or partner id, the year as text, or the kind. */
  key: string;
  label: string;
  currency: TCurrency;
  total: number;
  count: number;
}

export interface SumQuery {
  groupBy: TSumGroup;
  libraryId?: string | undefined;
  partnerId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function periodFilter(libraryIds: string[] | null, q: { libraryId?: string | undefined; partnerId?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  const where: (SQL | undefined)[] = [];
  if (libraryIds) where.push(libraryIds.length ? inArray(contributions.libraryId, libraryIds) : sql`false`);
  if (q.libraryId) where.push(eq(contributions.libraryId, q.libraryId));
  if (q.partnerId) where.push(eq(contributions.partnerId, q.partnerId));
  if (q.from) where.push(gte(contributions.receivedOn, q.from));
  if (q.to) where.push(lte(contributions.receivedOn, q.to));
  return and(...where);
}

/** `libraryIds` null = every library. */
export async function sumContributions(db: Db, query: SumQuery, libraryIds: string[] | null): Promise<SumRow[]> {
  const keyExpr: Record<TSumGroup, SQL<string>> = {
    library: sql<string>`${contributions.libraryId}::text`,
    partner: sql<string>`${contributions.partnerId}::text`,
    year: sql<string>`extract(year from ${contributions.receivedOn})::int::text`,
    kind: sql<string>`${contributions.kind}`,
  };
  const labelExpr: Record<TSumGroup, SQL<string>> = {
    library: sql<string>`min(${libraries.name})`,
    partner: sql<string>`min(${partners.name})`,
    year: sql<string>`extract(year from min(${contributions.receivedOn}))::int::text`,
    kind: sql<string>`min(${contributions.kind})`,
  };
  const key = keyExpr[query.groupBy];
  const rows = await db
    .select({
      key,
      label: labelExpr[query.groupBy],
      currency: contributions.currency,
      total: sql<string>`sum(${contributions.value})`,
      count: sql<number>`count(*)::int`,
    })
    .from(contributions)
    .innerJoin(libraries, eq(libraries.id, contributions.libraryId))
    .innerJoin(partners, eq(partners.id, contributions.partnerId))
    .where(periodFilter(libraryIds, query))
    .groupBy(key, contributions.currency)
    .orderBy(asc(key), asc(contributions.currency));
  return rows.map((r) => ({ ...r, total: Number(r.total) }));
}

export interface PurposeSumRow {
  kind: TContributionKind;
  purpose: string;
  currency: TCurrency;
  total: number;
  count: number;
  /** Sum of quantities (copies, items, hours) where they were given. */
  quantity: number;
  partners: string[];
}

/**
 * What a set of libraries received in a period, grouped by kind and purpose, per currency: the
 * "contributions received and what they paid for" section of the report to the municipality.
 * Dates are inclusive ISO dates (YYYY-MM-DD).
 */
export async function sumContributionsByPurpose(
  db: Db,
  period: { libraryIds: string[]; from: string; to: string },
): Promise<PurposeSumRow[]> {
  if (!period.libraryIds.length) return [];
  const rows = await db
    .select({
      kind: contributions.kind,
      purpose: contributions.purpose,
      currency: contributions.currency,
      total: sql<string>`sum(${contributions.value})`,
      count: sql<number>`count(*)::int`,
      quantity: sql<number>`coalesce(sum(${contributions.quantity}), 0)::int`,
      partners: sql<string[]>`array_agg(distinct ${partners.name} order by ${partners.name})`,
    })
    .from(contributions)
    .innerJoin(partners, eq(partners.id, contributions.partnerId))
    .where(periodFilter(period.libraryIds, { from: period.from, to: period.to }))
    .groupBy(contributions.kind, contributions.purpose, contributions.currency)
    .orderBy(asc(contributions.kind), asc(contributions.purpose), asc(contributions.currency));
  return rows.map((r) => ({ ...r, total: Number(r.total) }));
}

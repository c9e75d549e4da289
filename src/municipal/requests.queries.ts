/** Reading municipal requests: the paged list, statistics by municipality and type, and the rows of the report. */
import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../app/db';
import { foldedContains } from '../app/text-fold';
import { municipalities } from '../network';
import { staffUsers } from '../staff';
import { isoDay } from './deadlines';
import type {
  TRequestListQuery,
  } from './municipal.schemas';
import { municipalRequests } from './municipal.tables';
import type { RequestVisibility } from './requests.service';


function visibilityCondition(visible: RequestVisibility | null): SQL | undefined {
  if (!visible) return undefined;
  const parts: SQL[] = [];
  if (visible.networkIds.length) parts.push(inArray(municipalRequests.networkId, visible.networkIds));
  if (visible.municipalityIds.length) parts.push(inArray(municipalRequests.municipalityId, visible.municipalityIds));
  return parts.length ? or(...parts) : sql`false`;
}

const OPEN = sql`${municipalRequests.status} in ('new', 'in_progress')`;

/** Requests waiting for an answer past their deadline on `today`. */
export const overdueCondition = (today: string) => and(OPEN, lt(municipalRequests.dueOn, today))!;

const assignee = alias(staffUsers, 'assignee');

export async function listRequests(db: Db, query: TRequestListQuery, visible: RequestVisibility | null, today = isoDay(new Date())) {
  const where: (SQL | undefined)[] = [visibilityCondition(visible)];
  if (query.status) where.push(eq(municipalRequests.status, query.status));
  if (query.type) where.push(eq(municipalRequests.type, query.type));
  if (query.municipalityId) where.push(eq(municipalRequests.municipalityId, query.municipalityId));
  if (query.assigneeId) where.push(eq(municipalRequests.assigneeId, query.assigneeId));
  if (query.isOverdue === true) where.push(overdueCondition(today));
  if (query.from) where.push(gte(municipalRequests.receivedAt, new Date(`${query.from}T00:00:00Z`)));
  if (query.to) where.push(lt(municipalRequests.receivedAt, new Date(Date.parse(`${query.to}T00:00:00Z`) + 86400_000)));
  if (query.q) {
    const asNumber = /^\d{1,9}$/.test(query.q.trim()) ? Number(query.q.trim()) : null;
    const text = or(
      foldedContains(municipalRequests.topic, query.q),
      foldedContains(municipalRequests.text, query.q),
      foldedContains(municipalRequests.requesterName, query.q),
    )!;
    where.push(asNumber === null ? text : or(text, eq(municipalRequests.number, asNumber)));
  }
  const condition = and(...where);
  const [items, total] = await Promise.all([
    db
      .select({
        id: municipalRequests.id,
        number: municipalRequests.number,
        networkId: municipalRequests.networkId,
        municipalityId: municipalRequests.municipalityId,
        municipalityName: municipalities.name,
        channel: municipalRequests.channel,
        type: municipalRequests.type,
        topic: municipalRequests.topic,
        status: municipalRequests.status,
        requesterName: municipalRequests.requesterName,
        assigneeId: municipalRequests.assigneeId,
        assigneeName: assignee.fullName,
        receivedAt: municipalRequests.receivedAt,
        wantedBy: municipalRequests.wantedBy,
        dueOn: municipalRequests.dueOn,
        answeredAt: municipalRequests.answeredAt,
        isOverdue: sql<boolean>`(${OPEN} and ${municipalRequests.dueOn} < ${today})`,
      })
      .from(municipalRequests)
      .innerJoin(municipalities, eq(municipalities.id, municipalRequests.municipalityId))
      .leftJoin(assignee, eq(assignee.id, municipalRequests.assigneeId))
      .where(condition)
      .orderBy(desc(municipalRequests.receivedAt), desc(municipalRequests.number))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(municipalRequests).where(condition),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}

export type RequestRow = Awaited<ReturnType<typeof listRequests>>['items'][number];

/** Counts for statistics: by municipality, by type, and the time to the first answer. */
export async function requestStatistics(
  db: Db,
  visible: RequestVisibility | null,
  period: { from?: string | undefined; to?: string | undefined },
  today = isoDay(new Date()),
) {
  const where: (SQL | undefined)[] = [visibilityCondition(visible)];
  if (period.from) where.push(gte(municipalRequests.receivedAt, new Date(`${period.from}T00:00:00Z`)));
  if (period.to) where.push(lt(municipalRequests.receivedAt, new Date(Date.parse(`${period.to}T00:00:00Z`) + 86400_000)));
  const condition = and(...where);
  const hours = sql`extract(epoch from (${municipalRequests.firstAnsweredAt} - ${municipalRequests.receivedAt})) / 3600.0`;
  const measures = {
    total: sql<number>`count(*)::int`,
    answered: sql<number>`(count(*) filter (where ${municipalRequests.firstAnsweredAt} is not null))::int`,
    open: sql<number>`(count(*) filter (where ${OPEN}))::int`,
    overdue: sql<number>`(count(*) filter (where ${OPEN} and ${municipalRequests.dueOn} < ${today}))::int`,
    answeredLate: sql<number>`(count(*) filter (where ${municipalRequests.firstAnsweredAt} is not null and (${municipalRequests.firstAnsweredAt})::date > ${municipalRequests.dueOn}))::int`,
    avgHoursToAnswer: sql<number | null>`round((avg(${hours}))::numeric, 1)::float8`,
  };
  const [byMunicipality, byType, all] = await Promise.all([
    db
      .select({ municipalityId: municipalRequests.municipalityId, municipalityName: municipalities.name, ...measures })
      .from(municipalRequests)
      .innerJoin(municipalities, eq(municipalities.id, municipalRequests.municipalityId))
      .where(condition)
      .groupBy(municipalRequests.municipalityId, municipalities.name)
      .orderBy(asc(municipalities.name)),
    db
      .select({ type: municipalRequests.type, ...measures })
      .from(municipalRequests)
      .where(condition)
      .groupBy(municipalRequests.type)
      .orderBy(asc(municipalRequests.type)),
    db.select(measures).from(municipalRequests).where(condition),
  ]);
  return { byMunicipality, byType, total: all[0]! };
}

/** Requests of one municipality received in a period, for the report to the municipality. */
export async function requestsForReport(db: Db, municipalityIds: string[], from: string, to: string) {
  if (!municipalityIds.length) return [];
  return db
    .select({
      number: municipalRequests.number,
      type: municipalRequests.type,
      topic: municipalRequests.topic,
      status: municipalRequests.status,
      receivedAt: municipalRequests.receivedAt,
      firstAnsweredAt: municipalRequests.firstAnsweredAt,
      dueOn: municipalRequests.dueOn,
    })
    .from(municipalRequests)
    .where(
      and(
        inArray(municipalRequests.municipalityId, municipalityIds),
        gte(municipalRequests.receivedAt, new Date(`${from}T00:00:00Z`)),
        lte(municipalRequests.receivedAt, new Date(`${to}T23:59:59.999Z`)),
      ),
    )
    .orderBy(asc(municipalRequests.receivedAt));
}

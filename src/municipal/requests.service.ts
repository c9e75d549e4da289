/**
 * Reference requests of municipal officials (ИЦ МСУ): sent from the portal or recorded by staff,
 * assigned to a librarian, answered with sources, asked again, closed. Every change writes the audit log
 * in the same transaction.
 */
import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../app/db';
import { AppError, forbidden } from '../app/errors';
import { foldedContains } from '../app/text-fold';
import { writeAudit, type AuditActor } from '../audit';
import { findRecord } from '../catalog';
import { municipalities } from '../network';
import { findStaff, staffUsers } from '../staff';
import { dueDateFor, isoDay } from './deadlines';
import type {
  TAnswerSource,
  TFollowUp,
  TRequestAnswer,
  TRequestAssign,
  TRequestListQuery,
  TRequestRecord,
  TRequestSubmit,
} from './municipal.schemas';
import { municipalRequestMessages, municipalRequests } from './municipal.tables';

export type MunicipalRequest = typeof municipalRequests.$inferSelect;
export type RequestMessage = typeof municipalRequestMessages.$inferSelect;

/** The person acting, with the name shown in the thread. */
export interface RequestActor extends AuditActor {
  id: string;
  fullName: string;
}

export interface RequestVisibility {
  networkIds: string[];
  municipalityIds: string[];
}

export async function findRequest(db: Db, id: string): Promise<MunicipalRequest | null> {
  return (await db.select().from(municipalRequests).where(eq(municipalRequests.id, id)))[0] ?? null;
}

export async function listMessages(db: Db, requestId: string): Promise<RequestMessage[]> {
  return db
    .select()
    .from(municipalRequestMessages)
    .where(eq(municipalRequestMessages.requestId, requestId))
    .orderBy(asc(municipalRequestMessages.createdAt), asc(municipalRequestMessages.id));
}

async function nextNumber(tx: Db, networkId: string): Promise<number> {
  // Serialises numbering per network across processes; released at the end of the transaction.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`municipal_requests:${networkId}`}))`);
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${municipalRequests.number}), 0)::int + 1` })
    .from(municipalRequests)
    .where(eq(municipalRequests.networkId, networkId));
  return row!.n;
}

interface NewRequest {
  municipality: { id: string; networkId: string };
  channel: MunicipalRequest['channel'];
  input: TRequestSubmit;
  requester: { id: string | null; name: string; position: string; contact: string };
  assigneeId?: string | null | undefined;
  receivedAt?: Date;
}

async function insertRequest(db: Db, actor: RequestActor, data: NewRequest): Promise<MunicipalRequest> {
  const receivedAt = data.receivedAt ?? new Date();
  return db.transaction(async (tx) => {
    const number = await nextNumber(tx, data.municipality.networkId);
    const [row] = await tx
      .insert(municipalRequests)
      .values({
        networkId: data.municipality.networkId,
        municipalityId: data.municipality.id,
        number,
        channel: data.channel,
        type: data.input.type,
        topic: data.input.topic,
        text: data.input.text,
        wantedBy: data.input.wantedBy ?? null,
        dueOn: dueDateFor(receivedAt, data.input.wantedBy),
        status: data.assigneeId ? 'in_progress' : 'new',
        requesterId: data.requester.id,
        requesterName: data.requester.name,
        requesterPosition: data.requester.position,
        requesterContact: data.requester.contact,
        assigneeId: data.assigneeId ?? null,
        createdBy: actor.id,
        receivedAt,
      })
      .returning();
    await tx.insert(municipalRequestMessages).values({
      requestId: row!.id,
      kind: 'question',
      authorId: data.requester.id,
      authorName: data.requester.name,
      body: data.input.text || data.input.topic,
    });
    await writeAudit(tx, actor, {
      action: 'municipal_request.create',
      objectType: 'municipal_request',
      objectId: row!.id,
      networkId: row!.networkId,
      summary: `№ ${number}: ${row!.topic}`,
      after: row,
    });
    return row!;
  });
}

/** An official sends a request for their own municipality from the portal. */
export async function submitRequest(
  db: Db,
  actor: RequestActor & { position?: string; email?: string },
  municipality: { id: string; networkId: string },
  input: TRequestSubmit,
) {
  return insertRequest(db, actor, {
    municipality,
    channel: 'portal',
    input,
    requester: { id: actor.id, name: actor.fullName, position: actor.position ?? '', contact: actor.email ?? '' },
  });
}

export interface OfficialActor extends RequestActor {
  scopeKind: string;
  scopeId: string | null;
}

/** An official's request for the municipality their account is scoped to (the API and the portal form). */
export async function submitOfficialRequest(db: Db, actor: OfficialActor, input: TRequestSubmit) {
  if (actor.scopeKind !== 'municipality' || !actor.scopeId) throw forbidden();
  const [muni] = await db.select().from(municipalities).where(eq(municipalities.id, actor.scopeId));
  if (!muni) throw forbidden();
  const me = await findStaff(db, actor.id);
  return submitRequest(db, { ...actor, position: me?.position ?? '', email: me?.email ?? '' }, muni, input);
}

/** Staff record a request received by phone, on a visit or by e-mail. */
export async function recordRequest(
  db: Db,
  actor: RequestActor,
  municipality: { id: string; networkId: string },
  input: TRequestRecord,
) {
  return insertRequest(db, actor, {
    municipality,
    channel: input.channel,
    input,
    requester: { id: null, name: input.requesterName, position: input.requesterPosition, contact: input.requesterContact },
    assigneeId: input.assigneeId,
  });
}

async function updateRequest(
  tx: Db,
  actor: RequestActor,
  before: MunicipalRequest,
  changes: Partial<typeof municipalRequests.$inferInsert>,
  action: string,
  summary: string,
) {
  const [row] = await tx
    .update(municipalRequests)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(municipalRequests.id, before.id))
    .returning();
  await writeAudit(tx, actor, {
    action,
    objectType: 'municipal_request',
    objectId: before.id,
    networkId: before.networkId,
    summary: `№ ${before.number}: ${summary}`,
    before,
    after: row,
  });
  return row!;
}

export async function assignRequest(db: Db, actor: RequestActor, before: MunicipalRequest, input: TRequestAssign) {
  if (before.status === 'closed') throw new AppError(409, 'request_closed', 'error.request_closed');
  return db.transaction((tx) =>
    updateRequest(
      tx,
      actor,
      before,
      {
        assigneeId: input.assigneeId,
        ...(input.dueOn ? { dueOn: input.dueOn } : {}),
        status: before.status === 'new' && input.assigneeId ? 'in_progress' : before.status,
      },
      'municipal_request.assign',
      before.topic,
    ),
  );
}

/** Checks the catalogue records an answer cites exist, and fills in their titles. */
async function resolveSources(db: Db, sources: TAnswerSource[]): Promise<TAnswerSource[]> {
  const resolved: TAnswerSource[] = [];
  for (const [i, source] of sources.entries()) {
    if (source.kind !== 'record') {
      resolved.push(source);
      continue;
    }
    const record = await findRecord(db, source.recordId);
    if (!record) {
      throw new AppError(422, 'validation_failed', 'error.validation', [
        { field: `sources.${i}.recordId`, code: 'not_found', key: 'validation.record_missing' },
      ]);
    }
    resolved.push({ ...source, title: source.title || record.title });
  }
  return resolved;
}

export async function answerRequest(db: Db, actor: RequestActor, before: MunicipalRequest, input: TRequestAnswer) {
  if (before.status === 'closed') throw new AppError(409, 'request_closed', 'error.request_closed');
  const sources = await resolveSources(db, input.sources);
  const now = new Date();
  return db.transaction(async (tx) => {
    await tx.insert(municipalRequestMessages).values({
      requestId: before.id,
      kind: 'answer',
      authorId: actor.id,
      authorName: actor.fullName,
      body: input.body,
      sources,
    });
    return updateRequest(
      tx,
      actor,
      before,
      {
        status: 'answered',
        answeredAt: now,
        firstAnsweredAt: before.firstAnsweredAt ?? now,
        assigneeId: before.assigneeId ?? actor.id,
      },
      'municipal_request.answer',
      before.topic,
    );
  });
}

/** The official asks again: the request goes back to work with a fresh deadline. */
export async function followUpRequest(db: Db, actor: RequestActor, before: MunicipalRequest, input: TFollowUp) {
  if (before.status === 'closed') throw new AppError(409, 'request_closed', 'error.request_closed');
  const now = new Date();
  return db.transaction(async (tx) => {
    await tx.insert(municipalRequestMessages).values({
      requestId: before.id,
      kind: 'follow_up',
      authorId: actor.id,
      authorName: actor.fullName,
      body: input.body,
    });
    return updateRequest(
      tx,
      actor,
      before,
      { status: before.assigneeId ? 'in_progress' : 'new', dueOn: dueDateFor(now, null) },
      'municipal_request.follow_up',
      before.topic,
    );
  });
}

export async function closeRequest(db: Db, actor: RequestActor, before: MunicipalRequest) {
  if (before.status === 'closed') return before;
  return db.transaction((tx) =>
    updateRequest(tx, actor, before, { status: 'closed', closedAt: new Date() }, 'municipal_request.close', before.topic),
  );
}

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

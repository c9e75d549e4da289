/**
 * Reference requests of municipal officials (ИЦ МСУ): sent from the portal or recorded by staff,
 * assigned to a librarian, answered with sources, asked again, closed. Every change writes the audit log
 * in the same transaction.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../app/db';
import { AppError, forbidden } from '../app/errors';
import { writeAudit, type AuditActor } from '../audit';
import { findRecord } from '../catalog';
import { defaultTimeZone, localToday } from '../events';
import { findNetwork, municipalities } from '../network';
import { findStaff } from '../staff';
import { dueDateFor } from './deadlines';
import type {
  TAnswerSource,
  TFollowUp,
  TRequestAnswer,
  TRequestAssign,
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

/** Today on the wall calendar of the network's country (Bishkek or Moscow time): the earliest day a request may be wanted by. */
export async function networkToday(db: Db, networkId: string | null, now = new Date()): Promise<string> {
  const network = networkId ? await findNetwork(db, networkId) : null;
  return localToday(defaultTimeZone(network?.country ?? 'KG'), now);
}

/** Refuses a needed-by date that has already passed where the network is: such a request would be overdue at once. */
async function assertWantedByNotPast(db: Db, networkId: string, wantedBy: string | undefined, now: Date, field = 'wantedBy') {
  if (!wantedBy || wantedBy >= (await networkToday(db, networkId, now))) return;
  throw new AppError(422, 'validation_failed', 'error.validation', [{ field, code: 'date_past', key: 'validation.date_past' }]);
}

async function insertRequest(db: Db, actor: RequestActor, data: NewRequest): Promise<MunicipalRequest> {
  const receivedAt = data.receivedAt ?? new Date();
  await assertWantedByNotPast(db, data.municipality.networkId, data.input.wantedBy, receivedAt);
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
  // A due date moved on assignment cannot have passed either: the request would be overdue at once. An
  // overdue request keeps its date when it is handed to someone else.
  if (input.dueOn !== before.dueOn) await assertWantedByNotPast(db, before.networkId, input.dueOn, new Date(), 'dueOn');
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

/** Outreach seminars: planning, their participants and protocol. Every change writes the audit log. */
import { and, asc, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../app/db';
import { AppError } from '../app/errors';
import { foldedContains } from '../app/text-fold';
import { writeAudit, type AuditActor } from '../audit';
import { findLibrary, libraries } from '../network';
import type { SeminarVisibility } from './seminars.policy';
import type { TProtocolInput, TSeminarInput, TSeminarStatus } from './seminars.schemas';
import { seminarDecisions, seminarParticipants, seminars } from './seminars.tables';

export type Seminar = typeof seminars.$inferSelect;

export async function findSeminar(db: Db, id: string): Promise<Seminar | null> {
  return (await db.select().from(seminars).where(eq(seminars.id, id)))[0] ?? null;
}

export interface SeminarListQuery {
  q?: string | undefined;
  year?: number | undefined;
  status?: TSeminarStatus | undefined;
  hostLibraryId?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listSeminars(db: Db, query: SeminarListQuery, visible: SeminarVisibility | null) {
  const where: (SQL | undefined)[] = [];
  if (visible) {
    const parts: SQL[] = [];
    if (visible.networkIds.length) parts.push(inArray(seminars.networkId, visible.networkIds));
    if (visible.hostLibraryIds.length) parts.push(inArray(seminars.hostLibraryId, visible.hostLibraryIds));
    where.push(parts.length ? or(...parts) : sql`false`);
  }
  if (query.year) where.push(gte(seminars.heldOn, `${query.year}-01-01`), lte(seminars.heldOn, `${query.year}-12-31`));
  if (query.status) where.push(eq(seminars.status, query.status));
  if (query.hostLibraryId) where.push(eq(seminars.hostLibraryId, query.hostLibraryId));
  if (query.q) where.push(or(foldedContains(seminars.theme, query.q), foldedContains(libraries.name, query.q), foldedContains(seminars.place, query.q)));
  const condition = and(...where);
  const [items, total] = await Promise.all([
    db
      .select({
        id: seminars.id,
        networkId: seminars.networkId,
        hostLibraryId: seminars.hostLibraryId,
        hostLibraryName: libraries.name,
        hostSettlement: libraries.settlement,
        protocolNumber: seminars.protocolNumber,
        theme: seminars.theme,
        heldOn: seminars.heldOn,
        status: seminars.status,
        place: seminars.place,
        hasProtocol: sql<boolean>`${seminars.protocol} is not null`,
        openTasks: sql<number>`(select count(*)::int from ${seminarDecisions} d where d.seminar_id = ${seminars.id} and d.status = 'open')`,
        overdueTasks: sql<number>`(select count(*)::int from ${seminarDecisions} d where d.seminar_id = ${seminars.id} and d.status = 'open' and d.due_on < current_date)`,
      })
      .from(seminars)
      .innerJoin(libraries, eq(libraries.id, seminars.hostLibraryId))
      .where(condition)
      .orderBy(desc(seminars.heldOn), asc(seminars.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(seminars).innerJoin(libraries, eq(libraries.id, seminars.hostLibraryId)).where(condition),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}

export async function listParticipants(db: Db, seminarId: string) {
  return db.select().from(seminarParticipants).where(eq(seminarParticipants.seminarId, seminarId)).orderBy(asc(seminarParticipants.sortOrder));
}

/** The host must be a library of the seminar's network. */
async function checkHost(db: Db, networkId: string, hostLibraryId: string) {
  const host = await findLibrary(db, hostLibraryId);
  if (!host || host.networkId !== networkId) {
    throw new AppError(422, 'validation_failed', 'error.validation', [
      { field: 'hostLibraryId', code: 'other_network', key: 'validation.other_network' },
    ]);
  }
  return host;
}

export async function createSeminar(db: Db, actor: AuditActor, networkId: string, input: TSeminarInput) {
  await checkHost(db, networkId, input.hostLibraryId);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(seminars).values({ ...input, networkId }).returning();
    await writeAudit(tx, actor, {
      action: 'seminar.create',
      objectType: 'seminar',
      objectId: row!.id,
      networkId,
      libraryId: input.hostLibraryId,
      summary: `${input.heldOn}: ${input.theme}`,
      after: row,
    });
    return row!;
  });
}

export async function updateSeminar(db: Db, actor: AuditActor, before: Seminar, input: TSeminarInput) {
  await checkHost(db, before.networkId, input.hostLibraryId);
  return db.transaction(async (tx) => {
    const [row] = await tx.update(seminars).set({ ...input, updatedAt: new Date() }).where(eq(seminars.id, before.id)).returning();
    await writeAudit(tx, actor, {
      action: 'seminar.update',
      objectType: 'seminar',
      objectId: before.id,
      networkId: before.networkId,
      libraryId: input.hostLibraryId,
      summary: `${input.heldOn}: ${input.theme}`,
      before,
      after: row,
    });
    return row!;
  });
}

/** Saves the protocol and the list of participants (replacing the earlier list); the seminar is then held. */
export async function saveProtocol(db: Db, actor: AuditActor, before: Seminar, input: TProtocolInput) {
  return db.transaction(async (tx) => {
    const previous = await tx.select().from(seminarParticipants).where(eq(seminarParticipants.seminarId, before.id));
    await tx.delete(seminarParticipants).where(eq(seminarParticipants.seminarId, before.id));
    if (input.participants.length) {
      await tx.insert(seminarParticipants).values(input.participants.map((p, i) => ({ ...p, seminarId: before.id, sortOrder: i })));
    }
    const status = before.status === 'cancelled' ? 'cancelled' : 'held';
    const [row] = await tx
      .update(seminars)
      .set({ protocol: input.protocol, status, updatedAt: new Date() })
      .where(eq(seminars.id, before.id))
      .returning();
    await writeAudit(tx, actor, {
      action: 'seminar.protocol',
      objectType: 'seminar',
      objectId: before.id,
      networkId: before.networkId,
      libraryId: before.hostLibraryId,
      summary: before.theme,
      before: { protocol: before.protocol, participants: previous },
      after: input,
    });
    return row!;
  });
}

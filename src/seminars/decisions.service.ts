/**
 * Decisions of seminar protocols, tracked as tasks: who is responsible, by when, and whether it is
 * done. Overdue = still open after its due date. Every change writes the audit log.
 */
import { and, asc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../app/db';
import { AppError } from '../app/errors';
import { foldedContains } from '../app/text-fold';
import { writeAudit, type AuditActor } from '../audit';
import { findLibrary, libraries } from '../network';
import type { TaskVisibility } from './seminars.policy';
import type { TDecisionInput, TTaskProgress, TTaskStatus } from './seminars.schemas';
import type { Seminar } from './seminars.service';
import { seminarDecisions, seminars } from './seminars.tables';

export type Decision = typeof seminarDecisions.$inferSelect;

/** A decision with what its seminar says about it (network, theme, date). */
export async function findDecision(db: Db, id: string) {
  const rows = await db
    .select({ decision: seminarDecisions, seminar: seminars })
    .from(seminarDecisions)
    .innerJoin(seminars, eq(seminars.id, seminarDecisions.seminarId))
    .where(eq(seminarDecisions.id, id));
  return rows[0] ?? null;
}

const taskColumns = {
  id: seminarDecisions.id,
  seminarId: seminarDecisions.seminarId,
  seminarTheme: seminars.theme,
  seminarHeldOn: seminars.heldOn,
  networkId: seminars.networkId,
  libraryId: seminarDecisions.libraryId,
  libraryName: libraries.name,
  sortOrder: seminarDecisions.sortOrder,
  text: seminarDecisions.text,
  responsible: seminarDecisions.responsible,
  responsibleStaffId: seminarDecisions.responsibleStaffId,
  dueOn: seminarDecisions.dueOn,
  status: seminarDecisions.status,
  doneOn: seminarDecisions.doneOn,
  note: seminarDecisions.note,
  isOverdue: sql<boolean>`(${seminarDecisions.status} = 'open' and ${seminarDecisions.dueOn} < current_date)`,
};

export async function listDecisions(db: Db, seminarId: string) {
  return db
    .select(taskColumns)
    .from(seminarDecisions)
    .innerJoin(seminars, eq(seminars.id, seminarDecisions.seminarId))
    .innerJoin(libraries, eq(libraries.id, seminarDecisions.libraryId))
    .where(eq(seminarDecisions.seminarId, seminarId))
    .orderBy(asc(seminarDecisions.sortOrder), asc(seminarDecisions.createdAt));
}

export interface TaskListQuery {
  q?: string | undefined;
  status?: TTaskStatus | undefined;
  isOverdue?: boolean | undefined;
  libraryId?: string | undefined;
  page: number;
  pageSize: number;
}

function taskFilter(query: Omit<TaskListQuery, 'page' | 'pageSize'>, visible: TaskVisibility | null) {
  const where: (SQL | undefined)[] = [];
  if (visible) {
    const parts: SQL[] = [];
    if (visible.networkIds.length) parts.push(inArray(seminars.networkId, visible.networkIds));
    if (visible.libraryIds.length) parts.push(inArray(seminarDecisions.libraryId, visible.libraryIds));
    where.push(parts.length ? or(...parts) : sql`false`);
  }
  if (query.status) where.push(eq(seminarDecisions.status, query.status));
  if (query.isOverdue) where.push(eq(seminarDecisions.status, 'open'), lt(seminarDecisions.dueOn, sql`current_date`));
  if (query.libraryId) where.push(eq(seminarDecisions.libraryId, query.libraryId));
  if (query.q) {
    where.push(or(foldedContains(seminarDecisions.text, query.q), foldedContains(seminarDecisions.responsible, query.q), foldedContains(libraries.name, query.q)));
  }
  return and(...where);
}

/** Tasks across seminars, soonest due first (overdue ones are the earliest). */
export async function listTasks(db: Db, query: TaskListQuery, visible: TaskVisibility | null) {
  const condition = taskFilter(query, visible);
  const [items, total] = await Promise.all([
    db
      .select(taskColumns)
      .from(seminarDecisions)
      .innerJoin(seminars, eq(seminars.id, seminarDecisions.seminarId))
      .innerJoin(libraries, eq(libraries.id, seminarDecisions.libraryId))
      .where(condition)
      .orderBy(sql`${seminarDecisions.status} = 'done'`, asc(seminarDecisions.dueOn), asc(seminarDecisions.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(seminarDecisions)
      .innerJoin(seminars, eq(seminars.id, seminarDecisions.seminarId))
      .innerJoin(libraries, eq(libraries.id, seminarDecisions.libraryId))
      .where(condition),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}

export interface OpenSeminarTask {
  id: string;
  seminarId: string;
  seminarTheme: string;
  seminarHeldOn: string;
  libraryId: string;
  libraryName: string;
  text: string;
  responsible: string;
  dueOn: string;
  isOverdue: boolean;
}

/**
 * Decisions of seminars still open for a set of libraries, soonest due first: the "open needs"
 * the report to the municipality shows. `asOf` (YYYY-MM-DD, default today) decides what is overdue.
 */
export async function listOpenSeminarTasks(db: Db, options: { libraryIds: string[]; asOf?: string }): Promise<OpenSeminarTask[]> {
  if (!options.libraryIds.length) return [];
  const asOf = options.asOf ? sql`${options.asOf}::date` : sql`current_date`;
  return db
    .select({
      id: seminarDecisions.id,
      seminarId: seminarDecisions.seminarId,
      seminarTheme: seminars.theme,
      seminarHeldOn: seminars.heldOn,
      libraryId: seminarDecisions.libraryId,
      libraryName: libraries.name,
      text: seminarDecisions.text,
      responsible: seminarDecisions.responsible,
      dueOn: seminarDecisions.dueOn,
      isOverdue: sql<boolean>`${seminarDecisions.dueOn} < ${asOf}`,
    })
    .from(seminarDecisions)
    .innerJoin(seminars, eq(seminars.id, seminarDecisions.seminarId))
    .innerJoin(libraries, eq(libraries.id, seminarDecisions.libraryId))
    .where(and(eq(seminarDecisions.status, 'open'), inArray(seminarDecisions.libraryId, options.libraryIds)))
    .orderBy(asc(seminarDecisions.dueOn), asc(seminarDecisions.id));
}

async function checkLibrary(db: Db, seminar: Seminar, libraryId: string) {
  const library = await findLibrary(db, libraryId);
  if (!library || library.networkId !== seminar.networkId) {
    throw new AppError(422, 'validation_failed', 'error.validation', [
      { field: 'libraryId', code: 'other_network', key: 'validation.other_network' },
    ]);
  }
}

export async function addDecision(db: Db, actor: AuditActor, seminar: Seminar, input: TDecisionInput) {
  const libraryId = input.libraryId ?? seminar.hostLibraryId;
  await checkLibrary(db, seminar, libraryId);
  return db.transaction(async (tx) => {
    const [{ next } = { next: 0 }] = await tx
      .select({ next: sql<number>`coalesce(max(${seminarDecisions.sortOrder}) + 1, 0)::int` })
      .from(seminarDecisions)
      .where(eq(seminarDecisions.seminarId, seminar.id));
    const [row] = await tx.insert(seminarDecisions).values({ ...input, libraryId, seminarId: seminar.id, sortOrder: next }).returning();
    await writeAudit(tx, actor, {
      action: 'seminar.decision.create',
      objectType: 'seminar_decision',
      objectId: row!.id,
      networkId: seminar.networkId,
      libraryId,
      summary: input.text.slice(0, 200),
      after: row,
    });
    return row!;
  });
}

export async function updateDecision(db: Db, actor: AuditActor, seminar: Seminar, before: Decision, input: TDecisionInput) {
  const libraryId = input.libraryId ?? before.libraryId;
  await checkLibrary(db, seminar, libraryId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(seminarDecisions)
      .set({ ...input, libraryId, updatedAt: new Date() })
      .where(eq(seminarDecisions.id, before.id))
      .returning();
    await writeAudit(tx, actor, {
      action: 'seminar.decision.update',
      objectType: 'seminar_decision',
      objectId: before.id,
      networkId: seminar.networkId,
      libraryId,
      summary: input.text.slice(0, 200),
      before,
      after: row,
    });
    return row!;
  });
}

/** Marks a task done (with the date and a note) or reopens it. */
export async function recordTaskProgress(db: Db, actor: AuditActor, seminar: Seminar, before: Decision, input: TTaskProgress) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(seminarDecisions)
      .set({ status: input.status, doneOn: input.status === 'done' ? input.doneOn : null, note: input.note, updatedAt: new Date() })
      .where(eq(seminarDecisions.id, before.id))
      .returning();
    await writeAudit(tx, actor, {
      action: input.status === 'done' ? 'seminar.task.done' : 'seminar.task.reopen',
      objectType: 'seminar_decision',
      objectId: before.id,
      networkId: seminar.networkId,
      libraryId: before.libraryId,
      summary: before.text.slice(0, 200),
      before: { status: before.status, doneOn: before.doneOn, note: before.note },
      after: { status: row!.status, doneOn: row!.doneOn, note: row!.note },
    });
    return row!;
  });
}

/** The network's list of event forms and its calendar of memorable dates and year themes. */
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../app/db';
import { writeAudit, type AuditActor } from '../audit';
import { DEFAULT_EVENT_FORMS, DEFAULT_MEMORABLE_DATES } from './events.defaults';
import type { TEventFormInput, TMemorableDateInput } from './events.schemas';
import { eventForms, memorableDates } from './events.tables';

export type EventForm = typeof eventForms.$inferSelect;
export type MemorableDate = typeof memorableDates.$inferSelect;

/**
 * Gives a network that has no event forms yet the default forms and memorable dates. Idempotent (unique
 * codes), so it is safe to call before every read; once the network has its list, what it removed or
 * switched off never comes back.
 */
export async function ensureEventDefaults(db: Db, networkId: string): Promise<void> {
  const [has] = await db
    .select({ forms: sql<number>`count(*)::int` })
    .from(eventForms)
    .where(eq(eventForms.networkId, networkId));
  if ((has?.forms ?? 0) > 0) return;
  await db
    .insert(eventForms)
    .values(DEFAULT_EVENT_FORMS.map((f, i) => ({ networkId, ...f, isExhibition: f.isExhibition ?? false, sortOrder: (i + 1) * 10 })))
    .onConflictDoNothing();
  await db
    .insert(memorableDates)
    .values(DEFAULT_MEMORABLE_DATES.map((d) => ({ networkId, kind: 'date' as const, ...d, lengthDays: d.lengthDays ?? 1, note: d.note ?? '' })))
    .onConflictDoNothing();
}

export async function listEventForms(db: Db, networkId: string): Promise<EventForm[]> {
  await ensureEventDefaults(db, networkId);
  return db
    .select()
    .from(eventForms)
    .where(eq(eventForms.networkId, networkId))
    .orderBy(asc(eventForms.sortOrder), asc(eventForms.nameRu));
}

export async function findEventForm(db: Db, id: string): Promise<EventForm | null> {
  return (await db.select().from(eventForms).where(eq(eventForms.id, id)))[0] ?? null;
}

export async function createEventForm(db: Db, actor: AuditActor, networkId: string, input: TEventFormInput) {
  await ensureEventDefaults(db, networkId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(eventForms)
      .values({ ...input, networkId, code: `custom-${crypto.randomUUID().slice(0, 8)}` })
      .returning();
    await writeAudit(tx, actor, {
      action: 'event_form.create',
      objectType: 'event_form',
      objectId: row!.id,
      networkId,
      summary: input.nameRu,
      after: row,
    });
    return row!;
  });
}

export async function updateEventForm(db: Db, actor: AuditActor, before: EventForm, input: TEventFormInput) {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(eventForms).set(input).where(eq(eventForms.id, before.id)).returning();
    await writeAudit(tx, actor, {
      action: 'event_form.update',
      objectType: 'event_form',
      objectId: before.id,
      networkId: before.networkId,
      summary: input.nameRu,
      before,
      after: row,
    });
    return row!;
  });
}

export async function listMemorableDates(db: Db, networkId: string, year?: number): Promise<MemorableDate[]> {
  await ensureEventDefaults(db, networkId);
  const where = [eq(memorableDates.networkId, networkId)];
  if (year !== undefined) where.push(or(isNull(memorableDates.year), eq(memorableDates.year, year))!);
  return db
    .select()
    .from(memorableDates)
    .where(and(...where))
    .orderBy(asc(memorableDates.kind), asc(memorableDates.year), asc(memorableDates.month), asc(memorableDates.day));
}

export async function findMemorableDate(db: Db, id: string): Promise<MemorableDate | null> {
  return (await db.select().from(memorableDates).where(eq(memorableDates.id, id)))[0] ?? null;
}

function memorableValues(input: TMemorableDateInput) {
  return input.kind === 'theme' ? { ...input, month: null, day: null, lengthDays: 1 } : input;
}

export async function createMemorableDate(db: Db, actor: AuditActor, networkId: string, input: TMemorableDateInput) {
  await ensureEventDefaults(db, networkId);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(memorableDates).values({ ...memorableValues(input), networkId }).returning();
    await writeAudit(tx, actor, {
      action: 'memorable_date.create',
      objectType: 'memorable_date',
      objectId: row!.id,
      networkId,
      summary: input.title,
      after: row,
    });
    return row!;
  });
}

export async function updateMemorableDate(db: Db, actor: AuditActor, before: MemorableDate, input: TMemorableDateInput) {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(memorableDates).set(memorableValues(input)).where(eq(memorableDates.id, before.id)).returning();
    await writeAudit(tx, actor, {
      action: 'memorable_date.update',
      objectType: 'memorable_date',
      objectId: before.id,
      networkId: before.networkId,
      summary: input.title,
      before,
      after: row,
    });
    return row!;
  });
}

export async function deleteMemorableDate(db: Db, actor: AuditActor, before: MemorableDate) {
  await db.transaction(async (tx) => {
    await tx.delete(memorableDates).where(eq(memorableDates.id, before.id));
    await writeAudit(tx, actor, {
      action: 'memorable_date.delete',
      objectType: 'memorable_date',
      objectId: before.id,
      networkId: before.networkId,
      summary: before.title,
      before,
    });
  });
}

export interface PlanningSuggestion {
  id: string;
  kind: 'date' | 'theme';
  title: string;
  /** The day in the asked year ("2026-03-21"); null for a year theme. */
  date: string | null;
  lengthDays: number;
  note: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Memorable dates falling in a month of a year (or the whole year), and that year's themes. */
export async function planningSuggestions(db: Db, networkId: string, year: number, month?: number): Promise<PlanningSuggestion[]> {
  const rows = await listMemorableDates(db, networkId, year);
  const out: PlanningSuggestion[] = [];
  for (const r of rows) {
    if (r.kind === 'theme') {
      out.push({ id: r.id, kind: 'theme', title: r.title, date: null, lengthDays: 1, note: r.note });
      continue;
    }
    if (r.month === null || r.day === null) continue;
    if (month !== undefined && r.month !== month) continue;
    // 29 February in a common year falls on 28 February.
    const day = Math.min(r.day, new Date(Date.UTC(year, r.month, 0)).getUTCDate());
    out.push({ id: r.id, kind: 'date', title: r.title, date: `${year}-${pad(r.month)}-${pad(day)}`, lengthDays: r.lengthDays, note: r.note });
  }
  return out.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.title.localeCompare(b.title));
}

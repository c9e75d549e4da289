/**
 * Figures about events for reports (the report to the municipality, statistics): how many events the
 * libraries held in a period and how many people came, by age group as 6-НК counts them.
 */
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../app/db';
import type { TEventPlace } from './events.schemas';
import { eventForms, events } from './events.tables';

export interface EventSummaryQuery {
  libraryIds: readonly string[];
  /** First and last day of the period, inclusive ("2026-01-01", "2026-12-31"). */
  from: string;
  to: string;
}

export interface AttendanceFigures {
  total: number;
  /** Up to 14 years. */
  children: number;
  /** 15-30 years. */
  youth: number;
  /** Over 30. */
  adults: number;
}

export interface EventSummary {
  /** Events held in the period (by the day held). */
  held: number;
  /** Events planned in the period and not yet recorded as held or cancelled. */
  planned: number;
  /** Events planned in the period and cancelled. */
  cancelled: number;
  attendance: AttendanceFigures;
  byForm: { formId: string; name: string; nameKy: string; nameEn: string; held: number; attendance: number }[];
  byPlace: Record<TEventPlace, { held: number; attendance: number }>;
  byLibrary: { libraryId: string; held: number; attendance: AttendanceFigures }[];
}

const attendanceColumns = {
  held: sql<number>`count(*)::int`,
  total: sql<number>`coalesce(sum(${events.attendanceTotal}), 0)::int`,
  children: sql<number>`coalesce(sum(${events.attendanceChildren}), 0)::int`,
  youth: sql<number>`coalesce(sum(${events.attendanceYouth}), 0)::int`,
  adults: sql<number>`coalesce(sum(${events.attendanceAdults}), 0)::int`,
};

/** Events count and attendance by age group for a set of libraries and a period. */
export async function summarizeEvents(db: Db, query: EventSummaryQuery): Promise<EventSummary> {
  const empty: EventSummary = {
    held: 0,
    planned: 0,
    cancelled: 0,
    attendance: { total: 0, children: 0, youth: 0, adults: 0 },
    byForm: [],
    byPlace: { in_library: { held: 0, attendance: 0 }, outside: { held: 0, attendance: 0 }, online: { held: 0, attendance: 0 } },
    byLibrary: [],
  };
  const libraryIds = [...new Set(query.libraryIds)];
  if (!libraryIds.length) return empty;
  const held = and(inArray(events.libraryId, libraryIds), eq(events.status, 'held'), gte(events.heldOn, query.from), lte(events.heldOn, query.to));
  const [totals, notHeld, forms, places, libs] = await Promise.all([
    db.select(attendanceColumns).from(events).where(held),
    db
      .select({ status: events.status, n: sql<number>`count(*)::int` })
      .from(events)
      .where(and(inArray(events.libraryId, libraryIds), inArray(events.status, ['planned', 'cancelled']), gte(events.plannedOn, query.from), lte(events.plannedOn, query.to)))
      .groupBy(events.status),
    db
      .select({ formId: eventForms.id, name: eventForms.nameRu, nameKy: eventForms.nameKy, nameEn: eventForms.nameEn, held: attendanceColumns.held, attendance: attendanceColumns.total })
      .from(events)
      .innerJoin(eventForms, eq(eventForms.id, events.formId))
      .where(held)
      .groupBy(eventForms.id, eventForms.nameRu, eventForms.nameKy, eventForms.nameEn, eventForms.sortOrder)
      .orderBy(asc(eventForms.sortOrder), asc(eventForms.nameRu)),
    db.select({ place: events.place, held: attendanceColumns.held, attendance: attendanceColumns.total }).from(events).where(held).groupBy(events.place),
    db.select({ libraryId: events.libraryId, ...attendanceColumns }).from(events).where(held).groupBy(events.libraryId),
  ]);
  const t = totals[0];
  const summary = { ...empty, byPlace: { ...empty.byPlace } };
  summary.held = t?.held ?? 0;
  summary.attendance = { total: t?.total ?? 0, children: t?.children ?? 0, youth: t?.youth ?? 0, adults: t?.adults ?? 0 };
  for (const row of notHeld) summary[row.status === 'planned' ? 'planned' : 'cancelled'] = row.n;
  summary.byForm = forms;
  for (const p of places) summary.byPlace[p.place] = { held: p.held, attendance: p.attendance };
  summary.byLibrary = libs.map((l) => ({ libraryId: l.libraryId, held: l.held, attendance: { total: l.total, children: l.children, youth: l.youth, adults: l.adults } }));
  return summary;
}

/** Events: planning, changing, recording what happened, cancelling; every change writes the audit log. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../app/db';
import { AppError, conflict } from '../app/errors';
import type { MessageKey } from '../app/i18n';
import { writeAudit, type AuditActor } from '../audit';
import { bibRecords } from '../catalog/catalog.tables';
import { networks } from '../network';
import { staffUsers } from '../staff/staff.tables';
import type { TEventInput, TEventOutcome } from './events.schemas';
import { partners } from '../partners';
import { eventExhibitions, eventForms, eventPartners, eventRecords, events } from './events.tables';

export type EventRow = typeof events.$inferSelect;

/** The local time of a network's libraries (the portal's calendar and the iCalendar feed use it). */
export function defaultTimeZone(country: string): string {
  return country === 'RU' ? 'Europe/Moscow' : 'Asia/Bishkek';
}

export async function findEvent(db: Db, id: string): Promise<EventRow | null> {
  return (await db.select().from(events).where(eq(events.id, id)))[0] ?? null;
}

/** Times as "HH:MM" (the database answers "HH:MM:SS"). */
export function presentEvent(event: EventRow): EventRow {
  return { ...event, startTime: event.startTime?.slice(0, 5) ?? null, endTime: event.endTime?.slice(0, 5) ?? null };
}

function invalid(field: string, key: MessageKey, code = 'invalid'): AppError {
  return new AppError(422, 'validation_failed', 'error.validation', [{ field, code, key }]);
}

/** Checks that the form, the responsible person, the exhibitions and the records fit the event's network. */
async function checkReferences(db: Db, networkId: string, input: TEventInput, selfId: string | null) {
  const form = (await db.select().from(eventForms).where(eq(eventForms.id, input.formId)))[0];
  if (!form || form.networkId !== networkId) throw invalid('formId', 'validation.invalid_option');
  if (input.responsibleStaffId) {
    const person = (await db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.id, input.responsibleStaffId)))[0];
    if (!person) throw invalid('responsibleStaffId', 'validation.invalid_option');
  }
  const exhibitionIds = [...new Set(input.exhibitionIds)];
  if (exhibitionIds.length) {
    if (selfId && exhibitionIds.includes(selfId)) throw invalid('exhibitionIds', 'validation.invalid_option');
    const found = await db
      .select({ id: events.id })
      .from(events)
      .innerJoin(eventForms, eq(eventForms.id, events.formId))
      .where(and(inArray(events.id, exhibitionIds), eq(events.networkId, networkId), eq(eventForms.isExhibition, true)));
    if (found.length !== exhibitionIds.length) throw invalid('exhibitionIds', 'validation.not_exhibition', 'not_exhibition');
  }
  const recordIds = [...new Set(input.recordIds)];
  if (recordIds.length) {
    const found = await db
      .select({ id: bibRecords.id })
      .from(bibRecords)
      .where(and(inArray(bibRecords.id, recordIds), eq(bibRecords.isDeleted, false)));
    if (found.length !== recordIds.length) throw invalid('recordIds', 'validation.invalid_option');
  }
  const partnerIds = [...new Set(input.partnerIds)];
  if (partnerIds.length) {
    const found = await db
      .select({ id: partners.id })
      .from(partners)
      .where(and(inArray(partners.id, partnerIds), eq(partners.networkId, networkId)));
    if (found.length !== partnerIds.length) throw invalid('partnerIds', 'validation.invalid_option');
  }
  return { exhibitionIds, recordIds, partnerIds };
}

function planColumns(input: TEventInput) {
  return {
    libraryId: input.libraryId,
    formId: input.formId,
    title: input.title,
    description: input.description,
    audience: input.audience,
    place: input.place,
    placeNote: input.placeNote,
    plannedOn: input.plannedOn,
    startTime: input.startTime,
    endTime: input.endTime,
    responsibleStaffId: input.responsibleStaffId,
    responsibleName: input.responsibleName,
    theme: input.theme,
    isPublic: input.isPublic,
    isRegistrationOpen: input.isRegistrationOpen,
    capacity: input.capacity,
    pressLinks: input.pressLinks,
  };
}

async function replaceLinks(tx: Db, eventId: string, links: { exhibitionIds: string[]; recordIds: string[]; partnerIds: string[] }) {
  await tx.delete(eventExhibitions).where(eq(eventExhibitions.eventId, eventId));
  await tx.delete(eventRecords).where(eq(eventRecords.eventId, eventId));
  await tx.delete(eventPartners).where(eq(eventPartners.eventId, eventId));
  if (links.partnerIds.length) await tx.insert(eventPartners).values(links.partnerIds.map((partnerId) => ({ eventId, partnerId })));
  if (links.exhibitionIds.length)
    await tx.insert(eventExhibitions).values(links.exhibitionIds.map((exhibitionId) => ({ eventId, exhibitionId })));
  if (links.recordIds.length) await tx.insert(eventRecords).values(links.recordIds.map((recordId) => ({ eventId, recordId })));
}

/** Plans an event in a library of `networkId`. */
export async function createEvent(db: Db, actor: AuditActor, networkId: string, input: TEventInput) {
  const links = await checkReferences(db, networkId, input, null);
  const network = (await db.select().from(networks).where(eq(networks.id, networkId)))[0];
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(events)
      .values({ ...planColumns(input), networkId, timeZone: defaultTimeZone(network?.country ?? 'KG'), createdBy: actor.id })
      .returning();
    await replaceLinks(tx, row!.id, links);
    await writeAudit(tx, actor, {
      action: 'event.create',
      objectType: 'event',
      objectId: row!.id,
      networkId,
      libraryId: row!.libraryId,
      summary: `${input.plannedOn} ${input.title}`,
      after: { ...row, ...links },
    });
    return row!;
  });
}

/** Changes an event's plan (and, for a held event, the facts of its plan such as title and form). */
export async function updateEvent(db: Db, actor: AuditActor, before: EventRow, input: TEventInput) {
  const links = await checkReferences(db, before.networkId, input, before.id);
  if (input.capacity !== null && input.capacity < before.registeredCount) throw invalid('capacity', 'validation.capacity_below_registered', 'capacity_below_registered');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(events)
      .set({ ...planColumns(input), updatedAt: new Date() })
      .where(eq(events.id, before.id))
      .returning();
    await replaceLinks(tx, before.id, links);
    await writeAudit(tx, actor, {
      action: 'event.update',
      objectType: 'event',
      objectId: before.id,
      networkId: before.networkId,
      libraryId: row!.libraryId,
      summary: `${input.plannedOn} ${input.title}`,
      before,
      after: { ...row, ...links },
    });
    return row!;
  });
}

/** Records what happened: held (the day, attendance by age), cancelled (why), or back to planned. */
export async function recordEventOutcome(db: Db, actor: AuditActor, before: EventRow, outcome: TEventOutcome) {
  const values =
    outcome.status === 'held'
      ? {
          status: 'held' as const,
          heldOn: outcome.heldOn,
          attendanceTotal: outcome.attendance.total,
          attendanceChildren: outcome.attendance.children,
          attendanceYouth: outcome.attendance.youth,
          attendanceAdults: outcome.attendance.adults,
          resultNote: outcome.resultNote,
          cancelReason: '',
          ...(outcome.pressLinks ? { pressLinks: outcome.pressLinks } : {}),
        }
      : outcome.status === 'cancelled'
        ? { status: 'cancelled' as const, cancelReason: outcome.cancelReason, heldOn: null, attendanceTotal: null, attendanceChildren: 0, attendanceYouth: 0, attendanceAdults: 0 }
        : { status: 'planned' as const, cancelReason: '', heldOn: null, attendanceTotal: null, attendanceChildren: 0, attendanceYouth: 0, attendanceAdults: 0 };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(events)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(events.id, before.id))
      .returning();
    await writeAudit(tx, actor, {
      action: `event.${outcome.status === 'held' ? 'held' : outcome.status === 'cancelled' ? 'cancel' : 'replan'}`,
      objectType: 'event',
      objectId: before.id,
      networkId: before.networkId,
      libraryId: before.libraryId,
      summary: before.title,
      before,
      after: row,
    });
    return row!;
  });
}

export async function deleteEvent(db: Db, actor: AuditActor, before: EventRow) {
  if (before.registeredCount > 0) throw conflict('registrations');
  await db.transaction(async (tx) => {
    await tx.delete(events).where(eq(events.id, before.id));
    await writeAudit(tx, actor, {
      action: 'event.delete',
      objectType: 'event',
      objectId: before.id,
      networkId: before.networkId,
      libraryId: before.libraryId,
      summary: before.title,
      before,
    });
  });
}

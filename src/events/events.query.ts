/** Reading events: the searchable, paged list (also the month calendar and exports) and one event's page. */
import { and, asc, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../app/db';
import { foldedContains } from '../app/text-fold';
import { bibRecords } from '../catalog/catalog.tables';
import { libraries, networks } from '../network';
import { staffUsers } from '../staff/staff.tables';
import type { TEventAudience, TEventPlace, TEventStatus } from './events.schemas';
import { partners } from '../partners';
import { eventExhibitions, eventForms, eventPartners, eventPhotos, eventRecords, events } from './events.tables';
import { presentEvent, type EventRow } from './events.service';

export interface EventListQuery {
  q?: string | undefined;
  networkId?: string | undefined;
  libraryId?: string | undefined;
  formId?: string | undefined;
  partnerId?: string | undefined;
  status?: TEventStatus | undefined;
  statuses?: readonly TEventStatus[] | undefined;
  audience?: TEventAudience | undefined;
  place?: TEventPlace | undefined;
  /** Events on or after this day (the day held, or planned when not held). */
  from?: string | undefined;
  to?: string | undefined;
  isPublic?: boolean | undefined;
  sort?: 'date' | '-date' | undefined;
  page: number;
  pageSize: number;
}

/** null = every event; otherwise the events of these networks or of these libraries. */
export type EventVisibility = { networkIds: string[]; libraryIds: string[] } | null;

/** The day an event happened, or is to happen. */
export const eventDay = sql<string>`coalesce(${events.heldOn}, ${events.plannedOn})`;

export const eventListColumns = {
  id: events.id,
  networkId: events.networkId,
  libraryId: events.libraryId,
  libraryName: libraries.name,
  formId: events.formId,
  formName: eventForms.nameRu,
  formNameKy: eventForms.nameKy,
  formNameEn: eventForms.nameEn,
  title: events.title,
  audience: events.audience,
  place: events.place,
  placeNote: events.placeNote,
  status: events.status,
  plannedOn: events.plannedOn,
  startTime: sql<string | null>`to_char(${events.startTime}, 'HH24:MI')`,
  endTime: sql<string | null>`to_char(${events.endTime}, 'HH24:MI')`,
  heldOn: events.heldOn,
  attendanceTotal: events.attendanceTotal,
  attendanceChildren: events.attendanceChildren,
  attendanceYouth: events.attendanceYouth,
  attendanceAdults: events.attendanceAdults,
  responsibleName: sql<string>`coalesce(nullif(${events.responsibleName}, ''), ${staffUsers.fullName}, '')`,
  theme: events.theme,
  isPublic: events.isPublic,
  isRegistrationOpen: events.isRegistrationOpen,
  capacity: events.capacity,
  registeredCount: events.registeredCount,
  timeZone: events.timeZone,
  createdAt: events.createdAt,
  updatedAt: events.updatedAt,
};

export function eventConditions(query: Omit<EventListQuery, 'page' | 'pageSize'>, visible: EventVisibility): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  if (visible) {
    const parts: SQL[] = [];
    if (visible.networkIds.length) parts.push(inArray(events.networkId, visible.networkIds));
    if (visible.libraryIds.length) parts.push(inArray(events.libraryId, visible.libraryIds));
    where.push(parts.length ? or(...parts) : sql`false`);
  }
  if (query.networkId) where.push(eq(events.networkId, query.networkId));
  if (query.libraryId) where.push(eq(events.libraryId, query.libraryId));
  if (query.formId) where.push(eq(events.formId, query.formId));
  if (query.partnerId)
    where.push(sql`exists (select 1 from ${eventPartners} ep where ep.event_id = ${events.id} and ep.partner_id = ${query.partnerId})`);
  if (query.status) where.push(eq(events.status, query.status));
  if (query.statuses) where.push(inArray(events.status, [...query.statuses]));
  if (query.audience) where.push(eq(events.audience, query.audience));
  if (query.place) where.push(eq(events.place, query.place));
  if (query.isPublic !== undefined) where.push(eq(events.isPublic, query.isPublic));
  if (query.from) where.push(gte(eventDay, query.from));
  if (query.to) where.push(lte(eventDay, query.to));
  if (query.q) {
    where.push(or(foldedContains(events.title, query.q), foldedContains(events.theme, query.q), foldedContains(events.placeNote, query.q), foldedContains(libraries.name, query.q)));
  }
  return and(...where);
}

export async function listEvents(db: Db, query: EventListQuery, visible: EventVisibility) {
  const condition = eventConditions(query, visible);
  const order = query.sort === '-date' ? [desc(eventDay), desc(events.startTime)] : [asc(eventDay), asc(events.startTime)];
  const [items, total] = await Promise.all([
    db
      .select(eventListColumns)
      .from(events)
      .innerJoin(libraries, eq(libraries.id, events.libraryId))
      .innerJoin(eventForms, eq(eventForms.id, events.formId))
      .leftJoin(staffUsers, eq(staffUsers.id, events.responsibleStaffId))
      .where(condition)
      .orderBy(...order, asc(events.title), asc(events.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(events)
      .innerJoin(libraries, eq(libraries.id, events.libraryId))
      .where(condition),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}

export type EventListItem = Awaited<ReturnType<typeof listEvents>>['items'][number];

/** One event with its names, links, photos and exhibitions, for the staff page and the portal. */
export async function eventDetail(db: Db, event: EventRow) {
  const [head] = await db
    .select({
      libraryName: libraries.name,
      librarySettlement: libraries.settlement,
      networkName: networks.name,
      networkCountry: networks.country,
      formName: eventForms.nameRu,
      formNameKy: eventForms.nameKy,
      formNameEn: eventForms.nameEn,
      isExhibition: eventForms.isExhibition,
      responsibleStaffName: staffUsers.fullName,
    })
    .from(events)
    .innerJoin(libraries, eq(libraries.id, events.libraryId))
    .innerJoin(networks, eq(networks.id, events.networkId))
    .innerJoin(eventForms, eq(eventForms.id, events.formId))
    .leftJoin(staffUsers, eq(staffUsers.id, events.responsibleStaffId))
    .where(eq(events.id, event.id));
  const exhibitionEvents = db
    .select({ id: events.id, title: events.title, plannedOn: events.plannedOn, isPublic: events.isPublic })
    .from(eventExhibitions)
    .innerJoin(events, eq(events.id, eventExhibitions.exhibitionId))
    .where(eq(eventExhibitions.eventId, event.id))
    .orderBy(asc(events.plannedOn));
  const [records, exhibitions, photos, coOrganisers] = await Promise.all([
    db
      .select({ id: bibRecords.id, title: bibRecords.title, description: bibRecords.description })
      .from(eventRecords)
      .innerJoin(bibRecords, eq(bibRecords.id, eventRecords.recordId))
      .where(and(eq(eventRecords.eventId, event.id), eq(bibRecords.isDeleted, false)))
      .orderBy(asc(bibRecords.sortTitle)),
    exhibitionEvents,
    db
      .select({ sha256: eventPhotos.sha256, mediaType: eventPhotos.mediaType, caption: eventPhotos.caption })
      .from(eventPhotos)
      .where(eq(eventPhotos.eventId, event.id))
      .orderBy(asc(eventPhotos.createdAt)),
    db
      .select({ id: partners.id, name: partners.name, kind: partners.kind })
      .from(eventPartners)
      .innerJoin(partners, eq(partners.id, eventPartners.partnerId))
      .where(eq(eventPartners.eventId, event.id))
      .orderBy(asc(partners.name)),
  ]);
  return {
    ...presentEvent(event),
    libraryName: head?.libraryName ?? '',
    librarySettlement: head?.librarySettlement ?? '',
    networkName: head?.networkName ?? '',
    formName: head?.formName ?? '',
    formNameKy: head?.formNameKy ?? '',
    formNameEn: head?.formNameEn ?? '',
    isExhibition: head?.isExhibition ?? false,
    responsibleStaffName: head?.responsibleStaffName ?? null,
    records,
    exhibitions,
    photos,
    partners: coOrganisers,
  };
}

export type EventDetail = Awaited<ReturnType<typeof eventDetail>>;

/** Descriptions of some events by id (the feed needs them; the list leaves them out). */
export async function eventDescriptions(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: events.id, description: events.description }).from(events).where(inArray(events.id, ids));
  return new Map(rows.map((r) => [r.id, r.description]));
}

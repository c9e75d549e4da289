/**
 * Tables of events (массовые мероприятия): the network's list of event forms, the events themselves
 * (plan and what happened), their photos, related catalogue records and exhibitions, the calendar of
 * memorable dates and year themes, and public registrations.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
// Tables only (not the catalogue's index): the schema module must not pull in routes and services.
import { bibRecords } from '../catalog/catalog.tables';
import { libraries, networks } from '../network/network.tables';
import { partners } from '../partners/partners.tables';
import { staffUsers } from '../staff/staff.tables';
import { EVENT_AUDIENCE_VALUES, EVENT_PLACE_VALUES, EVENT_STATUS_VALUES, type TPressLink } from './events.schemas';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** Forms of events (литературный вечер, викторина …); each network edits its own list. */
export const eventForms = pgTable(
  'event_forms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    /** Stable code of a default form ('quiz'); a form the network added gets a generated one. */
    code: text('code').notNull(),
    nameRu: text('name_ru').notNull(),
    nameKy: text('name_ky').notNull().default(''),
    nameEn: text('name_en').notNull().default(''),
    /** Exhibitions may be linked to other events as their book exhibition. */
    isExhibition: boolean('is_exhibition').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('event_forms__network_code').on(t.networkId, t.code)],
);


export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    libraryId: uuid('library_id')
      .notNull()
      .references(() => libraries.id),
    formId: uuid('form_id')
      .notNull()
      .references(() => eventForms.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    audience: text('audience', { enum: EVENT_AUDIENCE_VALUES }).notNull(),
    place: text('place', { enum: EVENT_PLACE_VALUES }).notNull(),
    /** Where exactly, when not in the library: "школа с. Кара-Булак", a link for online events. */
    placeNote: text('place_note').notNull().default(''),
    status: text('status', { enum: EVENT_STATUS_VALUES }).notNull().default('planned'),
    /** The planned day, its local start and end time (in `time_zone`); no time = all day. */
    plannedOn: date('planned_on').notNull(),
    startTime: time('start_time'),
    endTime: time('end_time'),
    /** IANA zone of the library's local time, used for the iCalendar feed. */
    timeZone: text('time_zone').notNull(),
    heldOn: date('held_on'),
    cancelReason: text('cancel_reason').notNull().default(''),
    /** Attendance by age group as 6-НК counts it: up to 14, 15-30, over 30. */
    attendanceTotal: integer('attendance_total'),
    attendanceChildren: integer('attendance_children').notNull().default(0),
    attendanceYouth: integer('attendance_youth').notNull().default(0),
    attendanceAdults: integer('attendance_adults').notNull().default(0),
    responsibleStaffId: uuid('responsible_staff_id').references(() => staffUsers.id),
    responsibleName: text('responsible_name').notNull().default(''),
    /** A memorable date or year theme the event is dedicated to. */
    theme: text('theme').notNull().default(''),
    isPublic: boolean('is_public').notNull().default(true),
    /** Registration from the portal; `capacity` null = no limit. */
    isRegistrationOpen: boolean('is_registration_open').notNull().default(false),
    capacity: integer('capacity'),
    registeredCount: integer('registered_count').notNull().default(0),
    pressLinks: jsonb('press_links').$type<TPressLink[]>().notNull().default([]),
    resultNote: text('result_note').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('events__library_date').on(t.libraryId, t.plannedOn),
    index('events__network_date').on(t.networkId, t.plannedOn),
    index('events__held_on').on(t.heldOn),
    check('events__audience', sql`${t.audience} in ('children','youth','adults','pensioners','families','all')`),
    check('events__place', sql`${t.place} in ('in_library','outside','online')`),
    check('events__status', sql`${t.status} in ('planned','held','cancelled')`),
    check(
      'events__attendance',
      sql`${t.attendanceChildren} >= 0 and ${t.attendanceYouth} >= 0 and ${t.attendanceAdults} >= 0 and (${t.attendanceTotal} is null or (${t.attendanceTotal} >= 0 and ${t.attendanceChildren} + ${t.attendanceYouth} + ${t.attendanceAdults} <= ${t.attendanceTotal}))`,
    ),
    check('events__held', sql`${t.status} <> 'held' or (${t.heldOn} is not null and ${t.attendanceTotal} is not null)`),
    check('events__capacity', sql`${t.capacity} is null or ${t.capacity} > 0`),
    // No overbooking, whatever the concurrency: the counter can never pass the capacity.
    check('events__registered', sql`${t.registeredCount} >= 0 and (${t.capacity} is null or ${t.registeredCount} <= ${t.capacity})`),
  ],
);

export const eventPhotos = pgTable(
  'event_photos',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    mediaType: text('media_type').notNull(),
    caption: text('caption').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'event_photos__pk', columns: [t.eventId, t.sha256] })],
);

/** Catalogue records presented or discussed at the event. */
export const eventRecords = pgTable(
  'event_records',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    recordId: uuid('record_id')
      .notNull()
      .references(() => bibRecords.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ name: 'event_records__pk', columns: [t.eventId, t.recordId] })],
);

/** Book exhibitions (events of an exhibition form) that accompany an event. */
export const eventExhibitions = pgTable(
  'event_exhibitions',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    exhibitionId: uuid('exhibition_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ name: 'event_exhibitions__pk', columns: [t.eventId, t.exhibitionId] }),
    check('event_exhibitions__not_self', sql`${t.eventId} <> ${t.exhibitionId}`),
  ],
);

/** Partners who co-organise the event (the school, the House of Culture, the айыл окмоту). */
export const eventPartners = pgTable(
  'event_partners',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
  },
  (t) => [primaryKey({ name: 'event_partners__pk', columns: [t.eventId, t.partnerId] }), index('event_partners__partner').on(t.partnerId)],
);

export const MEMORABLE_KINDS = ['date', 'theme'] as const;

/**
 * Memorable dates (Нооруз, День Победы …) repeat every year on month/day, or fall in one year only;
 * year themes ("year of …") have a year and no day. Each network edits its own calendar.
 */
export const memorableDates = pgTable(
  'memorable_dates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    kind: text('kind', { enum: MEMORABLE_KINDS }).notNull(),
    /** Stable code of a default entry, so defaults are added once; '' for the network's own. */
    code: text('code').notNull().default(''),
    title: text('title').notNull(),
    month: integer('month'),
    day: integer('day'),
    /** Several days (Неделя детской книги): how many, counting the first. */
    lengthDays: integer('length_days').notNull().default(1),
    /** Only in this year; null = every year. */
    year: integer('year'),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    index('memorable_dates__network').on(t.networkId, t.month),
    uniqueIndex('memorable_dates__network_code').on(t.networkId, t.code).where(sql`${t.code} <> ''`),
    check('memorable_dates__kind', sql`${t.kind} in ('date','theme')`),
    check(
      'memorable_dates__when',
      sql`(${t.kind} = 'date' and ${t.month} between 1 and 12 and ${t.day} between 1 and 31) or (${t.kind} = 'theme' and ${t.year} is not null)`,
    ),
    check('memorable_dates__length', sql`${t.lengthDays} between 1 and 31`),
  ],
);

/** A visitor's registration from the portal. Personal data: shown only to the event's editors. */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    phone: text('phone').notNull().default(''),
    email: text('email').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    index('event_registrations__event').on(t.eventId),
    check('event_registrations__contact', sql`${t.phone} <> '' or ${t.email} <> ''`),
  ],
);

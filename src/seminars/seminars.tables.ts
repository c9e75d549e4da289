/**
 * Outreach seminars (выездные семинары) held at rotating host branches: theme, agenda, participants,
 * the protocol, and its decisions, which are tracked as tasks until done.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { libraries, networks } from '../network/network.tables';
import { staffUsers } from '../staff/staff.tables';
import type { TProtocol } from './seminars.schemas';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const SEMINAR_STATUSES = ['planned', 'held', 'cancelled'] as const;
export const PARTICIPANT_KINDS = ['staff', 'guest'] as const;
export const TASK_STATUSES = ['open', 'done'] as const;

export const seminars = pgTable(
  'seminars',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    hostLibraryId: uuid('host_library_id')
      .notNull()
      .references(() => libraries.id),
    /** The protocol's number ("ПРОТОКОЛ № 2"), as the network numbers them. */
    protocolNumber: text('protocol_number').notNull().default(''),
    theme: text('theme').notNull(),
    heldOn: date('held_on').notNull(),
    status: text('status', { enum: SEMINAR_STATUSES }).notNull().default('planned'),
    place: text('place').notNull().default(''),
    agenda: jsonb('agenda').$type<string[]>().notNull().default([]),
    protocol: jsonb('protocol').$type<TProtocol>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('seminars__network_date').on(t.networkId, t.heldOn),
    index('seminars__host').on(t.hostLibraryId),
    check('seminars__status', sql`${t.status} in ('planned','held','cancelled')`),
  ],
);

export const seminarParticipants = pgTable(
  'seminar_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seminarId: uuid('seminar_id')
      .notNull()
      .references(() => seminars.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: PARTICIPANT_KINDS }).notNull(),
    /** A member of the network's staff, when the participant has an account. */
    staffUserId: uuid('staff_user_id').references(() => staffUsers.id),
    fullName: text('full_name').notNull(),
    /** Position and organisation ("глава Кызыл-Октябрьского а/о"). */
    position: text('position').notNull().default(''),
    isSpeaker: boolean('is_speaker').notNull().default(false),
    hasAttended: boolean('has_attended').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    index('seminar_participants__seminar').on(t.seminarId),
    check('seminar_participants__kind', sql`${t.kind} in ('staff','guest')`),
  ],
);

/** A decision of the protocol, tracked as a task with a responsible person and a due date. */
export const seminarDecisions = pgTable(
  'seminar_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seminarId: uuid('seminar_id')
      .notNull()
      .references(() => seminars.id, { onDelete: 'cascade' }),
    /** The library the decision concerns (the host branch unless said otherwise). */
    libraryId: uuid('library_id')
      .notNull()
      .references(() => libraries.id),
    sortOrder: integer('sort_order').notNull().default(0),
    text: text('text').notNull(),
    responsible: text('responsible').notNull(),
    responsibleStaffId: uuid('responsible_staff_id').references(() => staffUsers.id),
    dueOn: date('due_on').notNull(),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('open'),
    doneOn: date('done_on'),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('seminar_decisions__seminar').on(t.seminarId),
    index('seminar_decisions__open').on(t.status, t.dueOn),
    check('seminar_decisions__status', sql`${t.status} in ('open','done')`),
    check('seminar_decisions__done', sql`(${t.status} = 'done') = (${t.doneOn} is not null)`),
  ],
);

/**
 * Tables of circulation: loan rules, loans, in-library use, holds, transits between branches, visits,
 * the desk's undo log, overdue notices and deposit collections at service points.
 *
 * The database keeps the invariants the desk relies on: one open loan per copy
 * (`loans__open_item`), one active hold per reader per record (`holds__active_reader_record`), one
 * counted visit per reader per library per day (`reader_visits__reader_library_day`), and each
 * reader's count of open loans (`reader_loan_counts`, kept by triggers) for the maximum-items rule.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bibRecords, items } from '../catalog';
import { libraries, networks, servicePoints } from '../network';
import { readerCategories, readers } from '../readers';
import { DESK_ACTION_KINDS, HOLD_STATUSES, NOTICE_CHANNELS } from './circulation.schemas';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','));

/**
 * A loan rule: the network default (library, category and item type all null) and overrides for a
 * library, a reader category, an item type (the record's material type) or any combination. The most
 * specific matching rule wins (see rules.ts).
 */
export const loanRules = pgTable(
  'loan_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    libraryId: uuid('library_id').references(() => libraries.id),
    readerCategoryId: uuid('reader_category_id').references(() => readerCategories.id),
    itemType: text('item_type'),
    loanDays: integer('loan_days').notNull(),
    maxItems: integer('max_items').notNull(),
    maxRenewals: integer('max_renewals').notNull(),
    holdsAllowed: boolean('holds_allowed').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('loan_rules__scope').on(t.networkId, t.libraryId, t.readerCategoryId, t.itemType).nullsNotDistinct(),
    check('loan_rules__loan_days', sql`${t.loanDays} between 0 and 365`),
    check('loan_rules__max_items', sql`${t.maxItems} between 0 and 1000`),
    check('loan_rules__max_renewals', sql`${t.maxRenewals} between 0 and 100`),
  ],
);

/** Network-wide settings of circulation: the hold shelf, overdue notices and automatic blocks. */
export const circulationSettings = pgTable(
  'circulation_settings',
  {
    networkId: uuid('network_id')
      .primaryKey()
      .references(() => networks.id),
    holdShelfDays: integer('hold_shelf_days').notNull().default(7),
    /** A reader with a loan overdue by more than this many days is blocked by the nightly job; null: never. */
    blockAfterDays: integer('block_after_days'),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('circulation_settings__shelf', sql`${t.holdShelfDays} between 1 and 60`),
    check('circulation_settings__block', sql`${t.blockAfterDays} is null or ${t.blockAfterDays} between 1 and 3650`),
  ],
);

export const loans = pgTable(
  'loans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    /** The desk that lent the copy. */
    libraryId: uuid('library_id')
      .notNull()
      .references(() => libraries.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    readerId: uuid('reader_id')
      .notNull()
      .references(() => readers.id),
    /** Set when the copy was lent at a service point (bulk entry after the season counts separately). */
    servicePointId: uuid('service_point_id').references(() => servicePoints.id),
    loanedAt: timestamp('loaned_at', { withTimezone: true }).notNull().defaultNow(),
    dueOn: date('due_on').notNull(),
    renewals: integer('renewals').notNull().default(0),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    returnLibraryId: uuid('return_library_id').references(() => libraries.id),
    /** Why an age label was overridden (436-ФЗ); empty when it was not. */
    ageOverrideReason: text('age_override_reason').notNull().default(''),
    lentBy: uuid('lent_by'),
    returnedBy: uuid('returned_by'),
  },
  (t) => [
    uniqueIndex('loans__open_item').on(t.itemId).where(sql`${t.returnedAt} is null`),
    index('loans__open_reader').on(t.readerId).where(sql`${t.returnedAt} is null`),
    index('loans__open_library_due').on(t.libraryId, t.dueOn).where(sql`${t.returnedAt} is null`),
    index('loans__reader_history').on(t.readerId, t.loanedAt),
    index('loans__library_loaned').on(t.libraryId, t.loanedAt),
    check('loans__renewals', sql`${t.renewals} >= 0`),
  ],
);

/**
 * Open loans per reader, kept exact by triggers on `loans` (migration `reader_loan_counts`): whatever
 * writes a loan, the count follows in the same transaction. The checkout locks the reader's row here
 * and compares with the maximum in the same statement, so desks lending different copies to one
 * reader at once cannot exceed the loan rules' maximum.
 */
export const readerLoanCounts = pgTable(
  'reader_loan_counts',
  {
    readerId: uuid('reader_id')
      .primaryKey()
      .references(() => readers.id, { onDelete: 'cascade' }),
    openLoans: integer('open_loans').notNull().default(0),
  },
  (t) => [check('reader_loan_counts__open_loans', sql`${t.openLoans} >= 0`)],
);

/** In-library use (reading room): counted apart from loans, the copy never leaves the library. */
export const inLibraryUses = pgTable(
  'in_library_uses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    libraryId: uuid('library_id')
      .notNull()
      .references(() => libraries.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    readerId: uuid('reader_id')
      .notNull()
      .references(() => readers.id),
    usedAt: timestamp('used_at', { withTimezone: true }).notNull().defaultNow(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [index('in_library_uses__library').on(t.libraryId, t.usedAt), index('in_library_uses__reader').on(t.readerId)],
);

export const holds = pgTable(
  'holds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    recordId: uuid('record_id')
      .notNull()
      .references(() => bibRecords.id),
    readerId: uuid('reader_id')
      .notNull()
      .references(() => readers.id),
    pickupLibraryId: uuid('pickup_library_id')
      .notNull()
      .references(() => libraries.id),
    status: text('status', { enum: HOLD_STATUSES }).notNull().default('waiting'),
    /** The copy trapped for this hold (in transit to the pickup library, or on its hold shelf). */
    itemId: uuid('item_id').references(() => items.id),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Null when the reader placed it on the portal. */
    placedBy: uuid('placed_by'),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    /** Last day on the hold shelf. */
    expiresOn: date('expires_on'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('holds__active_reader_record')
      .on(t.readerId, t.recordId)
      .where(sql`${t.status} in ('waiting','in_transit','ready')`),
    uniqueIndex('holds__active_item').on(t.itemId).where(sql`${t.status} in ('in_transit','ready')`),
    index('holds__queue').on(t.recordId, t.placedAt).where(sql`${t.status} = 'waiting'`),
    index('holds__pickup').on(t.pickupLibraryId, t.status),
    index('holds__reader').on(t.readerId, t.status),
    check('holds__status', sql`${t.status} in (${inList(HOLD_STATUSES)})`),
  ],
);

/** A copy sent from one library to another (to fill a hold, or home after a return elsewhere). */
export const itemTransits = pgTable(
  'item_transits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    fromLibraryId: uuid('from_library_id')
      .notNull()
      .references(() => libraries.id),
    toLibraryId: uuid('to_library_id')
      .notNull()
      .references(() => libraries.id),
    holdId: uuid('hold_id').references(() => holds.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    receivedAt: timestamp('received_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('item_transits__open_item').on(t.itemId).where(sql`${t.receivedAt} is null`),
    index('item_transits__to').on(t.toLibraryId).where(sql`${t.receivedAt} is null`),
  ],
);

/** A visit: counted once per reader per library per day, from any desk transaction. */
export const readerVisits = pgTable(
  'reader_visits',
  {
    readerId: uuid('reader_id')
      .notNull()
      .references(() => readers.id),
    libraryId: uuid('library_id')
      .notNull()
      .references(() => libraries.id),
    day: date('day').notNull(),
  },
  (t) => [
    primaryKey({ name: 'reader_visits__reader_library_day', columns: [t.readerId, t.libraryId, t.day] }),
    index('reader_visits__library_day').on(t.libraryId, t.day),
  ],
);

/** Visits without a transaction (reading room, events), counted by hand at the desk. */
export const manualVisits = pgTable(
  'manual_visits',
  {
    libraryId: uuid('library_id')
      .notNull()
      .references(() => libraries.id),
    day: date('day').notNull(),
    count: integer('count').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'manual_visits__library_day', columns: [t.libraryId, t.day] }),
    check('manual_visits__count', sql`${t.count} >= 0`),
  ],
);

/** What the desk did, kept so that an action can be undone within a minute by the person who did it. */
export const deskActions = pgTable(
  'desk_actions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind', { enum: DESK_ACTION_KINDS }).notNull(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').notNull(),
    libraryId: uuid('library_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** What to put back: the loan's due date and renewals, the item status, the hold it touched. */
    undo: jsonb('undo').$type<Record<string, unknown>>().notNull(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [
    index('desk_actions__loan').on(t.loanId),
    check('desk_actions__kind', sql`${t.kind} in (${inList(DESK_ACTION_KINDS)})`),
  ],
);

export const overdueNotices = pgTable(
  'overdue_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: NOTICE_CHANNELS }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    sentBy: uuid('sent_by'),
  },
  (t) => [
    index('overdue_notices__loan').on(t.loanId, t.sentAt),
    check('overdue_notices__channel', sql`${t.channel} in (${inList(NOTICE_CHANNELS)})`),
  ],
);

/** A deposit collection: copies moved to a service point for a season, returned together. */
export const depositCollections = pgTable(
  'deposit_collections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    libraryId: uuid('library_id')
      .notNull()
      .references(() => libraries.id),
    servicePointId: uuid('service_point_id')
      .notNull()
      .references(() => servicePoints.id),
    name: text('name').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('deposit_collections__library').on(t.libraryId, t.startsOn),
    check('deposit_collections__dates', sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

export const depositCollectionItems = pgTable(
  'deposit_collection_items',
  {
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => depositCollections.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    /** Loans of this copy at the point, entered during or after the season. */
    pointLoans: integer('point_loans').notNull().default(0),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'deposit_collection_items__pk', columns: [t.collectionId, t.itemId] }),
    index('deposit_collection_items__item').on(t.itemId),
    check('deposit_collection_items__loans', sql`${t.pointLoans} >= 0`),
  ],
);

/** Readers served at a point (anonymous count per collection and day), entered in bulk after the season. */
export const pointVisits = pgTable(
  'point_visits',
  {
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => depositCollections.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    readers: integer('readers').notNull().default(0),
    loans: integer('loans').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'point_visits__pk', columns: [t.collectionId, t.day] }),
    check('point_visits__counts', sql`${t.readers} >= 0 and ${t.loans} >= 0`),
  ],
);

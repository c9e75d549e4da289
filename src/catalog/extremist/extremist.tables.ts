/**
 * The Federal list of extremist materials (ФСЭМ): its imported versions and entries, and the network's
 * checks of its collection against a version, with each match a person confirms or dismisses.
 */
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, real, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { jobs } from '../../app/jobs.tables';
import { networks } from '../../network';
import { bibRecords } from '../catalog.tables';

export const extremistLists = pgTable('extremist_lists', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The file it came from, as the person named it. */
  sourceName: text('source_name').notNull().default(''),
  /** The date of the list's edition as the person stated it (the Ministry of Justice publishes updates). */
  publishedOn: date('published_on'),
  entryCount: integer('entry_count').notNull(),
  importedBy: text('imported_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const extremistEntries = pgTable(
  'extremist_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listId: uuid('list_id')
      .notNull()
      .references(() => extremistLists.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    text: text('text').notNull(),
    /** Title and author as extracted from the text, folded (case, ё, Kyrgyz letters), for matching. */
    titleKey: text('title_key').notNull().default(''),
    authorKey: text('author_key').notNull().default(''),
  },
  (t) => [uniqueIndex('extremist_entries__number').on(t.listId, t.number)],
);

/** matching: the background job is still comparing the list with the catalogue; failed: it stopped with an error. */
export const CHECK_STATUSES = ['matching', 'open', 'closed', 'failed'] as const;

export const extremistChecks = pgTable(
  'extremist_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    listId: uuid('list_id')
      .notNull()
      .references(() => extremistLists.id),
    checkedOn: date('checked_on').notNull(),
    /** Commission members, "Должность — Фамилия И. О.", the chair first. */
    commission: text('commission').array().notNull().default(sql`'{}'::text[]`),
    recordsChecked: integer('records_checked').notNull(),
    entriesChecked: integer('entries_checked').notNull(),
    status: text('status', { enum: CHECK_STATUSES }).notNull().default('open'),
    /** The background job that finds the matches (none for checks made before matching ran in the background). */
    jobId: uuid('job_id').references(() => jobs.id, { onDelete: 'set null' }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('extremist_checks__network').on(t.networkId, t.checkedOn),
    check('extremist_checks__status', sql`${t.status} in ('matching', 'open', 'closed', 'failed')`),
  ],
);

export const MATCH_DECISIONS = ['pending', 'confirmed', 'dismissed'] as const;
export const MATCH_ACTIONS = ['flag', 'withdraw'] as const;

export const extremistMatches = pgTable(
  'extremist_matches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    checkId: uuid('check_id')
      .notNull()
      .references(() => extremistChecks.id, { onDelete: 'cascade' }),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => extremistEntries.id),
    recordId: uuid('record_id')
      .notNull()
      .references(() => bibRecords.id),
    /** 0…1: trigram similarity of the titles, raised when the author agrees, lowered when not. */
    score: real('score').notNull(),
    decision: text('decision').notNull().default('pending'),
    /** For a confirmed match: copies flagged (kept in the collection, withheld from lending) or withdrawn (written off). */
    action: text('action'),
    /** Copies of the network withheld or withdrawn when the match was confirmed, for the act. */
    copiesAffected: integer('copies_affected'),
    /** Those copies themselves: the act lists them by inventory number and library. */
    itemIds: uuid('item_ids').array().notNull().default(sql`'{}'::uuid[]`),
    note: text('note').notNull().default(''),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /**
     * A dismissal carried over from an earlier closed check of the network (the same entry number and
     * text, the same record): that match, whose person, day and reason this one repeats.
     */
    carriedFrom: uuid('carried_from').references((): AnyPgColumn => extremistMatches.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('extremist_matches__pair').on(t.checkId, t.entryId, t.recordId),
    check('extremist_matches__decision', sql`${t.decision} in ('pending', 'confirmed', 'dismissed')`),
    check('extremist_matches__action', sql`${t.action} is null or ${t.action} in ('flag', 'withdraw')`),
  ],
);

/**
 * The reader's own account on the portal: sessions (apart from staff sessions, so a staff member's
 * session never opens a reader's account and the reverse), one-time password links, and the reader's
 * choices (keeping a reading history).
 */
import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { readers } from '../readers.tables';

export const readerSessions = pgTable(
  'reader_sessions',
  {
    /** sha256 of the cookie token. */
    tokenHash: text('token_hash').primaryKey(),
    readerId: uuid('reader_id')
      .notNull()
      .references(() => readers.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [index('reader_sessions__reader').on(t.readerId)],
);

/** A link e-mailed to the reader to set a password: used once, before it expires. */
export const readerPasswordTokens = pgTable(
  'reader_password_tokens',
  {
    /** sha256 of the token in the link. */
    tokenHash: text('token_hash').primaryKey(),
    readerId: uuid('reader_id')
      .notNull()
      .references(() => readers.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** The staff member who sent it; null when the reader asked on the portal. */
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('reader_password_tokens__reader').on(t.readerId)],
);

/** The reader's choices about their account. */
export const readerAccountSettings = pgTable('reader_account_settings', {
  readerId: uuid('reader_id')
    .primaryKey()
    .references(() => readers.id, { onDelete: 'cascade' }),
  /** The reader asked to see their past loans on the portal. */
  isHistoryShown: boolean('is_history_shown').notNull().default(false),
  /** When the reader last opted in: loans from then on are shown, nothing recorded before. */
  historySince: timestamp('history_since', { withTimezone: true }),
  /** The portal language the reader last used; e-mails to the reader are written in it. */
  language: text('language'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

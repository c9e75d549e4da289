/** Staff accounts and their sessions (server-side, in the database). */
import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { LANGUAGES, ROLES, SCOPE_KINDS } from './staff.schemas';

export const staffUsers = pgTable(
  'staff_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    login: text('login').notNull(),
    fullName: text('full_name').notNull(),
    email: text('email').notNull().default(''),
    position: text('position').notNull().default(''),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    scopeKind: text('scope_kind', { enum: SCOPE_KINDS }).notNull(),
    /** Id of the region, network, library or municipality; null for the whole installation. */
    scopeId: uuid('scope_id'),
    /** The library where the person works (shown on the library page). */
    libraryId: uuid('library_id'),
    language: text('language', { enum: LANGUAGES }).notNull().default('ru'),
    isActive: boolean('is_active').notNull().default(true),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('staff_users__login').on(t.login),
    index('staff_users__library').on(t.libraryId),
    check(
      'staff_users__scope',
      sql`(${t.scopeKind} = 'installation') = (${t.scopeId} is null)`,
    ),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie token: a stolen database does not yield usable cookies. */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [index('sessions__user').on(t.userId)],
);

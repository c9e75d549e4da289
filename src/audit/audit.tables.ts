/** The audit log: every change to library data, written in the same transaction as the change. */
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorLogin: text('actor_login').notNull(),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    /** The network the object belongs to, so the log can be scoped like the data. */
    networkId: uuid('network_id'),
    libraryId: uuid('library_id'),
    summary: text('summary').notNull().default(''),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip').notNull().default(''),
  },
  (t) => [
    index('audit_log__at').on(t.at),
    index('audit_log__object').on(t.objectType, t.objectId),
    index('audit_log__actor').on(t.actorId, t.at),
    index('audit_log__network').on(t.networkId, t.at),
  ],
);

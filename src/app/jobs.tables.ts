/** Background jobs (imports, reports, digests): a table claimed with FOR UPDATE SKIP LOCKED. */
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;

export interface JobProgress {
  done: number;
  total: number | null;
  message?: string;
}

export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    progress: jsonb('progress').$type<JobProgress>().notNull().default({ done: 0, total: null }),
    /** What a handler saves to resume after a crash (e.g. how many records were already imported). */
    checkpoint: jsonb('checkpoint').$type<Record<string, unknown>>(),
    result: jsonb('result'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    createdBy: uuid('created_by'),
    networkId: uuid('network_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('jobs__status_created').on(t.status, t.createdAt),
    index('jobs__created_by').on(t.createdBy, t.createdAt),
    check('jobs__status', sql`${t.status} in ('queued','running','done','failed','cancelled')`),
  ],
);

/** Uploaded and generated files: metadata here, bytes in the content-addressed file store. */
export const storedFiles = pgTable('stored_files', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  mediaType: text('media_type').notNull().default('application/octet-stream'),
  originalName: text('original_name').notNull().default(''),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

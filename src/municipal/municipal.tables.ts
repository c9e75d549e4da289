/**
 * Tables of the municipal information centre (ИЦ МСУ): reference requests from municipal officials with
 * their message thread, and ИРИ — topic subscriptions, the digests sent and every record each
 * subscription has already delivered (so nothing is sent twice).
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
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { municipalities, networks } from '../network/network.tables';
// drizzle-kit reads tables without the domains' index files (which load services).
import { staffUsers } from '../staff/staff.tables';
import {
  DIGEST_FREQUENCIES,
  MESSAGE_KINDS,
  REQUEST_CHANNELS,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  type TAnswerSource,
  type TSubscriptionQuery,
} from './municipal.schemas';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const municipalRequests = pgTable(
  'municipal_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    /** Running number within the network ("запрос № 12"). */
    number: integer('number').notNull(),
    channel: text('channel', { enum: REQUEST_CHANNELS }).notNull(),
    type: text('type', { enum: REQUEST_TYPES }).notNull(),
    topic: text('topic').notNull(),
    text: text('text').notNull().default(''),
    /** The date the official asked for, if any. */
    wantedBy: date('wanted_by'),
    /** The deadline the library keeps: the wanted-by date or a few working days after receipt. */
    dueOn: date('due_on').notNull(),
    status: text('status', { enum: REQUEST_STATUSES }).notNull().default('new'),
    /** The official's account when sent from the portal; null when staff recorded a call or visit. */
    requesterId: uuid('requester_id').references(() => staffUsers.id),
    requesterName: text('requester_name').notNull(),
    requesterPosition: text('requester_position').notNull().default(''),
    requesterContact: text('requester_contact').notNull().default(''),
    assigneeId: uuid('assignee_id').references(() => staffUsers.id),
    createdBy: uuid('created_by').references(() => staffUsers.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    firstAnsweredAt: timestamp('first_answered_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('municipal_requests__network_number').on(t.networkId, t.number),
    index('municipal_requests__municipality').on(t.municipalityId, t.receivedAt),
    index('municipal_requests__status_due').on(t.status, t.dueOn),
    index('municipal_requests__assignee').on(t.assigneeId),
    check('municipal_requests__topic', sql`length(trim(${t.topic})) > 0`),
  ],
);

export const municipalRequestMessages = pgTable(
  'municipal_request_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => municipalRequests.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: MESSAGE_KINDS }).notNull(),
    authorId: uuid('author_id').references(() => staffUsers.id),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    sources: jsonb('sources').$type<TAnswerSource[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [index('municipal_request_messages__request').on(t.requestId, t.createdAt)],
);

export const sdiSubscriptions = pgTable(
  'sdi_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id').references(() => networks.id),
    municipalityId: uuid('municipality_id').references(() => municipalities.id),
    topic: text('topic').notNull(),
    query: jsonb('query').$type<TSubscriptionQuery>().notNull(),
    frequency: text('frequency', { enum: DIGEST_FREQUENCIES }).notNull().default('weekly'),
    isEmailed: boolean('is_emailed').notNull().default(true),
    isActive: boolean('is_active').notNull().default(true),
    /** Only records catalogued after this moment are "new" for the subscription. */
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('sdi_subscriptions__owner').on(t.ownerId)],
);

export interface DigestItem {
  recordId: string;
  title: string;
  description: string;
  year: number | null;
}

/** One digest: what a subscription delivered in one run; the official's portal inbox lists these. */
export const sdiDigests = pgTable(
  'sdi_digests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => sdiSubscriptions.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    topic: text('topic').notNull(),
    items: jsonb('items').$type<DigestItem[]>().notNull(),
    /** Set when the e-mail went out (or was claimed for sending); null while waiting or without e-mail. */
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    isEmailWanted: boolean('is_email_wanted').notNull().default(false),
    emailError: text('email_error').notNull().default(''),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('sdi_digests__owner').on(t.ownerId, t.createdAt)],
);

/** Every record a subscription has delivered: the primary key forbids sending one twice. */
export const sdiDeliveries = pgTable(
  'sdi_deliveries',
  {
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => sdiSubscriptions.id, { onDelete: 'cascade' }),
    recordId: uuid('record_id').notNull(),
    digestId: uuid('digest_id')
      .notNull()
      .references(() => sdiDigests.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'sdi_deliveries__pk', columns: [t.subscriptionId, t.recordId] })],
);

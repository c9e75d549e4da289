/**
 * Partners of a network (айыл окмоту, NGOs, donors, consulates, parties, businesses, schools, houses of
 * culture, media), their cooperation agreements, the ledger of what they contributed, and grants.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { storedFiles } from '../app/jobs.tables';
import { libraries, municipalities, networks } from '../network/network.tables';
import type { TPartnerContact } from './partners.schemas';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** Sums of money: two decimals, read as numbers (values stay far below 2^53). */
const money = (name: string) => numeric(name, { precision: 14, scale: 2, mode: 'number' });

export const PARTNER_KINDS = [
  'municipal', 'ngo', 'donor', 'consulate', 'party', 'business', 'school', 'culture_house', 'media', 'other',
] as const;
export const CONTRIBUTION_KINDS = [
  'money', 'books', 'subscriptions', 'furniture', 'equipment', 'repairs', 'labour', 'other',
] as const;
export const CURRENCIES = ['KGS', 'RUB'] as const;
export const GRANT_STATUSES = ['planned', 'submitted', 'won', 'lost', 'reported'] as const;

export const partners = pgTable(
  'partners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    kind: text('kind', { enum: PARTNER_KINDS }).notNull(),
    name: text('name').notNull(),
    /** For a municipal body: the municipality it governs. */
    municipalityId: uuid('municipality_id').references(() => municipalities.id),
    address: text('address').notNull().default(''),
    phone: text('phone').notNull().default(''),
    email: text('email').notNull().default(''),
    website: text('website').notNull().default(''),
    contacts: jsonb('contacts').$type<TPartnerContact[]>().notNull().default([]),
    note: text('note').notNull().default(''),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('partners__network_name').on(t.networkId, t.name),
    check('partners__kind', sql`${t.kind} in ('municipal','ngo','donor','consulate','party','business','school','culture_house','media','other')`),
  ],
);

export const partnerAgreements = pgTable(
  'partner_agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    /** The library that signed; null when the network's central administration did. */
    libraryId: uuid('library_id').references(() => libraries.id),
    number: text('number').notNull().default(''),
    title: text('title').notNull(),
    signedOn: date('signed_on').notNull(),
    validUntil: date('valid_until'),
    fileSha256: text('file_sha256').references(() => storedFiles.sha256),
    fileName: text('file_name').notNull().default(''),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('partner_agreements__partner').on(t.partnerId),
    check('partner_agreements__dates', sql`${t.validUntil} is null or ${t.validUntil} >= ${t.signedOn}`),
  ],
);

export const contributions = pgTable(
  'contributions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    libraryId: uuid('library_id')
      .notNull()
      .references(() => libraries.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    kind: text('kind', { enum: CONTRIBUTION_KINDS }).notNull(),
    value: money('value').notNull(),
    currency: text('currency', { enum: CURRENCIES }).notNull(),
    /** Copies, items or hours, when in kind. */
    quantity: integer('quantity'),
    receivedOn: date('received_on').notNull(),
    purpose: text('purpose').notNull(),
    description: text('description').notNull().default(''),
    /** A mass event (events domain); no foreign key so that domain stays free to evolve. */
    eventId: uuid('event_id'),
    /** The outreach seminar whose result this was (seminars domain). */
    seminarId: uuid('seminar_id'),
    grantId: uuid('grant_id').references(() => grants.id),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('contributions__library_date').on(t.libraryId, t.receivedOn),
    index('contributions__partner').on(t.partnerId),
    index('contributions__seminar').on(t.seminarId),
    index('contributions__event').on(t.eventId),
    check('contributions__value', sql`${t.value} >= 0`),
    check('contributions__quantity', sql`${t.quantity} is null or ${t.quantity} >= 0`),
    check('contributions__kind', sql`${t.kind} in ('money','books','subscriptions','furniture','equipment','repairs','labour','other')`),
    check('contributions__currency', sql`${t.currency} in ('KGS','RUB')`),
  ],
);

export const grants = pgTable(
  'grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    /** The applying library; null when the network applied as a whole. */
    libraryId: uuid('library_id').references(() => libraries.id),
    /** The donor or the contest's organiser. */
    partnerId: uuid('partner_id').references(() => partners.id),
    title: text('title').notNull(),
    programme: text('programme').notNull().default(''),
    status: text('status', { enum: GRANT_STATUSES }).notNull(),
    requestedAmount: money('requested_amount'),
    awardedAmount: money('awarded_amount'),
    currency: text('currency', { enum: CURRENCIES }).notNull(),
    submittedOn: date('submitted_on'),
    decidedOn: date('decided_on'),
    reportDue: date('report_due'),
    reportedOn: date('reported_on'),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('grants__network').on(t.networkId),
    check('grants__amounts', sql`coalesce(${t.requestedAmount}, 0) >= 0 and coalesce(${t.awardedAmount}, 0) >= 0`),
    check('grants__status', sql`${t.status} in ('planned','submitted','won','lost','reported')`),
    check('grants__currency', sql`${t.currency} in ('KGS','RUB')`),
  ],
);

/** Tables of the organisation tree: region → network (ЦБС) → library → service point, and municipalities. */
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
import type { TChecklistItem, TCheckResult, TPassportData } from './network.schemas';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const regions = pgTable(
  'regions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('regions__name').on(t.name)],
);

export const networks = pgTable(
  'networks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    /** ISO 3166 country code: KG or RU; decides currency and legal texts. */
    country: text('country').notNull().default('KG'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('networks__region_name').on(t.regionId, t.name)],
);

export const LIBRARY_KINDS = ['central', 'branch', 'children', 'other'] as const;

export const libraries = pgTable(
  'libraries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    kind: text('kind', { enum: LIBRARY_KINDS }).notNull(),
    /** Branch number ("Филиал № 21"); null for the central library. */
    number: integer('number'),
    name: text('name').notNull(),
    /** Village or town ("с. Подгорное"). */
    settlement: text('settlement').notNull().default(''),
    /** Short code used on the CLI and in imports; unique across the installation. */
    code: text('code').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('libraries__code').on(t.code),
    uniqueIndex('libraries__network_number').on(t.networkId, t.number),
    index('libraries__network').on(t.networkId),
    // Search results name a library with its village when another library has the same name (kp_library_label).
    index('libraries__name').on(t.name),
    check('libraries__kind', sql`${t.kind} in ('central','branch','children','other')`),
  ],
);

export const SERVICE_POINT_KINDS = [
  'deposit_camp',
  'deposit_school',
  'deposit_farm',
  'deposit_other',
  'mobile_stop',
  'home_delivery',
] as const;

export const servicePoints = pgTable(
  'service_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    libraryId: uuid('library_id')
      .notNull()
      .references(() => libraries.id),
    kind: text('kind', { enum: SERVICE_POINT_KINDS }).notNull(),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    contact: text('contact').notNull().default(''),
    isSeasonal: boolean('is_seasonal').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('service_points__library').on(t.libraryId)],
);

export const MUNICIPALITY_KINDS = ['aiyl_okmotu', 'city', 'mo', 'district'] as const;

export const municipalities = pgTable(
  'municipalities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    kind: text('kind', { enum: MUNICIPALITY_KINDS }).notNull(),
    name: text('name').notNull(),
    headName: text('head_name').notNull().default(''),
    headTitle: text('head_title').notNull().default(''),
    address: text('address').notNull().default(''),
    phone: text('phone').notNull().default(''),
    email: text('email').notNull().default(''),
    population: integer('population'),
    populationYear: integer('population_year'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('municipalities__network_name').on(t.networkId, t.name),
    check('municipalities__population', sql`${t.population} is null or ${t.population} >= 0`),
  ],
);

export const libraryMunicipalities = pgTable(
  'library_municipalities',
  {
    libraryId: uuid('library_id')
      .notNull()
      .references(() => libraries.id, { onDelete: 'cascade' }),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ name: 'library_municipalities__pk', columns: [t.libraryId, t.municipalityId] }),
    index('library_municipalities__municipality').on(t.municipalityId),
  ],
);

/** The library passport, one row per library and year; earlier years are kept as history. */
export const libraryPassports = pgTable(
  'library_passports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    libraryId: uuid('library_id')
      .notNull()
      .references(() => libraries.id),
    year: integer('year').notNull(),
    data: jsonb('data').$type<TPassportData>().notNull(),
    updatedBy: uuid('updated_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('library_passports__library_year').on(t.libraryId, t.year),
    check('library_passports__year', sql`${t.year} between 1900 and 2200`),
  ],
);

export const monitoringChecklists = pgTable('monitoring_checklists', {
  id: uuid('id').primaryKey().defaultRandom(),
  networkId: uuid('network_id')
    .notNull()
    .references(() => networks.id),
  name: text('name').notNull(),
  items: jsonb('items').$type<TChecklistItem[]>().notNull(),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: createdAt(),
});

export const monitoringChecks = pgTable(
  'monitoring_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    libraryId: uuid('library_id')
      .notNull()
      .references(() => libraries.id),
    checklistId: uuid('checklist_id')
      .notNull()
      .references(() => monitoringChecklists.id),
    checkedOn: date('checked_on').notNull(),
    inspector: text('inspector').notNull(),
    results: jsonb('results').$type<TCheckResult[]>().notNull(),
    findings: text('findings').notNull().default(''),
    followUp: text('follow_up').notNull().default(''),
    followUpDue: date('follow_up_due'),
    isFollowUpDone: boolean('is_follow_up_done').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('monitoring_checks__library').on(t.libraryId, t.checkedOn)],
);


/**
 * Readers: one reader per network, usable in every library of it; registrations per library and year
 * (first registration and the yearly re-registration, both counted by statistics); the network's own
 * list of reader categories.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { libraries, networks } from '../network/network.tables';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const readerCategories = pgTable(
  'reader_categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    /** Stable code of a default category (schoolchild, student…); null for the network's own ones. */
    code: text('code'),
    /** The name in Russian (the statistics' language); the Kyrgyz and English names may be empty. */
    name: text('name').notNull(),
    nameKy: text('name_ky').notNull().default(''),
    nameEn: text('name_en').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(100),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('reader_categories__network_name').on(t.networkId, t.name),
    uniqueIndex('reader_categories__network_code').on(t.networkId, t.code),
  ],
);

/** Numbers for reader cards issued by the system (pre-printed cards keep their own numbers). */
export const readerCardNumbers = pgSequence('reader_card_numbers', { startWith: 100001 });

export const readers = pgTable(
  'readers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    /** Printed on the card as a barcode; unique across the installation. */
    cardNumber: text('card_number').notNull(),
    surname: text('surname').notNull(),
    firstName: text('first_name').notNull(),
    patronymic: text('patronymic').notNull().default(''),
    /** Null once the reader's data is erased; the birth year stays for statistics. */
    birthDate: date('birth_date'),
    birthYear: integer('birth_year').notNull(),
    sex: text('sex', { enum: ['f', 'm'] }),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => readerCategories.id),
    phone: text('phone').notNull().default(''),
    email: text('email').notNull().default(''),
    address: text('address').notNull().default(''),
    notes: text('notes').notNull().default(''),
    guardianName: text('guardian_name').notNull().default(''),
    guardianRelation: text('guardian_relation').notNull().default(''),
    guardianPhone: text('guardian_phone').notNull().default(''),
    /** Consent to the processing of personal data (152-ФЗ, Закон КР №58): date and version of the text. */
    consentDate: date('consent_date'),
    consentVersion: text('consent_version').notNull().default(''),
    /** The library where the reader first registered. */
    homeLibraryId: uuid('home_library_id').references(() => libraries.id),
    isBlocked: boolean('is_blocked').notNull().default(false),
    blockReason: text('block_reason').notNull().default(''),
    blockedAt: timestamp('blocked_at', { withTimezone: true }),
    isAnonymised: boolean('is_anonymised').notNull().default(false),
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
    /** When merged into another reader (a duplicate), the one that remains. */
    mergedIntoId: uuid('merged_into_id'),
    /** Folded "surname first name patronymic" (case, ё, Kyrgyz letters): duplicates and search. */
    nameFolded: text('name_folded').notNull().default(''),
    /** Folded name, card number and phone digits, for the trigram search. */
    searchText: text('search_text').notNull().default(''),
    /** Portal password (argon2id), set at the desk or through an e-mailed link. */
    passwordHash: text('password_hash'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('readers__card_number').on(t.cardNumber),
    index('readers__network_name').on(t.networkId, t.nameFolded, t.birthDate),
    index('readers__search').using('gin', t.searchText.op('gin_trgm_ops')),
    check('readers__sex', sql`${t.sex} is null or ${t.sex} in ('f','m')`),
    check('readers__birth_year', sql`${t.birthYear} between 1880 and 2200`),
  ],
);

export const readerRegistrations = pgTable(
  'reader_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    readerId: uuid('reader_id')
      .notNull()
      .references(() => readers.id),
    libraryId: uuid('library_id')
      .notNull()
      .references(() => libraries.id),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    year: integer('year').notNull(),
    /** The first registration at this library, or a yearly re-registration. */
    kind: text('kind', { enum: ['registration', 're_registration'] }).notNull(),
    registeredOn: date('registered_on').notNull(),
    expiresOn: date('expires_on').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('reader_registrations__reader_library_year').on(t.readerId, t.libraryId, t.year),
    index('reader_registrations__library_year').on(t.libraryId, t.year),
    check('reader_registrations__kind', sql`${t.kind} in ('registration','re_registration')`),
    check('reader_registrations__dates', sql`${t.expiresOn} >= ${t.registeredOn}`),
  ],
);

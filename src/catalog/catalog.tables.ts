/**
 * Tables of the union catalogue: bibliographic records (one per edition, shared by the installation)
 * and copies (items) that belong to libraries.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { libraries, networks } from '../network';
import type { MarcRecord } from './marc/record';
import { AGE_LABELS, CURRENCIES, ITEM_STATUSES, MARC_FORMATS, MATERIAL_TYPES } from './catalog.schemas';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const textList = (name: string) => text(name).array().notNull().default(sql`'{}'::text[]`);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Case, ё → е and the Kyrgyz letters folded as in app/text-fold.ts, as literal SQL: it is part of
 * generated-column definitions, which need IMMUTABLE functions (lower and translate are).
 */
const fold = (expr: string) => `translate(lower(${expr}), 'ёңөүЁҢӨҮ', 'еноуеноу')`;
const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','));

/**
 * The search vector: each of the four weighted parts (A title … D the rest) analysed twice, with the
 * `russian` configuration (stems: "белого" → "бел") and with `simple` (words as written, for Kyrgyz,
 * English and prefixes), in one column so that one GIN index and one @@ serve every query.
 */
function searchVector(): SQL {
  const parts: [string, string][] = [
    ['search_title', 'A'],
    ['search_authors', 'B'],
    ['search_subjects', 'C'],
    ['search_other', 'D'],
  ];
  const vectors = (['russian', 'simple'] as const).flatMap((config) =>
    parts.map(([column, weight]) => `setweight(to_tsvector('${config}'::regconfig, ${fold(column)}), '${weight}')`),
  );
  return sql.raw(vectors.join(' || '));
}

export const bibRecords = pgTable(
  'bib_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    format: text('format', { enum: MARC_FORMATS }).notNull(),
    /** The record itself, lossless: every other column below is derived from it by extractRecordFields. */
    marc: jsonb('marc').$type<MarcRecord>().notNull(),
    /** 001, and the organisation that assigned it (003, or RUSMARC 801 $b). */
    controlNumber: text('control_number'),
    controlSource: text('control_source'),
    title: text('title').notNull().default(''),
    otherTitle: text('other_title').notNull().default(''),
    responsibility: text('responsibility').notNull().default(''),
    /** Surname + initials ("Айтматов, Ч."), personal names first, then corporate bodies. */
    authors: textList('authors'),
    firstAuthor: text('first_author'),
    publisher: text('publisher').notNull().default(''),
    place: text('place').notNull().default(''),
    year: integer('year'),
    edition: text('edition').notNull().default(''),
    /** Digits and X only; an ISBN-10 is stored with its ISBN-13 form too, so either finds the record. */
    isbns: textList('isbns'),
    issn: text('issn').notNull().default(''),
    /** ISO 639-2/B code: rus, kir, eng … ('' when unknown). */
    language: text('language').notNull().default(''),
    subjects: textList('subjects'),
    bbk: textList('bbk'),
    udc: textList('udc'),
    series: text('series').notNull().default(''),
    extent: text('extent').notNull().default(''),
    notes: text('notes').notNull().default(''),
    summary: text('summary').notNull().default(''),
    materialType: text('material_type', { enum: MATERIAL_TYPES }).notNull().default('book'),
    ageLabel: text('age_label', { enum: AGE_LABELS }),
    /** The ГОСТ Р 7.0.100-2018 description, rendered on every save. */
    description: text('description').notNull().default(''),
    /** Title as a key that sorts Kyrgyz letters after their Russian neighbours under collation "C". */
    sortTitle: text('sort_title').notNull().default(''),
    // The search document in four weighted parts, written by the service in the same statement as
    // the record; the vector below is generated from them, so the index is never behind the data.
    searchTitle: text('search_title').notNull().default(''),
    searchAuthors: text('search_authors').notNull().default(''),
    searchSubjects: text('search_subjects').notNull().default(''),
    searchOther: text('search_other').notNull().default(''),
    searchVector: tsvector('search_vector').notNull().generatedAlwaysAs(searchVector()),
    /** Folded title + authors for trigram matching (typos, prefixes). */
    searchTrgm: text('search_trgm')
      .notNull()
      .generatedAlwaysAs(sql.raw(fold(`search_title || ' ' || search_authors`))),
    isDeleted: boolean('is_deleted').notNull().default(false),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('bib_records__control')
      .on(t.controlNumber, t.controlSource)
      .where(sql`${t.controlNumber} is not null and ${t.controlSource} is not null`),
    index('bib_records__search_vector').using('gin', t.searchVector),
    index('bib_records__search_trgm').using('gin', t.searchTrgm.op('gin_trgm_ops')),
    index('bib_records__isbns').using('gin', t.isbns),
    index('bib_records__year').on(t.year),
    index('bib_records__updated').on(t.updatedAt),
    check('bib_records__format', sql`${t.format} in (${inList(MARC_FORMATS)})`),
    check('bib_records__material_type', sql`${t.materialType} in (${inList(MATERIAL_TYPES)})`),
    check('bib_records__age_label', sql`${t.ageLabel} is null or ${t.ageLabel} in (${inList(AGE_LABELS)})`),
  ],
);

export const items = pgTable(
  'items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => bibRecords.id),
    libraryId: uuid('library_id')
      .notNull()
      .references(() => libraries.id),
    /** Copied from the library so the database can keep inventory numbers unique per network. */
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    inventoryNumber: text('inventory_number').notNull(),
    barcode: text('barcode').notNull(),
    /** Шифр: ББК index + author mark. */
    callNumber: text('call_number').notNull().default(''),
    location: text('location').notNull().default(''),
    price: numeric('price', { precision: 12, scale: 2, mode: 'number' }),
    currency: text('currency', { enum: CURRENCIES }).notNull(),
    acquiredOn: date('acquired_on'),
    status: text('status', { enum: ITEM_STATUSES }).notNull().default('available'),
    notes: text('notes').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('items__inventory_number').on(t.networkId, t.inventoryNumber),
    uniqueIndex('items__barcode').on(t.barcode),
    index('items__record').on(t.recordId, t.libraryId, t.status),
    index('items__library').on(t.libraryId, t.status),
    check('items__barcode_present', sql`${t.barcode} <> ''`),
    check('items__inventory_number_present', sql`${t.inventoryNumber} <> ''`),
    check('items__price', sql`${t.price} is null or ${t.price} >= 0`),
    check('items__currency', sql`${t.currency} in (${inList(CURRENCIES)})`),
    check('items__status', sql`${t.status} in (${inList(ITEM_STATUSES)})`),
  ],
);

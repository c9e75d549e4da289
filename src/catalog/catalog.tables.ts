/**
 * Tables of the union catalogue: bibliographic records (one per edition, shared by the installation)
 * and copies (items) that belong to libraries.
 */
import { sql, type SQLWrapper } from 'drizzle-orm';
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
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { foldedSqlInline } from '../app/text-fold';
import { libraries, networks } from '../network';
import type { MarcRecord } from './marc/record';
import { AGE_LABELS, CURRENCIES, ITEM_STATUSES, MARC_FORMATS, MATERIAL_TYPES } from './catalog.schemas';
import { extremistMatches } from './extremist/extremist.tables';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const textList = (name: string) => text(name).array().notNull().default(sql`'{}'::text[]`);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','));

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
    // the record; triggers derive the row of bib_search from them in the same transaction.
    searchTitle: text('search_title').notNull().default(''),
    searchAuthors: text('search_authors').notNull().default(''),
    searchSubjects: text('search_subjects').notNull().default(''),
    searchOther: text('search_other').notNull().default(''),
    isDeleted: boolean('is_deleted').notNull().default(false),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('bib_records__control')
      .on(t.controlNumber, t.controlSource)
      .where(sql`${t.controlNumber} is not null and ${t.controlSource} is not null`),
    // What import matching looks up: a control number (with or without its source), a title, an ISBN.
    index('bib_records__control_number').on(t.controlNumber),
    index('bib_records__title_lower').on(sql`lower(${t.title})`),
    // Probed for every imported record: entries go straight into the index rather than a pending list
    // that every probe would read through.
    index('bib_records__isbns').using('gin', t.isbns).with({ fastupdate: false }),
    index('bib_records__updated').on(t.updatedAt),
    check('bib_records__format', sql`${t.format} in (${inList(MARC_FORMATS)})`),
    check('bib_records__material_type', sql`${t.materialType} in (${inList(MATERIAL_TYPES)})`),
    check('bib_records__age_label', sql`${t.ageLabel} is null or ${t.ageLabel} in (${inList(AGE_LABELS)})`),
  ],
);

/** A copy's place in the inventory book (kp_inventory_key: digits compared as numbers), as the indexes hold it. */
export const inventoryKey = (inventoryNumber: SQLWrapper) => sql`kp_inventory_key(${inventoryNumber}) collate "C"`;

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
    /**
     * The confirmed match of a check against the list of extremist materials that withheld the copy
     * from readers («Снять с выдачи»): until it is written off, it is neither lent nor held, and nobody
     * puts it back on the shelf by hand. A confirmed decision is final, so nothing clears it.
     */
    withheldBy: uuid('withheld_by').references((): AnyPgColumn => extremistMatches.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('items__inventory_number').on(t.networkId, t.inventoryNumber),
    uniqueIndex('items__barcode').on(t.barcode),
    index('items__record').on(t.recordId, t.libraryId, t.status),
    index('items__library').on(t.libraryId, t.status),
    // The copies list in the order of the inventory book, for one library or a whole network (kp_inventory_key).
    index('items__library_inventory').on(t.libraryId, inventoryKey(t.inventoryNumber)),
    index('items__network_inventory').on(t.networkId, inventoryKey(t.inventoryNumber)),
    check('items__barcode_present', sql`${t.barcode} <> ''`),
    check('items__inventory_number_present', sql`${t.inventoryNumber} <> ''`),
    check('items__price', sql`${t.price} is null or ${t.price} >= 0`),
    check('items__currency', sql`${t.currency} in (${inList(CURRENCIES)})`),
    check('items__status', sql`${t.status} in (${inList(ITEM_STATUSES)})`),
  ],
);

/**
 * The search index of the catalogue: one narrow row per live record, so that matching, ranking and
 * facets read a few hundred bytes per hit instead of the whole record with its MARC. Never written by
 * the application: statement-level triggers on bib_records and items (migration search_table) fill it
 * from whole batches in the same transaction as the change, so a saved record is found at once and
 * a copy's status change shows in the availability filter at once. Deleted records have no row.
 */
export const bibSearch = pgTable(
  'bib_search',
  {
    recordId: uuid('record_id')
      .primaryKey()
      .references(() => bibRecords.id, { onDelete: 'cascade' }),
    /**
     * The four weighted parts (A title … D the rest) analysed with `russian` (stems) and with
     * `simple` (words as written, for Kyrgyz, English and prefixes), folded (case, ё, Kyrgyz letters).
     */
    vector: tsvector('vector').notNull(),
    /**
     * The title and other title information alone (`russian` + `simple`, folded, no weights): "the
     * typed words are in the title" is answered by its index without reading the rows, where a weight
     * in a query on `vector` makes the database re-read every match.
     */
    titleVector: tsvector('title_vector').notNull().default(sql`''::tsvector`),
    /** Folded title: an exact title typed goes first. */
    titleKey: text('title_key').notNull(),
    sortTitle: text('sort_title').notNull(),
    year: integer('year'),
    language: text('language').notNull(),
    materialType: text('material_type').notNull(),
    ageLabel: text('age_label'),
    subjects: text('subjects').array().notNull(),
    bbk: text('bbk').array().notNull(),
    /**
     * Libraries holding a copy that is not written off, and those with a copy on the shelf now: checked
     * on the rows the text index or a page order returns (`= any`), so not indexed themselves.
     */
    libraryIds: uuid('library_ids').array().notNull().default(sql`'{}'::uuid[]`),
    availableLibraryIds: uuid('available_library_ids').array().notNull().default(sql`'{}'::uuid[]`),
  },
  (t) => [
    index('bib_search__vector').using('gin', t.vector),
    index('bib_search__title_vector').using('gin', t.titleVector),
    index('bib_search__title_key').on(t.titleKey),
    // The first subject heading, folded: a subject asked for as a heading is read along it (search-plan.ts).
    index('bib_search__first_subject').on(foldedSqlInline(sql`${t.subjects}[1]`)),
    // The orders of a result page (search-plan.ts orderFor): a page is read along one, stopping after it.
    index('bib_search__title_order').on(sql`${t.sortTitle} collate "C"`, sql`${t.year} desc`, t.recordId),
    index('bib_search__year_desc').on(sql`${t.year} desc nulls last`, sql`${t.sortTitle} collate "C"`, t.recordId),
    index('bib_search__year_asc').on(sql`${t.year} asc nulls last`, sql`${t.sortTitle} collate "C"`, t.recordId),
  ],
);

/**
 * The distinct words of the catalogue's titles and authors, folded: a typo is corrected against these
 * (a few thousand words, trigram-indexed) and the corrected words are then searched by full text,
 * instead of comparing the typed word with the title and authors of every record. Written with the
 * search rows (kp_search_write); a word is never removed (one no record uses any more only costs a
 * row).
 */
export const searchWords = pgTable(
  'search_words',
  {
    word: text('word').primaryKey(),
  },
  (t) => [index('search_words__trgm').using('gin', t.word.op('gin_trgm_ops'))],
);

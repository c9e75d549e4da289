/**
 * Bibliographic records: created and edited from the cataloguing form or as raw MARC, soft-deleted.
 * Every save recomputes the normalised columns, the ГОСТ description and the search texts from the
 * MARC record in the same statement, and writes the audit log in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, getTableColumns, ne, sql } from 'drizzle-orm';
import type { Db } from '../app/db';
import { auditLog, writeAudit, type AuditActor } from '../audit';
import { staffUsers } from '../staff/staff.tables';
import type { MarcFormat, MarcRecord } from './marc/record';
import { CatalogError } from './catalog.errors';
import type { TRecordCreate, TRecordInput } from './catalog.schemas';
import { bibRecords, items } from './catalog.tables';
import { renderGostDescription } from './gost-description';
import { isbnKeys, isbnProblem, normalizeIsbn } from './isbn';
import { allAuthors, extractRecordFields } from './record-fields';
import { writeFormToMarc } from './record-writer';
import { searchTexts, titleSortKey } from './search-text';

const recordColumns = getTableColumns(bibRecords);
export { recordColumns };

export type CatalogRecord = typeof bibRecords.$inferSelect;
type PublicRecord = Omit<CatalogRecord, 'searchTitle' | 'searchAuthors' | 'searchSubjects' | 'searchOther'>;

/** The record without its search texts, as the API and the audit log show it. */
export function publicRecord(record: CatalogRecord): PublicRecord {
  const { searchTitle: _t, searchAuthors: _a, searchSubjects: _s, searchOther: _o, ...rest } = record;
  return rest;
}

/** Every column derived from the MARC record. */
export function columnsFromMarc(marc: MarcRecord, format: MarcFormat) {
  const fields = extractRecordFields(marc, format);
  const authors = allAuthors(fields);
  return {
    format,
    marc,
    controlNumber: fields.controlNumber,
    controlSource: fields.controlSource,
    title: fields.title,
    otherTitle: fields.otherTitle,
    responsibility: fields.responsibility,
    authors,
    firstAuthor: authors[0] ?? null,
    publisher: fields.publisher,
    place: fields.place,
    year: fields.year,
    edition: fields.edition,
    isbns: isbnKeys(fields.isbns),
    issn: fields.issn,
    language: fields.language,
    subjects: fields.subjects,
    bbk: fields.bbk,
    udc: fields.udc,
    series: fields.series,
    extent: fields.extent,
    notes: fields.notes,
    summary: fields.summary,
    materialType: fields.materialType,
    ageLabel: fields.ageLabel,
    description: renderGostDescription(fields),
    sortTitle: titleSortKey(fields.title),
    ...searchTexts(fields),
  };
}

/**
 * ISBN check digits, as the form typed them: each bad one is named by its position. ISBNs the record
 * already holds are let through, so an imported misprint does not block every later edit.
 */
export function checkIsbns(isbns: readonly string[], alreadyInRecord: readonly string[] = []): void {
  const known = new Set(alreadyInRecord.map(normalizeIsbn));
  isbns.forEach((isbn, index) => {
    const problem = known.has(normalizeIsbn(isbn)) ? null : isbnProblem(isbn);
    if (problem) throw new CatalogError(422, problem, `validation.${problem}`, `isbns.${index}`);
  });
}

function checkTitle(marc: MarcRecord, format: MarcFormat) {
  if (!extractRecordFields(marc, format).title) throw new CatalogError(422, 'marc_title', 'validation.marc_title', 'marc');
}

export async function findRecord(db: Db, id: string, options: { withDeleted?: boolean } = {}): Promise<CatalogRecord | null> {
  const where = options.withDeleted ? eq(bibRecords.id, id) : and(eq(bibRecords.id, id), eq(bibRecords.isDeleted, false));
  return (await db.select(recordColumns).from(bibRecords).where(where))[0] ?? null;
}

/** Inserts a record from MARC (the import will call this too); the caller's transaction holds the audit. */
export async function insertRecord(tx: Db, actor: AuditActor, marc: MarcRecord, format: MarcFormat, id: string = randomUUID()) {
  checkTitle(marc, format);
  const [row] = await tx.insert(bibRecords).values({ id, ...columnsFromMarc(marc, format) }).returning(recordColumns);
  await writeAudit(tx, actor, {
    action: 'bib_record.create',
    objectType: 'bib_record',
    objectId: row!.id,
    summary: row!.title,
    after: publicRecord(row!),
  });
  return row!;
}

export async function createRecordFromForm(db: Db, actor: AuditActor, input: TRecordCreate) {
  checkIsbns(input.isbns);
  const id = randomUUID();
  // 001 is the record's own id, so exports and OAI-PMH identify it the same way.
  const marc = writeFormToMarc(input, input.format, null, { controlNumber: id });
  return db.transaction((tx) => insertRecord(tx, actor, marc, input.format, id));
}

/**
 * A save refused because the record changed since the person loaded it (optimistic concurrency): who
 * changed it — the audit entry that wrote the current version; none after an import that replaced it,
 * which is audited as a whole — and when. The route words it in the caller's language and time zone.
 */
export class RecordChangedError extends Error {
  constructor(
    public readonly changedAt: Date,
    public readonly changedBy: { id: string | null; login: string; name: string } | null,
  ) {
    super('record_changed');
  }
}

/** What a save may say about the version it started from; without it the save overwrites (CLI, scripts). */
export interface SaveOptions {
  /** The record's updatedAt as the person loaded it. */
  expectedUpdatedAt?: Date | undefined;
}

/** The audit entry that wrote this version of the record, with the person's name. */
async function authorOfVersion(tx: Db, record: CatalogRecord): Promise<RecordChangedError['changedBy']> {
  const [entry] = await tx
    .select({ id: auditLog.actorId, login: auditLog.actorLogin, name: staffUsers.fullName })
    .from(auditLog)
    .leftJoin(staffUsers, eq(staffUsers.id, auditLog.actorId))
    .where(
      and(
        eq(auditLog.objectType, 'bib_record'),
        eq(auditLog.objectId, record.id),
        sql`${auditLog.after}->>'updatedAt' = ${record.updatedAt.toISOString()}`,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(1);
  return entry ? { id: entry.id, login: entry.login, name: entry.name ?? entry.login } : null;
}

/**
 * Writes the MARC that `build` makes of the record as it is now: the row is locked and read again in
 * the transaction, so a save in between is neither lost nor merged into the wrong version, and a save
 * that expected another version is refused (RecordChangedError).
 */
async function saveMarc(
  db: Db,
  actor: AuditActor,
  id: string,
  build: (current: CatalogRecord) => MarcRecord,
  action: string,
  { expectedUpdatedAt }: SaveOptions,
) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select(recordColumns).from(bibRecords).where(eq(bibRecords.id, id)).for('update');
    if (!current || current.isDeleted) throw new CatalogError(409, 'record_deleted', 'catalog.record_deleted');
    // Both sides in milliseconds, as the API shows updatedAt (the database keeps microseconds).
    if (expectedUpdatedAt && current.updatedAt.getTime() !== expectedUpdatedAt.getTime()) {
      throw new RecordChangedError(current.updatedAt, await authorOfVersion(tx, current));
    }
    const marc = build(current);
    checkTitle(marc, current.format);
    // Never the same stamp twice, even for two saves within one millisecond: it is the record's version.
    const updatedAt = new Date(Math.max(Date.now(), current.updatedAt.getTime() + 1));
    const [row] = await tx
      .update(bibRecords)
      .set({ ...columnsFromMarc(marc, current.format), updatedAt })
      .where(eq(bibRecords.id, id))
      .returning(recordColumns);
    await writeAudit(tx, actor, {
      action,
      objectType: 'bib_record',
      objectId: id,
      summary: row!.title,
      before: publicRecord(current),
      after: publicRecord(row!),
    });
    return row!;
  });
}

export async function updateRecordFromForm(db: Db, actor: AuditActor, before: CatalogRecord, input: TRecordInput, options: SaveOptions = {}) {
  checkIsbns(input.isbns, extractRecordFields(before.marc, before.format).isbns);
  const build = (current: CatalogRecord) => writeFormToMarc(input, current.format, current.marc);
  return saveMarc(db, actor, before.id, build, 'bib_record.update', options);
}

/** The expert's raw MARC, already checked structurally by ZMarcRecord; the format stays the record's. */
export async function updateRecordMarc(db: Db, actor: AuditActor, before: CatalogRecord, marc: MarcRecord, options: SaveOptions = {}) {
  return saveMarc(db, actor, before.id, () => marc, 'bib_record.update_marc', options);
}

/**
 * Soft delete: the row stays (OAI-PMH publishes deletions) but leaves search. Refused while copies
 * remain in the collection; written-off copies keep their history and do not hold the record.
 */
export async function deleteRecord(db: Db, actor: AuditActor, before: CatalogRecord) {
  return db.transaction(async (tx) => {
    // Lock the record so a copy cannot be added between the check and the delete.
    await tx.execute(sql`select 1 from ${bibRecords} where ${bibRecords.id} = ${before.id} for update`);
    const [copies] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(items)
      .where(and(eq(items.recordId, before.id), ne(items.status, 'written_off')));
    if ((copies?.n ?? 0) > 0) throw new CatalogError(409, 'record_has_copies', 'catalog.record_has_copies');
    const now = new Date();
    await tx.update(bibRecords).set({ isDeleted: true, deletedAt: now, updatedAt: now }).where(eq(bibRecords.id, before.id));
    await writeAudit(tx, actor, {
      action: 'bib_record.delete',
      objectType: 'bib_record',
      objectId: before.id,
      summary: before.title,
      before: publicRecord(before),
    });
  });
}

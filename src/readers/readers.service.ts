/**
 * Readers: registering, changing, blocking, searching. Personal data never goes into the audit log:
 * entries name the reader by card number and list the fields changed, so erasing a reader's data
 * (readers.erase.ts) leaves nothing of it behind.
 */
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';
import type { TLanguage } from '../staff/staff.schemas';
import { foldText, likeEscape } from '../app/text-fold';
import { writeAudit, type AuditActor } from '../audit';
import type { Library } from '../network';
import { ageGroup, ageOn } from './age';
import { categoryName, findCategory } from './categories.service';
import { fieldProblem, readerProblem } from './readers.errors';
import { CURRENT_CONSENT_VERSION, type TAgeGroup, type TReaderRegistration, type TReaderUpdate } from './readers.schemas';
import { readerCategories, readerRegistrations, readers } from './readers.tables';
import { registrationValues } from './registrations.service';

export type Reader = typeof readers.$inferSelect;

export const todayIso = (now = new Date()) => now.toISOString().slice(0, 10);

/** "Иванова Айгуль Маратовна" folded for comparison: case, ё, Kyrgyz letters, spaces. */
export function foldName(surname: string, firstName: string, patronymic = ''): string {
  return foldText(`${surname} ${firstName} ${patronymic}`).replace(/\s+/g, ' ').trim();
}

const digits = (s: string) => s.replace(/\D/g, '');

export function searchTextOf(
  r: Pick<Reader, 'surname' | 'firstName' | 'patronymic' | 'cardNumber' | 'phone' | 'guardianPhone'>,
) {
  return [
    foldName(r.surname, r.firstName, r.patronymic),
    foldText(r.cardNumber),
    digits(r.phone),
    digits(r.guardianPhone),
  ]
    .filter(Boolean)
    .join(' ');
}

/** Columns derived from the person's data on every write. */
function derived(
  r: Pick<Reader, 'surname' | 'firstName' | 'patronymic' | 'cardNumber' | 'phone' | 'guardianPhone'> & {
    birthDate: string;
  },
) {
  return {
    nameFolded: foldName(r.surname, r.firstName, r.patronymic),
    searchText: searchTextOf(r),
    birthYear: Number(r.birthDate.slice(0, 4)),
  };
}

/** Fields whose values differ (the audit log records which, never the values). */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => before[k] !== undefined && before[k] !== after[k]);
}

export async function findReader(db: Db, id: string): Promise<Reader | null> {
  return (await db.select().from(readers).where(eq(readers.id, id)))[0] ?? null;
}

/** The reader holding a card (cards are unique across the installation); null when unknown. */
export async function findReaderByCard(db: Db, cardNumber: string): Promise<Reader | null> {
  const card = cardNumber.trim();
  if (!card) return null;
  return (await db.select().from(readers).where(eq(readers.cardNumber, card)))[0] ?? null;
}

/** Readers of the network with the same name and birth date (not erased, not merged away). */
export async function findDuplicates(
  db: Db,
  networkId: string,
  person: { surname: string; firstName: string; patronymic?: string; birthDate: string },
  exceptId?: string,
): Promise<Reader[]> {
  const rows = await db
    .select()
    .from(readers)
    .where(
      and(
        eq(readers.networkId, networkId),
        eq(readers.nameFolded, foldName(person.surname, person.firstName, person.patronymic ?? '')),
        eq(readers.birthDate, person.birthDate),
        eq(readers.isAnonymised, false),
        isNull(readers.mergedIntoId),
      ),
    )
    .orderBy(asc(readers.createdAt));
  return rows.filter((r) => r.id !== exceptId);
}

async function checkCategory(db: Db, networkId: string, categoryId: string) {
  const category = await findCategory(db, categoryId);
  if (!category || category.networkId !== networkId)
    throw fieldProblem('categoryId', 'invalid', 'readers.category_unknown');
  return category;
}

async function nextCardNumber(db: Db): Promise<string> {
  const rows = rowsOf<{ n: string }>(await db.execute(sql`select nextval('reader_card_numbers')::text as n`));
  return rows[0]!.n.padStart(8, '0');
}

/** Registers a new reader at a library: the reader of the whole network, registered here for this year. */
export async function registerReader(
  db: Db,
  actor: AuditActor,
  lib: Library,
  input: TReaderRegistration,
  now = new Date(),
) {
  await checkCategory(db, lib.networkId, input.categoryId);
  if (!input.allowDuplicate) {
    const dups = await findDuplicates(db, lib.networkId, input);
    if (dups.length) throw readerProblem(409, 'reader_duplicate', 'readers.duplicate');
  }
  return db.transaction(async (tx) => {
    const cardNumber = input.cardNumber ?? (await nextCardNumber(tx));
    const { libraryId: _lib, consentGiven: _c, allowDuplicate: _d, consentDate, ...person } = input;
    const [reader] = await tx
      .insert(readers)
      .values({
        ...person,
        ...derived({ ...person, cardNumber }),
        networkId: lib.networkId,
        cardNumber,
        consentDate: consentDate ?? todayIso(now),
        consentVersion: input.consentVersion || CURRENT_CONSENT_VERSION,
        homeLibraryId: lib.id,
      })
      .returning();
    const registration = await registrationValues(tx, reader!.id, lib, todayIso(now), actor);
    await tx.insert(readerRegistrations).values(registration);
    await writeAudit(tx, actor, {
      action: 'reader.register',
      objectType: 'reader',
      objectId: reader!.id,
      networkId: lib.networkId,
      libraryId: lib.id,
      summary: reader!.cardNumber,
      after: {
        cardNumber,
        categoryId: input.categoryId,
        year: registration.year,
        consentVersion: reader!.consentVersion,
      },
    });
    return reader!;
  });
}

export async function updateReader(db: Db, actor: AuditActor, before: Reader, input: TReaderUpdate) {
  if (before.isAnonymised) throw readerProblem(409, 'reader_anonymised', 'readers.anonymised');
  await checkCategory(db, before.networkId, input.categoryId);
  return db.transaction(async (tx) => {
    const [reader] = await tx
      .update(readers)
      .set({ ...input, ...derived({ ...input, cardNumber: before.cardNumber }), updatedAt: new Date() })
      .where(eq(readers.id, before.id))
      .returning();
    await writeAudit(tx, actor, {
      action: 'reader.update',
      objectType: 'reader',
      objectId: before.id,
      networkId: before.networkId,
      summary: before.cardNumber,
      after: { changed: changedFields(before, input) },
    });
    return reader!;
  });
}

export async function setBlocked(
  db: Db,
  actor: AuditActor,
  before: Reader,
  blocked: boolean,
  reason = '',
  libraryId?: string,
) {
  return db.transaction(async (tx) => {
    const [reader] = await tx
      .update(readers)
      .set({
        isBlocked: blocked,
        blockReason: blocked ? reason : '',
        blockedAt: blocked ? new Date() : null,
        updatedAt: new Date(),
      })
      .where(eq(readers.id, before.id))
      .returning();
    await writeAudit(tx, actor, {
      action: blocked ? 'reader.block' : 'reader.unblock',
      objectType: 'reader',
      objectId: before.id,
      networkId: before.networkId,
      libraryId: libraryId ?? null,
      summary: before.cardNumber,
      before: { isBlocked: before.isBlocked, blockReason: before.blockReason },
      after: { isBlocked: blocked, blockReason: blocked ? reason : '' },
    });
    return reader!;
  });
}

/** Records that a person opened a reader's card (personal data): who, when, which card. */
export async function logReaderView(db: Db, actor: AuditActor, reader: Reader, libraryId: string | null) {
  await writeAudit(db, actor, {
    action: 'reader.view',
    objectType: 'reader',
    objectId: reader.id,
    networkId: reader.networkId,
    libraryId,
    summary: reader.cardNumber,
  });
}

export interface ReaderListQuery {
  q?: string | undefined;
  networkId?: string | undefined;
  libraryId?: string | undefined;
  categoryId?: string | undefined;
  isBlocked?: boolean | undefined;
  ageGroup?: TAgeGroup | undefined;
  page: number;
  pageSize: number;
}

/** Readers in an age group today: from the birth date, or from the birth year once the date is erased. */
function ageGroupCondition(group: TAgeGroup): SQL {
  const age = sql`coalesce(extract(year from age(current_date, ${readers.birthDate}))::int, extract(year from current_date)::int - ${readers.birthYear})`;
  if (group === 'upTo14') return sql`${age} <= 14`;
  if (group === 'from15to30') return sql`${age} between 15 and 30`;
  return sql`${age} > 30`;
}

/** Readers of the given networks (null = all), searched by name, card number or phone, paged. */
export async function listReaders(db: Db, query: ReaderListQuery, networkIds: string[] | null, lang: TLanguage) {
  const where: (SQL | undefined)[] = [isNull(readers.mergedIntoId)];
  if (networkIds !== null) where.push(networkIds.length ? inArray(readers.networkId, networkIds) : sql`false`);
  if (query.networkId) where.push(eq(readers.networkId, query.networkId));
  if (query.categoryId) where.push(eq(readers.categoryId, query.categoryId));
  if (query.isBlocked !== undefined) where.push(eq(readers.isBlocked, query.isBlocked));
  if (query.ageGroup) where.push(ageGroupCondition(query.ageGroup));
  if (query.libraryId) {
    where.push(
      sql`exists (select 1 from ${readerRegistrations} r where r.reader_id = ${readers.id} and r.library_id = ${query.libraryId})`,
    );
  }
  const q = query.q?.trim() ?? '';
  if (q) {
    const term = /^[+\d\s()-]+$/.test(q) && digits(q).length >= 3 ? digits(q) : foldText(q).replace(/\s+/g, ' ');
    where.push(sql`${readers.searchText} like ${`%${likeEscape(term)}%`}`);
  }
  const condition = and(...where);
  const lastYear = sql<
    number | null
  >`(select max(r.year) from ${readerRegistrations} r where r.reader_id = ${readers.id})`;
  const [rows, total] = await Promise.all([
    db
      .select({ reader: readers, category: { name: readerCategories.name, nameKy: readerCategories.nameKy, nameEn: readerCategories.nameEn }, lastYear })
      .from(readers)
      .innerJoin(readerCategories, eq(readerCategories.id, readers.categoryId))
      .where(condition)
      .orderBy(asc(readers.nameFolded), desc(readers.createdAt))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(readers)
      .where(condition),
  ]);
  return { items: rows.map((r) => readerRow(r.reader, categoryName(r.category, lang), r.lastYear)), total: total[0]?.n ?? 0 };
}

/** A reader as a list row. */
export function readerRow(r: Reader, categoryName: string, lastYear: number | null, on = new Date()) {
  return {
    id: r.id,
    networkId: r.networkId,
    cardNumber: r.cardNumber,
    surname: r.surname,
    firstName: r.firstName,
    patronymic: r.patronymic,
    birthDate: r.birthDate,
    birthYear: r.birthYear,
    age: r.birthDate ? ageOn(r.birthDate, on) : null,
    ageGroup: ageGroup(r, on),
    categoryId: r.categoryId,
    categoryName,
    phone: r.phone,
    isBlocked: r.isBlocked,
    isAnonymised: r.isAnonymised,
    lastYear: lastYear === null ? null : Number(lastYear),
  };
}

/** Library passports, one per library and year; saving a year never touches the other years. */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../app/db';
import { writeAudit, type AuditActor } from '../audit';
import type { Library } from './libraries.service';
import { emptyPassport, type TPassportData } from './network.schemas';
import { libraryPassports } from './network.tables';

export type Passport = typeof libraryPassports.$inferSelect;

export async function listPassportYears(db: Db, libraryId: string) {
  return db
    .select({ year: libraryPassports.year, updatedAt: libraryPassports.updatedAt, updatedBy: libraryPassports.updatedBy })
    .from(libraryPassports)
    .where(eq(libraryPassports.libraryId, libraryId))
    .orderBy(desc(libraryPassports.year));
}

/** The passport of a year, or (without a year) the latest one; an empty one when none exists yet. */
export interface PassportView {
  year: number;
  data: TPassportData;
  updatedAt: Date | null;
  isSaved: boolean;
}

export async function findPassport(db: Db, libraryId: string, year?: number): Promise<PassportView> {
  const rows = await db
    .select()
    .from(libraryPassports)
    .where(year ? and(eq(libraryPassports.libraryId, libraryId), eq(libraryPassports.year, year)) : eq(libraryPassports.libraryId, libraryId))
    .orderBy(desc(libraryPassports.year))
    .limit(1);
  const row = rows[0];
  if (row) return { year: row.year, data: row.data, updatedAt: row.updatedAt, isSaved: true };
  // A new year starts from the latest earlier passport, so a librarian only changes what changed.
  const latest = year ? await findPassport(db, libraryId) : null;
  return {
    year: year ?? new Date().getFullYear(),
    data: latest?.isSaved ? latest.data : emptyPassport(),
    updatedAt: null,
    isSaved: false,
  };
}

export async function savePassport(db: Db, actor: AuditActor, lib: Library, year: number, data: TPassportData) {
  return db.transaction(async (tx) => {
    const before = (
      await tx
        .select()
        .from(libraryPassports)
        .where(and(eq(libraryPassports.libraryId, lib.id), eq(libraryPassports.year, year)))
        .for('update')
    )[0];
    const [row] = before
      ? await tx
          .update(libraryPassports)
          .set({ data, updatedAt: new Date(), updatedBy: actor.id })
          .where(eq(libraryPassports.id, before.id))
          .returning()
      : await tx.insert(libraryPassports).values({ libraryId: lib.id, year, data, updatedBy: actor.id }).returning();
    await writeAudit(tx, actor, {
      action: before ? 'passport.update' : 'passport.create',
      objectType: 'library_passport',
      objectId: `${lib.id}:${year}`,
      networkId: lib.networkId,
      libraryId: lib.id,
      summary: `${lib.name}, ${year}`,
      before: before?.data ?? null,
      after: data,
    });
    return row!;
  });
}

/** The network's list of reader categories: the defaults on first use, then edited by the network. */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../app/db';
import type { TLanguage } from '../staff/staff.schemas';
import { writeAudit, type AuditActor } from '../audit';
import { DEFAULT_READER_CATEGORIES, type TCategoryInput } from './readers.schemas';
import { readerCategories } from './readers.tables';

export type ReaderCategory = typeof readerCategories.$inferSelect;

/** Adds the default categories a network lacks (idempotent, safe to call concurrently). */
export async function ensureDefaultCategories(db: Db, networkId: string): Promise<void> {
  const existing = await db
    .select({ id: readerCategories.id })
    .from(readerCategories)
    .where(eq(readerCategories.networkId, networkId))
    .limit(1);
  if (existing.length) return;
  await db
    .insert(readerCategories)
    .values(
      DEFAULT_READER_CATEGORIES.map((c, i) => ({ networkId, code: c.code, name: c.name, nameKy: c.nameKy, nameEn: c.nameEn, sortOrder: (i + 1) * 10 })),
    )
    .onConflictDoNothing();
}

/** The category's name in the staff member's language; the Russian one where that name is empty. */
export function categoryName(category: Pick<ReaderCategory, 'name' | 'nameKy' | 'nameEn'>, lang: TLanguage): string {
  const local = lang === 'ky' ? category.nameKy : lang === 'en' ? category.nameEn : '';
  return local.trim() || category.name;
}

export async function listCategories(db: Db, networkId: string): Promise<ReaderCategory[]> {
  await ensureDefaultCategories(db, networkId);
  return db
    .select()
    .from(readerCategories)
    .where(eq(readerCategories.networkId, networkId))
    .orderBy(asc(readerCategories.sortOrder), asc(readerCategories.name));
}

export async function findCategory(db: Db, id: string): Promise<ReaderCategory | null> {
  return (await db.select().from(readerCategories).where(eq(readerCategories.id, id)))[0] ?? null;
}

export async function findCategoryByCode(db: Db, networkId: string, code: string): Promise<ReaderCategory | null> {
  await ensureDefaultCategories(db, networkId);
  const rows = await db
    .select()
    .from(readerCategories)
    .where(and(eq(readerCategories.networkId, networkId), eq(readerCategories.code, code)));
  return rows[0] ?? null;
}

export async function createCategory(db: Db, actor: AuditActor, networkId: string, input: TCategoryInput) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(readerCategories)
      .values({ ...input, networkId })
      .returning();
    await writeAudit(tx, actor, {
      action: 'reader_category.create',
      objectType: 'reader_category',
      objectId: row!.id,
      networkId,
      summary: row!.name,
      after: row,
    });
    return row!;
  });
}

export async function updateCategory(db: Db, actor: AuditActor, before: ReaderCategory, input: TCategoryInput) {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(readerCategories).set(input).where(eq(readerCategories.id, before.id)).returning();
    await writeAudit(tx, actor, {
      action: 'reader_category.update',
      objectType: 'reader_category',
      objectId: before.id,
      networkId: before.networkId,
      summary: row!.name,
      before,
      after: row,
    });
    return row!;
  });
}

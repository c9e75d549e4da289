/**
 * Recomputes every live record's derived columns — what search, lists and the ГОСТ description are made
 * of — from its MARC record, which stays as it is. A save does this for one record; after an upgrade that
 * changes how they are derived (full forenames in the search text, ISBNs read past a Cyrillic "х"), this
 * brings the records saved before up to date. Only records whose columns differ are written; the search
 * rows follow by the triggers, as on any save.
 */
import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../app/db';
import { writeAudit, type AuditActor } from '../audit';
import { bibRecords } from './catalog.tables';
import { columnsFromMarc } from './records.service';

export interface ReindexSummary {
  records: number;
  changed: number;
}

const BATCH = 500;

type Derived = Omit<ReturnType<typeof columnsFromMarc>, 'marc' | 'format'>;

/** The derived columns as stored, in the shape columnsFromMarc gives them (for comparing). */
const storedOf = (row: typeof bibRecords.$inferSelect, keys: readonly (keyof Derived)[]) =>
  JSON.stringify(keys.map((k) => row[k as keyof typeof row] ?? null));

export async function reindexRecords(db: Db, actor: AuditActor, onProgress?: (done: number, total: number) => void): Promise<ReindexSummary> {
  const live = eq(bibRecords.isDeleted, false);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(bibRecords).where(live);
  const summary: ReindexSummary = { records: 0, changed: 0 };
  let after: string | null = null;
  for (;;) {
    const rows: (typeof bibRecords.$inferSelect)[] = await db
      .select()
      .from(bibRecords)
      .where(after ? and(live, gt(bibRecords.id, after)) : live)
      .orderBy(asc(bibRecords.id))
      .limit(BATCH);
    if (!rows.length) break;
    await db.transaction(async (tx) => {
      for (const row of rows) {
        const { marc: _marc, format: _format, ...derived } = columnsFromMarc(row.marc, row.format);
        const keys = Object.keys(derived) as (keyof Derived)[];
        if (storedOf(row, keys) === JSON.stringify(keys.map((k) => derived[k] ?? null))) continue;
        await tx.update(bibRecords).set({ ...derived, updatedAt: sql`${bibRecords.updatedAt}` }).where(eq(bibRecords.id, row.id));
        summary.changed++;
      }
    });
    summary.records += rows.length;
    after = rows[rows.length - 1]!.id;
    onProgress?.(summary.records, total);
  }
  await writeAudit(db, actor, {
    action: 'catalog.reindex',
    objectType: 'catalog',
    objectId: 'all',
    summary: `${summary.changed} of ${summary.records} records`,
  });
  return summary;
}

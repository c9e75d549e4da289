/**
 * Visits: one per reader per library per day, written by every desk transaction (checkout, return,
 * renewal, in-library use) with ON CONFLICT DO NOTHING; plus a manual counter for visits without a
 * transaction (reading room, events).
 */
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';
import { writeAudit, type AuditActor } from '../audit';
import { todayUtc, type DeskLibrary } from './checkout.service';
import { manualVisits } from './circulation.tables';

export interface VisitCount {
  day: string;
  readers: number;
  manual: number;
  total: number;
}

export async function countVisits(db: Db, libraryId: string, day: string): Promise<VisitCount> {
  const rows = await db.execute(sql`
    select (select count(*)::int from reader_visits where library_id = ${libraryId} and day = ${day}::date) as readers,
      coalesce((select count from manual_visits where library_id = ${libraryId} and day = ${day}::date), 0)::int as manual`);
  const row = rowsOf<{ readers: number; manual: number }>(rows)[0]!;
  return { day, readers: row.readers, manual: row.manual, total: row.readers + row.manual };
}

/** Adds to (or, with a negative number, corrects) the day's manual count; never below zero. */
export async function addManualVisits(db: Db, actor: AuditActor, lib: DeskLibrary, add: number, day = todayUtc()) {
  await db.transaction(async (tx) => {
    await tx
      .insert(manualVisits)
      .values({ libraryId: lib.id, day, count: Math.max(0, add) })
      .onConflictDoUpdate({
        target: [manualVisits.libraryId, manualVisits.day],
        set: { count: sql`greatest(0, ${manualVisits.count} + ${add})`, updatedAt: new Date() },
      });
    const [row] = await tx.select().from(manualVisits).where(and(eq(manualVisits.libraryId, lib.id), eq(manualVisits.day, day)));
    await writeAudit(tx, actor, {
      action: 'visits.manual',
      objectType: 'library',
      objectId: lib.id,
      networkId: lib.networkId,
      libraryId: lib.id,
      summary: `${day}: ${add > 0 ? '+' : ''}${add} = ${row?.count ?? 0}`,
    });
  });
  return countVisits(db, lib.id, day);
}

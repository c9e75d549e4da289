/**
 * Copies withheld from readers by a check against the list of extremist materials («Снять с выдачи»):
 * each carries the confirmed match that withheld it (items.withheld_by). Until it is written off such a
 * copy is neither lent nor held, and nobody puts it back on the shelf by hand; the refusal names the
 * check as the app names checks (its day) and the entry of the list. Holds already placed on the record
 * end with the decision when nothing is left to wait for (endHoldsOfWithheld). A confirmed decision is final:
 * the extremist module has no way to reverse it, so nothing clears the mark.
 */
import { eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../app/db';
import { AppError } from '../../app/errors';
import { writeAudit, type AuditActor } from '../../audit';
import type { TItemStatus } from '../catalog.schemas';
import { extremistChecks, extremistEntries, extremistMatches } from './extremist.tables';

/** What may become of a withheld copy: it stays withheld, is lost, or is written off. */
export const WITHHELD_STATUSES: readonly TItemStatus[] = ['in_repair', 'lost', 'written_off'];

const ruDate = (iso: string) => iso.split('-').reverse().join('.');

/** The check and the entry that withheld a copy, as the refusal names them. */
export async function withholdingOf(db: Db, matchId: string): Promise<{ date: string; entry: number }> {
  const [row] = await db
    .select({ checkedOn: extremistChecks.checkedOn, entry: extremistEntries.number })
    .from(extremistMatches)
    .innerJoin(extremistChecks, eq(extremistChecks.id, extremistMatches.checkId))
    .innerJoin(extremistEntries, eq(extremistEntries.id, extremistMatches.entryId))
    .where(eq(extremistMatches.id, matchId));
  return { date: row ? ruDate(row.checkedOn) : '—', entry: row?.entry ?? 0 };
}

/** Refuses giving a withheld copy a status that would let readers have it (on the shelf, above all). */
export async function assertWithheldStatus(db: Db, withheldBy: string | null, to: TItemStatus) {
  if (!withheldBy || WITHHELD_STATUSES.includes(to)) return;
  const params = await withholdingOf(db, withheldBy);
  throw new AppError(
    409,
    'item_withheld',
    'catalog.item_withheld',
    [{ field: 'status', code: 'item_withheld', key: 'catalog.item_withheld', params }],
    params,
  );
}

/**
 * Ends the holds on a record once nothing of it in the network is left a reader could wait for (every
 * copy withheld, written off or lost, as placing a hold judges it): after a confirmed match. A copy
 * already on the hold shelf for one of them stays where it is, withheld; each hold ended is audited with
 * the entry of the list. Runs inside the decision's transaction; returns how many holds ended.
 */
export async function endHoldsOfWithheld(
  tx: Db,
  actor: AuditActor,
  recordId: string,
  networkId: string,
  entryNumber: number,
  now = new Date(),
): Promise<number> {
  const [left] = rowsOf<{ left: boolean }>(
    await tx.execute(sql`select exists (select 1 from items i where i.record_id = ${recordId} and i.network_id = ${networkId}
      and i.status not in ('lost','written_off') and i.withheld_by is null) as "left"`),
  );
  if (left?.left) return 0;
  const ended = rowsOf<{ id: string; pickupLibraryId: string; status: string }>(
    await tx.execute(sql`
      with active as (
        select id, status from holds
        where record_id = ${recordId} and network_id = ${networkId} and status in ('waiting','in_transit','ready')
        order by id for update)
      update holds h set status = 'cancelled', closed_at = ${now} from active a where h.id = a.id
      returning h.id, h.pickup_library_id as "pickupLibraryId", a.status`),
  );
  for (const hold of ended) {
    await writeAudit(tx, actor, {
      action: 'hold.cancel',
      objectType: 'hold',
      objectId: hold.id,
      networkId,
      libraryId: hold.pickupLibraryId,
      summary: `ФСЭМ № ${entryNumber}: nothing left to wait for`,
      before: { status: hold.status },
      after: { status: 'cancelled' },
    });
  }
  return ended.length;
}

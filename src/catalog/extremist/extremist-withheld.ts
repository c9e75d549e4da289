/**
 * Copies withheld from readers by a check against the list of extremist materials («Снять с выдачи»):
 * each carries the confirmed match that withheld it (items.withheld_by). Until it is written off such a
 * copy is neither lent nor held, and nobody puts it back on the shelf by hand; the refusal names the
 * check as the app names checks (its day) and the entry of the list. A confirmed decision is final:
 * the extremist module has no way to reverse it, so nothing clears the mark.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { AppError } from '../../app/errors';
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
  throw new AppError(409, 'item_withheld', 'catalog.item_withheld', [{ field: 'status', code: 'item_withheld', key: 'catalog.item_withheld', params }], params);
}
